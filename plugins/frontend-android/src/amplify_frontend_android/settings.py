"""The frontend's block of ``project-config.json``: ``{"config": {"ResDir": …}}``, Gen 1's shape.

Prompt answers (``{"ResDir": …}``) and validated ``--frontend`` parameters (the core flattens
``config`` the same way) go through the same :func:`settings_from_answers`, so an interactive
init and the equivalent headless one write the same file.
"""

from __future__ import annotations

from typing import Any

from amplify_core.plugin import Question

DEFAULT_RES_DIR = "app/src/main/res"
"""Gen 1's default: the ``app`` module of a project made by Android Studio."""


def default_settings() -> dict[str, Any]:
    return {"config": {"ResDir": DEFAULT_RES_DIR}}


def questions(defaults: dict[str, Any]) -> list[Question]:
    return [
        Question(
            id="ResDir",
            message="Where is your Res directory:",
            default=(defaults.get("config") or {}).get("ResDir", DEFAULT_RES_DIR),
            validate=_not_blank,
            flag='--frontend {"config": {"ResDir": …}}',
        )
    ]


def settings_from_answers(defaults: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Settings from a ``ResDir`` answer, flat or inside ``config``; the default when absent."""
    res_dir = (
        answers.get("ResDir")
        or (answers.get("config") or {}).get("ResDir")
        or (defaults.get("config") or {}).get("ResDir")
        or DEFAULT_RES_DIR
    )
    return {"config": {"ResDir": res_dir}}


def _not_blank(answer: Any) -> str | None:
    if not isinstance(answer, str) or not answer.strip():
        return "A value is required."
    return None
