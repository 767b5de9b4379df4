"""``lib/amplifyconfiguration.dart``: the Amplify libraries' JSON inside a Dart string.

Gen 1 (``amplify-frontend-flutter/lib/dart-fs.js``) writes exactly::

    const amplifyconfig = ''' {
        "UserAgent": "aws-amplify-cli/2.0",
        "Version": "1.0"
    }''';

that is ``const amplifyconfig = ''' `` + the JSON indented by 4 + ``''';``, and reads the file
back by taking the text from the first ``{`` to the last ``}``. We write the same text (plus
a final newline, as every file this project writes), so projects move between the two CLIs
without a diff. Gen 1 put the JSON into the Dart string unescaped, so a ``$`` or a backslash
in a value changed the string Dart saw; here those are escaped for Dart (``\\$``, ``\\\\``)
and unescaped on reading, which leaves ordinary files byte-identical.

The JSON has the same shape as the native apps' ``amplifyconfiguration.json``
(:func:`amplify_core.native_config.amplify_configuration`). Keys the user added to the file
are kept; the blocks the CLI owns are replaced.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from amplify_core.plugin import amplify_configuration, write_text_atomic

FILE_NAME = "amplifyconfiguration.dart"
PREFIX = "const amplifyconfig = ''' "
SUFFIX = "''';"
#: Top-level keys the CLI writes; every other key of an existing file is the user's.
OWNED_KEYS = ("UserAgent", "Version", "hosting")


def render(config: dict[str, Any]) -> str:
    text = json.dumps(config, indent=4, ensure_ascii=False)
    return PREFIX + _escape(text) + SUFFIX + "\n"


def parse(text: str) -> dict[str, Any]:
    """The JSON object in a Dart config file (Gen 1's first-``{``-to-last-``}`` rule)."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        return {}
    try:
        data = json.loads(_unescape(text[start : end + 1]))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def configuration(outputs: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The new object: the CLI's blocks for ``outputs``, then the user's own keys."""
    config = amplify_configuration(outputs)
    for key, value in current.items():
        if key not in OWNED_KEYS and key not in config:
            config[key] = value
    return config


def write(folder: Path, outputs: dict[str, Any]) -> Path:
    path = folder / FILE_NAME
    current = parse(path.read_text(encoding="utf-8")) if path.is_file() else {}
    write_text_atomic(path, render(configuration(outputs, current)))
    return path


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("'''", "\\'\\'\\'")


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in "\\$'":
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
