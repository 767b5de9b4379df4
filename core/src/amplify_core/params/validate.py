"""Validate parameter JSON against JSON Schema (Draft 2020-12), naming the JSON path."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..errors import UsageError
from ..lazy import resolve
from ..redact import is_secret_key, shorten


@cache
def schema_of(model_ref: Any) -> dict[str, Any]:
    """The JSON Schema of a pydantic model (given as class or ``"module:Model"``)."""
    model = resolve(model_ref)
    return _without_null_defaults(model.model_json_schema())


def _without_null_defaults(node: Any) -> Any:
    """Drop ``"default": null``: an optional field's schema should say only what a given
    value must be (pydantic writes the Python default ``None`` into the schema)."""
    if isinstance(node, dict):
        return {k: _without_null_defaults(v) for k, v in node.items() if not (k == "default" and v is None)}
    if isinstance(node, list):
        return [_without_null_defaults(v) for v in node]
    return node


def errors_for(flag: str, data: Any, schema: dict[str, Any]) -> list[str]:
    """Every validation error as ``<flag>.<path>: <message>``, secrets masked."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)
    try:
        found = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    except RecursionError:
        raise UsageError(f"{flag}: the JSON is nested too deeply") from None
    lines = []
    for error in found:
        path = list(error.absolute_path)
        where = flag + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        if any(is_secret_key(p) for p in path):
            message = "invalid value (not shown: secret)"
        else:
            message = _short_message(error)
        lines.append(f"{where}: {message}")
    return lines


def _short_message(error: Any) -> str:
    """The validator's message with the offending value cut short (it may be huge)."""
    message, shown = error.message, repr(error.instance)
    if len(shown) > 60:
        message = message.replace(shown, shorten(shown, 60))
    return shorten(message, 400)


def check(flag: str, data: Any, schema: dict[str, Any]) -> None:
    """Raise a UsageError listing every problem of ``data``."""
    problems = errors_for(flag, data, schema)
    if problems:
        raise UsageError("Invalid parameters:\n" + "\n".join(f"  {p}" for p in problems))


def check_model(flag: str, data: Any, model_ref: Any) -> None:
    """Validate ``data`` against the schema of a pydantic model."""
    check(flag, data, schema_of(model_ref))
