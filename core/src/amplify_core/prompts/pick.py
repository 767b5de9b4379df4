"""Which resource of a category a command acts on: named, asked for, or refused.

``amplify update/remove <category> [name]`` in every category plugin: with no resource an error
that says how to add one, with a name not among them an error listing those there are, and
without a name a select question (headless: the name as an argument).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import UsageError
from .prompter import Prompter
from .question import Question


def pick_resource(
    prompter: Prompter,
    existing: Mapping[str, Any],
    name: str | None,
    *,
    none: str,
    hint: str,
    message: str,
    not_found: str,
    flag: str = "the resource name as an argument",
) -> str:
    """The chosen resource's name.

    :param none: the error when the category has no resource; ``hint`` says how to add one.
    :param message: the select question's text.
    :param not_found: the error for a name not in ``existing``; ``{name}`` and ``{names}``
        (those there are, comma-separated) are filled in.
    """
    if not existing:
        raise UsageError(none, hint=hint)
    names = sorted(existing)
    if name is None:
        question = Question(
            id="resourceName",
            kind="select",
            choices=names,
            default=names[0] if len(names) == 1 else None,
            message=message,
            flag=flag,
        )
        name = prompter.ask([question])["resourceName"]
    if name not in existing:
        raise UsageError(not_found.format(name=name, names=", ".join(names)))
    return name
