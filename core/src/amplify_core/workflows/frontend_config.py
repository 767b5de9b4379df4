"""Choosing a frontend and settling its settings, the same way for init and configure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..context import AmplifyContext
from ..errors import UsageError
from ..prompts.question import Choice, Question
from ..state.paths import path_in_project


def scores(ctx: AmplifyContext, project_dir: Path) -> list[tuple[int, str]]:
    """``(score, name)`` of every installed frontend, best first (ties by name)."""
    ranked = [(ctx.frontend(name).scan(project_dir), name) for name in sorted(ctx.plugins.frontends)]
    return sorted(ranked, key=lambda pair: (-pair[0], pair[1]))


def choose_frontend(ctx: AmplifyContext, project_dir: Path, given: str | None) -> str:
    """``given`` if any; else the best-scoring frontend (asked interactively)."""
    if given:
        return given
    ranked = scores(ctx, project_dir)
    if not ranked:
        raise UsageError(
            "No frontend plugin is installed.",
            hint="pip install amplify-frontend-javascript (or another amplify frontend)",
        )
    question = Question(
        id="frontend",
        message="Choose the type of app that you're building",
        kind="select",
        choices=[Choice(name) for _, name in ranked],
        default=ranked[0][1],
        flag='--frontend \'{"frontend": "<name>"}\'',
    )
    return ctx.prompter.ask([question])["frontend"]


def flatten_params(params: dict[str, Any]) -> dict[str, Any]:
    """``{"framework": f, "config": {k: v}}`` → ``{"framework": f, k: v}``: headless
    parameters become answers keyed by question id, so both paths share one function."""
    answers = {k: v for k, v in params.items() if k != "config"}
    answers.update(params.get("config") or {})
    return answers


def settle_settings(
    ctx: AmplifyContext,
    name: str,
    project_dir: Path,
    params: dict[str, Any] | None,
    *,
    current: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The frontend's settings from headless params, or detected defaults confirmed or
    edited interactively (``--yes`` takes them as they are)."""
    settings = _settle(ctx, name, project_dir, params, current=current)
    source = "--frontend" if params is not None else "the frontend settings"
    check_frontend_paths(ctx, project_dir, name, settings, source=source)
    return settings


def check_frontend_paths(
    ctx: AmplifyContext,
    project_dir: Path,
    name: str,
    settings: dict[str, Any],
    *,
    source: str = "project-config.json",
) -> None:
    """Refuse (exit 2, naming the key) settings whose paths lead out of the project."""
    for key, value in ctx.frontend(name).project_paths(settings).items():
        path_in_project(project_dir, value, key=key, source=source)


def _settle(
    ctx: AmplifyContext,
    name: str,
    project_dir: Path,
    params: dict[str, Any] | None,
    *,
    current: dict[str, Any] | None,
) -> dict[str, Any]:
    frontend = ctx.frontend(name)
    defaults = current or frontend.detect(project_dir)
    if params is not None:
        return frontend.settings_from_answers(defaults, flatten_params(params))
    if ctx.yes:
        return defaults
    questions = frontend.questions(defaults)
    if not questions:
        return defaults
    show_settings(ctx, name, defaults)
    keep = ctx.prompter.ask(
        [
            Question(
                id="acceptDefaults",
                message="Initialize the project with the above configuration?",
                kind="confirm",
                default=True,
            )
        ]
    )["acceptDefaults"]
    if keep:
        return defaults
    return ask_one_by_one(ctx, frontend, defaults)


def ask_one_by_one(ctx: AmplifyContext, frontend: Any, defaults: dict[str, Any]) -> dict[str, Any]:
    """Ask the frontend's questions in turn, re-deriving the rest after each answer, so a
    later default follows an earlier choice (a new framework brings its own build command)."""
    answers: dict[str, Any] = {}
    settings = defaults
    while True:
        pending = [q for q in frontend.questions(settings) if q.id not in answers]
        if not pending:
            return settings
        answers.update(ctx.prompter.ask(pending[:1]))
        settings = frontend.settings_from_answers(defaults, answers)


def show_settings(ctx: AmplifyContext, name: str, settings: dict[str, Any]) -> None:
    ctx.console.print(f"Frontend: {name}")
    for key, value in settings.items():
        if isinstance(value, dict):
            for sub, subvalue in value.items():
                ctx.console.print(f"  {sub}: {subvalue}")
        else:
            ctx.console.print(f"  {key}: {value}")
