"""The only module that imports InquirerPy: renders questions in a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from InquirerPy import inquirer
from InquirerPy.base.control import Choice as InquirerChoice

from ..errors import Interrupted
from .question import Question


class InquirerPrompter:
    """Asks each question in turn; re-asks until the question's validator accepts."""

    def ask(self, questions: Sequence[Question]) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for question in questions:
            answers[question.id] = self._ask_one(question)
        return answers

    def _ask_one(self, q: Question) -> Any:
        def validate(value: Any) -> bool:
            return q.check(value) is None

        kwargs: dict[str, Any] = {"message": q.message, "mandatory": True}
        prompt: Any
        if q.kind == "confirm":
            prompt = inquirer.confirm(default=bool(q.default), **kwargs)
        elif q.kind == "select":
            choices = [InquirerChoice(c.value, name=c.label) for c in q.normalized_choices()]
            prompt = inquirer.select(choices=choices, default=q.default, **kwargs)
        elif q.kind == "checkbox":  # the default is the list of values ticked at first
            ticked = list(q.default or [])
            choices = [
                InquirerChoice(c.value, name=c.label, enabled=c.value in ticked)
                for c in q.normalized_choices()
            ]
            prompt = inquirer.checkbox(choices=choices, **kwargs)
        elif q.kind == "password":
            prompt = inquirer.secret(validate=validate, invalid_message="Invalid value", **kwargs)
        else:
            # Gen 1 shows the default after the question and starts with an empty line:
            # Enter takes the default, typing replaces it (never appends to it).
            fallback = "" if q.default is None else str(q.default)
            if fallback:
                kwargs["message"] = f"{q.message} ({fallback})"
            prompt = inquirer.text(
                default="",
                validate=lambda value: validate(value or fallback),
                filter=lambda value: value or fallback,
                transformer=lambda value: value or fallback,
                invalid_message=_invalid_message(q),
                **kwargs,
            )
        try:
            return prompt.execute()
        except KeyboardInterrupt:
            raise Interrupted() from None


def _invalid_message(q: Question) -> str:
    return f"Invalid value for {q.id}"
