"""``amplify configure project``: rename, change editor, frontend settings, or how to reach AWS.

Headless (any of ``--amplify``, ``--frontend``, ``--providers``, or ``--yes``): only what the
parameters name changes, and "Which setting do you want to configure?" is never asked (Gen 1
asked it even with ``--yes``). Interactive: the current settings are shown, then one section
is configured. Every answer is collected before a file is written.
"""

from __future__ import annotations

from typing import Any

from ..context import AmplifyContext
from ..errors import UsageError
from ..params.headless import HeadlessInput
from ..params.models import EDITORS, normalize_editor
from ..prompts.question import Choice, Question
from ..state.models import LocalEnvInfo
from ..state.project import Project
from .frontend_config import check_frontend_paths, scores, settle_settings, show_settings
from .naming import normalize_project_name
from .project_files import activate_env, record_env

SUCCESS = "Successfully made configuration changes to your project."
SECTIONS = {
    "project": "Project information",
    "aws": "AWS Profile setting",
}


def run_configure_project(ctx: AmplifyContext, headless: HeadlessInput) -> None:
    project = ctx.project
    config = project.project_config()
    env_info = project.local_env_info()
    env_name = env_info.envName
    provider_name = config.provider_name
    provider = ctx.provider(provider_name)
    current_access = project.local_aws_info().get(env_name)

    requested_env = headless.amplify.get("envName")
    if requested_env and requested_env != env_name:
        raise UsageError(
            f"configure project changes the current environment ({env_name}); it cannot switch to {requested_env!r}.",
            hint=f"Run `amplify env checkout {requested_env}` first.",
        )

    name, editor = config.projectName, env_info.defaultEditor
    frontend, settings = config.frontend, config.frontend_settings()
    new_access: dict[str, Any] | None = None
    if headless.given or ctx.yes:
        name = (
            normalize_project_name(headless.amplify["projectName"])
            if "projectName" in headless.amplify
            else name
        )
        editor = normalize_editor(headless.amplify.get("defaultEditor")) or editor
        if headless.frontend is not None:
            frontend, settings = _frontend_settings(
                ctx, project, headless.frontend, headless.frontend_params, config
            )
        if headless.providers:
            given = headless.providers.get(provider_name)
            if given is None:
                raise UsageError(f"--providers: this project uses {provider_name!r}; pass its block.")
            new_access = provider.reconfigure(current_access, given)
    else:
        _show_current(ctx, config, env_info, provider.describe_access(current_access))
        section = ctx.prompter.ask(
            [
                Question(
                    id="section",
                    message="Which setting do you want to configure?",
                    kind="select",
                    choices=[Choice(k, name=v) for k, v in SECTIONS.items()],
                    default="project",
                    flag="--amplify / --frontend / --providers",
                )
            ]
        )["section"]
        if section == "project":
            answers = ctx.prompter.ask(
                [
                    Question(
                        id="projectName",
                        message="Enter a name for the project",
                        default=name,
                        flag="--amplify.projectName",
                    ),
                    Question(
                        id="defaultEditor",
                        message="Choose your default editor:",
                        kind="select",
                        choices=[Choice(e) for e in EDITORS],
                        default=editor,
                        flag="--amplify.defaultEditor",
                    ),
                ]
            )
            name = normalize_project_name(answers["projectName"])
            editor = normalize_editor(answers["defaultEditor"]) or editor
            chosen = _ask_frontend(ctx, project, frontend)
            frontend, settings = _frontend_settings(ctx, project, chosen, None, config)
        else:
            new_access = provider.reconfigure(current_access, None)

    _write(ctx, project, config, env_name, name, editor, frontend, settings, provider_name, new_access)
    ctx.console.success(SUCCESS)


def _frontend_settings(ctx, project: Project, frontend: str, params, config) -> tuple[str, dict[str, Any]]:
    current = config.frontend_settings() if frontend == config.frontend else None
    return frontend, settle_settings(ctx, frontend, project.root, params, current=current)


def _ask_frontend(ctx: AmplifyContext, project: Project, current: str) -> str:
    ranked = [name for _, name in scores(ctx, project.root)]
    if current not in ranked:
        ranked.insert(0, current)
    return ctx.prompter.ask(
        [
            Question(
                id="frontend",
                message="Choose the type of app that you're building",
                kind="select",
                choices=[Choice(n) for n in ranked],
                default=current,
                flag="--frontend",
            )
        ]
    )["frontend"]


def _show_current(ctx: AmplifyContext, config, env_info: LocalEnvInfo, access: str) -> None:
    ctx.console.print("Project information")
    ctx.console.print(f"| Name: {config.projectName}")
    ctx.console.print(f"| Environment: {env_info.envName}")
    ctx.console.print(f"| Default editor: {env_info.defaultEditor}")
    ctx.console.print("")
    show_settings(ctx, config.frontend, config.frontend_settings())
    ctx.console.print("")
    ctx.console.print("AWS Profile setting")
    ctx.console.print(f"| {access}")
    ctx.console.print("")


def _write(
    ctx, project: Project, config, env_name, name, editor, frontend, settings, provider_name, new_access
) -> None:
    if frontend != config.frontend:
        _remove_old_config_files(ctx, project, config)
    updated = config.with_frontend(frontend, settings)
    updated.projectName = name
    if updated.model_dump(exclude_none=True) != config.model_dump(exclude_none=True):
        project.save_project_config(updated)
    if new_access is not None:
        record_env(project, env_name, provider_name, _env_info(project, env_name, provider_name), new_access)
    activate_env(ctx, project, env_name=env_name, editor=editor)


def _remove_old_config_files(ctx, project: Project, config) -> None:
    """The old frontend's config files go, unless its paths lead out of the project: then
    there is nothing of ours to delete there (and a fix of those paths must not be refused)."""
    try:
        check_frontend_paths(ctx, project.root, config.frontend, config.frontend_settings())
    except UsageError as exc:
        ctx.console.warn(f"Not removing the old frontend's config files: {exc.message}")
        return
    ctx.frontend(config.frontend).remove_config_files(project.root, config.frontend_settings())


def _env_info(project: Project, env_name: str, provider_name: str) -> dict[str, Any]:
    return project.team_provider_info().get(env_name, {}).get(provider_name, {})
