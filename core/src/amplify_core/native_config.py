"""The two files a native app (Android or iOS) reads its backend from, in Gen 1's shapes.

* ``awsconfiguration.json``, the legacy SDK format: ``UserAgent``, ``Version``,
  ``IdentityManager`` and one section per backend service (Cognito, S3, Pinpoint …). Hosting
  has no section there (Gen 1 wrote none). Top-level keys the user added are kept, unless they
  are one of Gen 1's reserved section names (those are the CLI's to write or drop).
* ``amplifyconfiguration.json``, the Amplify libraries' format: ``UserAgent``, ``Version`` and
  one ``<category>.plugins.<plugin>`` block per category, each contributed by its category
  plugin (``Category.native_outputs``): the core knows no category's keys.

Both are indented with 4 spaces like Gen 1's files (with a final newline, like every file this
project writes) and written atomically.

Both native frontends (and third-party ones such as Flutter's native side) share these
shapes, and plugins may not import each other, so the module lives in the core.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .state.jsonfile import write_text_atomic
from .state.paths import remove_existing

AWS_CONFIG_FILE = "awsconfiguration.json"
AMPLIFY_CONFIG_FILE = "amplifyconfiguration.json"

RESERVED_AWS_KEYS = frozenset(
    {
        "Auth",
        "CredentialsProvider",
        "CognitoUserPool",
        "GoogleSignIn",
        "FacebookSignIn",
        "S3TransferUtility",
        "PinpointAnalytics",
        "PinpointTargeting",
        "DynamoDBObjectMapper",
        "AppSync",
        "Lex",
        "Sumerian",
    }
)
"""Gen 1's sections of ``awsconfiguration.json``: never carried over from the old file."""

NATIVE_KEY = "__native__"
"""The outputs key holding categories' nested blocks (``Category.native_outputs``, merged):
``{"amplifyconfiguration": {...}, "awsconfiguration": {...}}``. Not a frontend config key."""


def merge_blocks(target: dict[str, Any], blocks: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``blocks`` into ``target`` (dicts merge, anything else replaces); returns it."""
    for key, value in blocks.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge_blocks(target[key], value)
        else:
            target[key] = value
    return target


def web_outputs(outputs: dict[str, Any]) -> dict[str, Any]:
    """The flat outputs without the native blocks (what a web app's config files hold)."""
    return {k: v for k, v in outputs.items() if k != NATIVE_KEY}


def aws_configuration(
    user_agent: str, current: dict[str, Any], sections: dict[str, Any] | None = None
) -> dict[str, Any]:
    """``awsconfiguration.json``: the fixed head, the categories' ``sections``, then the
    custom keys of ``current``."""
    config: dict[str, Any] = {"UserAgent": user_agent, "Version": "0.1.0", "IdentityManager": {"Default": {}}}
    merge_blocks(config, dict(sections or {}))
    for key, value in current.items():
        if key not in config and key not in RESERVED_AWS_KEYS:
            config[key] = value
    return config


def amplify_configuration(outputs: dict[str, Any]) -> dict[str, Any]:
    """``amplifyconfiguration.json``: the fixed head and the categories' blocks in ``outputs``."""
    config: dict[str, Any] = {"UserAgent": "aws-amplify-cli/2.0", "Version": "1.0"}
    merge_blocks(config, dict((outputs.get(NATIVE_KEY) or {}).get("amplifyconfiguration") or {}))
    return config


def render(config: dict[str, Any]) -> str:
    return json.dumps(config, indent=4, ensure_ascii=False) + "\n"


def write_config_files(folder: Path, outputs: dict[str, Any], *, user_agent: str) -> list[Path]:
    """Write both files into ``folder`` (created if missing); return their paths."""
    aws_path = folder / AWS_CONFIG_FILE
    amplify_path = folder / AMPLIFY_CONFIG_FILE
    sections = (outputs.get(NATIVE_KEY) or {}).get("awsconfiguration")
    write_text_atomic(aws_path, render(aws_configuration(user_agent, _read_object(aws_path), sections)))
    write_text_atomic(amplify_path, render(amplify_configuration(outputs)))
    return [aws_path, amplify_path]


def remove_config_files(folder: Path) -> list[Path]:
    """Delete both files from ``folder``; return those that existed."""
    return remove_existing([folder / AWS_CONFIG_FILE, folder / AMPLIFY_CONFIG_FILE])


def _read_object(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``, or ``{}``: a broken generated file is simply replaced."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
