"""The shape of each Gen 1 state file, checked when it is read, and what to do when it is wrong.

A cloned repository or a half-written file can hold anything: a list where an object belongs,
``{}`` without the keys every command needs, a number. :func:`problem` finds the first place
where a file's JSON departs from its shape, so the reader can name the file and the key
instead of letting a command fail later with a traceback. The shapes are deliberately loose
(only what the commands rely on) so that files written by any Gen 1 version still pass.

A shape is ``str`` / ``dict`` / ``list`` (that JSON type), a ``dict`` of key → shape (an
object; ``"?key"`` is optional, ``"*"`` applies to every other key) or a one-item ``list``
(every item has that shape); :class:`NonEmpty` wraps an object that needs at least one key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .legacy import modern_project_config


class NonEmpty:
    """An object with at least one key, each of ``shape`` (a template's ``Resources``)."""

    def __init__(self, shape: Any):
        self.shape = shape


_OBJECTS = {"*": dict}
_RESOURCE = {"service": str, "?providerPlugin": str, "*": object}
_CATEGORIES = {"*": {"*": _RESOURCE}}

#: File name → shape. Names under ``amplify/`` only (see :func:`shape_of`).
SHAPES: dict[str, Any] = {
    "local-env-info.json": {"envName": str, "projectPath": str, "?defaultEditor": str, "*": object},
    "project-config.json": {"projectName": str, "frontend": str, "?providers": [str], "*": object},
    "local-aws-info.json": _OBJECTS,
    "team-provider-info.json": {"*": {"?awscloudformation": dict, "?categories": dict, "*": object}},
    # "parameters" holds values shared between resources (Gen 1 writes it), not resources
    "backend-config.json": {"?parameters": {"*": dict}, **_CATEGORIES},
    "amplify-meta.json": {"?providers": {"?awscloudformation": dict, "*": object}, **_CATEGORIES},
    "tags.json": [{"Key": str, "Value": str, "*": object}],
    "cli.json": dict,
    "parameters.json": dict,
    "template.json": {
        "Resources": NonEmpty({"*": {"Type": str, "*": object}}),
        "?AWSTemplateFormatVersion": str,
        "?Description": str,
        "?Parameters": {"*": dict},
        "?Outputs": {"*": dict},
        "?Conditions": dict,
        "?Mappings": dict,
        "?Metadata": dict,
        "*": object,
    },
}

_WHAT_TO_DO = {
    "local-env-info.json": (
        'This file is local to your clone: delete it, then run "amplify env checkout <env>" '
        '("amplify env list" names them) or "amplify init".'
    ),
    "local-aws-info.json": (
        'This file is local to your clone: delete it, then run "amplify env checkout <env>" or '
        '"amplify configure project" to choose the AWS profile again.'
    ),
    "amplify-meta.json": (
        'This file is generated: run "amplify env pull" to download it again from the cloud.'
    ),
}
_CURRENT_CLOUD = (
    '#current-cloud-backend is a copy of what was last deployed: run "amplify env pull" to download it again.'
)
_COMMITTED = "Fix it by hand, or restore it from version control (git checkout -- <file>)."

_NAMES = {str: "text", dict: "a JSON object", list: "a list", object: "any value"}


def shape_of(path: Path) -> Any | None:
    """The shape a state file must have, or ``None`` for a file this module does not know."""
    path = Path(path)
    if "amplify" not in path.parts[:-1]:
        return None
    return SHAPES.get(path.name)


#: Files read through a conversion first (the 2018-2019 project-config.json shape).
_PREPARE = {"project-config.json": modern_project_config}


def check(path: Path, data: Any) -> str | None:
    """The first departure of a state file's JSON from its shape, or ``None`` (also for a
    file this module does not know)."""
    shape = shape_of(path)
    if shape is None:
        return None
    prepare = _PREPARE.get(Path(path).name)
    return problem(prepare(data) if prepare else data, shape)


def what_to_do(path: Path) -> str:
    """One sentence telling the user how to repair ``path``."""
    path = Path(path)
    if "#current-cloud-backend" in path.parts:
        return _CURRENT_CLOUD
    return _WHAT_TO_DO.get(path.name, _COMMITTED)


def problem(data: Any, shape: Any, where: str = "") -> str | None:
    """The first departure of ``data`` from ``shape`` (``"<where>: must be …"``), or ``None``."""
    label = where or "the whole file"
    if shape is object:
        return None
    if isinstance(shape, type):
        return None if _is(data, shape) else f"{label} must be {_NAMES[shape]}, not {_kind(data)}"
    if isinstance(shape, NonEmpty):
        if isinstance(data, dict) and not data:
            return f"{label} is empty"
        return problem(data, shape.shape, where)
    if isinstance(shape, list):
        if not isinstance(data, list):
            return f"{label} must be a list, not {_kind(data)}"
        for index, item in enumerate(data):
            found = problem(item, shape[0], f"{where}[{index}]")
            if found:
                return found
        return None
    if not isinstance(data, dict):
        return f"{label} must be a JSON object, not {_kind(data)}"
    for key in shape:
        if key == "*" or key.startswith("?"):
            continue
        if key not in data:
            return f"{_join(where, key)} is missing"
    rest = shape.get("*")
    for key, value in data.items():
        inner = shape.get(key, shape.get(f"?{key}", rest))
        if inner is None:
            continue
        found = problem(value, inner, _join(where, key))
        if found:
            return found
    return None


def _is(data: Any, kind: type) -> bool:
    if kind is dict:
        return isinstance(data, dict)
    if kind is list:
        return isinstance(data, list)
    return isinstance(data, kind) and not isinstance(data, bool)


def _kind(data: Any) -> str:
    if isinstance(data, dict):
        return "an object"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, bool) or data is None:
        return "true/false" if isinstance(data, bool) else "null"
    if isinstance(data, (int, float)):
        return "a number"
    return "text"


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
