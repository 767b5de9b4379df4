"""Who answers questions: a terminal, the defaults (``--yes``), a script, or nobody.

Commands ask a whole batch of questions at once, so that when nobody can answer, the error
lists every missing value in one go instead of failing on the first.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from ..errors import MissingInputError, UsageError
from .question import Question


class Prompter(Protocol):
    """Answers a batch of questions; returns ``{question.id: answer}``."""

    def ask(self, questions: Sequence[Question]) -> dict[str, Any]: ...


class NonInteractivePrompter:
    """For CI and piped input: never prompts, lists what is missing and fails at once."""

    def ask(self, questions: Sequence[Question]) -> dict[str, Any]:
        if questions:
            raise MissingInputError([q.describe() for q in questions])
        return {}


class DefaultsPrompter:
    """``--yes``: every question takes its default; questions without one are missing."""

    def ask(self, questions: Sequence[Question]) -> dict[str, Any]:
        missing = [q.describe() for q in questions if q.default is None]
        if missing:
            raise MissingInputError(missing, hint="These have no default; pass them as parameters.")
        answers = {q.id: q.default for q in questions}
        _check_all(questions, answers)
        return answers


class ScriptedPrompter:
    """Answers by question id, for tests; an unexpected question is an error, never a hang.

    An answer of :data:`ScriptedPrompter.DEFAULT` takes the question's default, as a person
    pressing Enter would.
    """

    DEFAULT = object()

    def __init__(self, answers: Mapping[str, Any]):
        self.answers = dict(answers)
        self.asked: list[str] = []

    def ask(self, questions: Sequence[Question]) -> dict[str, Any]:
        missing = [q.describe() for q in questions if q.id not in self.answers]
        if missing:
            raise MissingInputError(missing, hint="The test script has no answer for these.")
        self.asked.extend(q.id for q in questions)
        answers = {
            q.id: q.default if self.answers[q.id] is self.DEFAULT else self.answers[q.id] for q in questions
        }
        _check_all(questions, answers)
        return answers


def _check_all(questions: Sequence[Question], answers: Mapping[str, Any]) -> None:
    problems = []
    for q in questions:
        error = q.check(answers[q.id])
        if error:
            problems.append(f"{q.id}: {error}")
    if problems:
        raise UsageError("Invalid answers:\n" + "\n".join(f"  - {p}" for p in problems))


def is_interactive() -> bool:
    """True when a person can answer: stdin is a terminal and ``CI`` is not set to true."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return False
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def make_prompter(*, yes: bool) -> Prompter:
    """The prompter a command should use given ``--yes`` and the terminal."""
    if yes:
        return DefaultsPrompter()
    if not is_interactive():
        return NonInteractivePrompter()
    from .inquirer import InquirerPrompter

    return InquirerPrompter()
