"""A question as data, so the same flow runs in a terminal, with ``--yes`` or in a test."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["input", "confirm", "select", "checkbox", "password"]


@dataclass(frozen=True)
class Choice:
    """One entry of a ``select`` or ``checkbox`` question."""

    value: Any
    name: str | None = None

    @property
    def label(self) -> str:
        return self.name if self.name is not None else str(self.value)


@dataclass(frozen=True, kw_only=True)
class Question:
    """A single prompt.

    :param id: stable key of the answer, also the headless key that replaces the prompt.
    :param message: the text shown.
    :param default: the answer taken with ``--yes``; ``None`` means there is no default.
    :param validate: returns an error message, or ``None`` when the answer is acceptable.
    :param flag: how to give this value without a prompt (shown when it is missing).
    """

    id: str
    message: str
    kind: Kind = "input"
    default: Any = None
    choices: Sequence[Choice | Any] = field(default_factory=tuple)
    validate: Callable[[Any], str | None] | None = None
    flag: str | None = None

    def normalized_choices(self) -> list[Choice]:
        return [c if isinstance(c, Choice) else Choice(c) for c in self.choices]

    def check(self, answer: Any) -> str | None:
        """The validation error for ``answer``, or ``None``."""
        if self.kind == "select" and self.choices:
            values = [c.value for c in self.normalized_choices()]
            if answer not in values:
                return f"{answer!r} is not one of {values}"
        if self.validate is not None:
            return self.validate(answer)
        return None

    def describe(self) -> str:
        """How the question is listed when it cannot be asked."""
        where = f" ({self.flag})" if self.flag else ""
        return f"{self.id}: {self.message}{where}"
