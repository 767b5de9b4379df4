"""Read a JSON parameter from the command line: inline text, ``@path`` or ``-`` (stdin)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ..errors import UsageError
from ..redact import excerpt


def load_param(flag: str, raw: str | None, *, stdin: TextIO | None = None) -> Any:
    """Parse the value of ``flag``; ``None`` when the flag was not given.

    Errors name the flag and where the JSON broke, and never echo secrets.
    """
    if raw is None:
        return None
    origin = ""
    if raw == "-":
        stream = stdin if stdin is not None else sys.stdin
        if stream is None or stream.isatty():
            raise UsageError(f"{flag}: '-' reads JSON from standard input, but it is a terminal")
        text = stream.read()
        origin = " (from standard input)"
    elif raw.startswith("@"):
        path = Path(raw[1:]).expanduser()
        if not raw[1:]:
            raise UsageError(f"{flag}: '@' must be followed by a file name")
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UsageError(f"{flag}: file not found: {path}") from None
        except IsADirectoryError:
            raise UsageError(f"{flag}: {path} is a folder, not a JSON file") from None
        except UnicodeDecodeError:
            raise UsageError(f"{flag}: {path} is not UTF-8 text") from None
        origin = f" (in {path})"
    else:
        text = raw
    if not text.strip():
        raise UsageError(f"{flag}: empty value{origin}; expected a JSON object")
    try:
        return json.loads(text)
    except RecursionError:
        raise UsageError(f"{flag}: the JSON{origin} is nested too deeply") from None
    except json.JSONDecodeError as exc:
        snippet = excerpt(text, exc.pos)
        raise UsageError(
            f"{flag}: invalid JSON{origin} at line {exc.lineno} column {exc.colno} "
            f"(position {exc.pos}): {exc.msg}; near {snippet!r}"
        ) from None


def load_object_param(flag: str, raw: str | None) -> dict[str, Any] | None:
    """:func:`load_param` for a flag whose value must be a JSON object (``--params``);
    ``None`` when the flag was not given."""
    loaded = load_param(flag, raw)
    if loaded is not None and not isinstance(loaded, dict):
        raise UsageError(f"{flag}: expected a JSON object, got {type(loaded).__name__}")
    return loaded


def load_params(flags: dict[str, str | None]) -> dict[str, Any]:
    """Load several flags; at most one of them may read standard input."""
    from_stdin = [flag for flag, raw in flags.items() if raw == "-"]
    if len(from_stdin) > 1:
        raise UsageError(f"Only one parameter can read standard input; got {', '.join(from_stdin)}")
    return {flag: load_param(flag, raw) for flag, raw in flags.items()}
