"""``amplify pull``: attach this folder to an environment that exists in the cloud.

Three folders, one command (as Gen 1's ``pull``):

* **No project here** (a new folder): find the environment in the account — by project and
  environment name (``--amplify``), or chosen from what the account holds — then write the
  project's files: ``project-config.json`` (with the frontend's settings), the environment's
  blocks, ``backend/`` and ``#current-cloud-backend/`` from its deployed state, the frontend's
  config files and the ``.gitignore`` block.
* **A clone without a current environment** (``team-provider-info.json`` committed, no
  ``local-env-info.json``): the environment comes from team-provider-info.json (or, when it is
  not there, from the account); the committed ``backend/`` stays unless ``--restore``.
* **A project with a current environment**: refresh it (or switch to ``--amplify.envName``)
  from the cloud, as ``env pull`` / ``env checkout``; ``--restore`` overwrites ``backend/``.

Everything is asked and looked up before anything is written; a failure leaves the folder as
it was and exits 1 (Gen 1's headless pull exits 0 when it fails).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..context import AmplifyContext
from ..errors import OperationError, UsageError
from ..interfaces import FoundEnv
from ..params.headless import HeadlessInput
from ..params.models import EDITORS, normalize_editor
from ..prompts.question import Choice, Question
from ..state.gitignore import update_gitignore
from ..state.models import DEFAULT_PROVIDER, ProjectConfig
from ..state.paths import find_project_root
from ..state.project import Project
from .env_cloud import env_access, pull_env, pull_into
from .frontend_config import choose_frontend, settle_settings
from .naming import require_env_name


def success_line(env_name: str) -> str:
    return f"Successfully pulled backend environment {env_name} from the cloud."


def run_pull(ctx: AmplifyContext, headless: HeadlessInput, *, restore: bool) -> str:
    """Pull; returns the environment now current."""
    root = find_project_root(ctx.cwd)
    if root is not None and root != ctx.cwd.resolve():
        raise UsageError(
            f"{ctx.cwd} is inside the Amplify project at {root}.",
            hint=f"Run amplify pull from {root}.",
        )
    if root is None:
        return _attach_new_folder(ctx, ctx.cwd.resolve(), headless)
    return _pull_into_project(ctx, Project(root), headless, restore=restore)


# -- a project folder ------------------------------------------------------------------------


def _pull_into_project(
    ctx: AmplifyContext, project: Project, headless: HeadlessInput, *, restore: bool
) -> str:
    ctx.set_project(project)
    config = project.project_config()
    wanted = headless.amplify.get("projectName")
    if wanted and _norm(wanted) != _norm(config.projectName):
        raise UsageError(
            f"This folder holds the Amplify project {config.projectName!r}, not {wanted!r}.",
            hint="Pull another project into a new folder.",
        )
    provider_name, params = _provider_block(ctx, headless, default=config.provider_name)
    current = project.local_env_info().envName if project.paths.local_env_info.exists() else None
    known = sorted(project.team_provider_info())
    env_name = headless.amplify.get("envName") or current or _choose_known_env(ctx, known)
    require_env_name(env_name)
    editor = normalize_editor(headless.amplify.get("defaultEditor"))
    if project.team_provider_info().get(env_name, {}).get(provider_name):
        pull_env(ctx, project, env_name, params=params, restore=restore, editor=editor)
        return env_name
    # Not in team-provider-info.json: find it in the account, as in a new folder.
    aws_info, is_new = env_access(ctx, project, env_name, provider_name, params)
    found = _find_one(ctx, provider_name, aws_info, config.projectName, env_name)
    pull_into(
        ctx, project, env_name, found.env_info, aws_info if is_new else None, restore=restore, editor=editor
    )
    return env_name


def _choose_known_env(ctx: AmplifyContext, known: list[str]) -> str:
    if not known:
        raise UsageError(
            "This project has no environment in team-provider-info.json and none was named.",
            hint='Pass --amplify \'{"envName": "<env>"}\' to find it in the cloud.',
        )
    if ctx.yes and len(known) == 1:
        return known[0]
    return ctx.prompter.ask(
        [
            Question(
                id="envName",
                message="Choose the environment you would like to use:",
                kind="select",
                choices=known,
                default=known[0],
                flag="--amplify.envName",
            )
        ]
    )["envName"]


# -- a new folder ----------------------------------------------------------------------------


def _attach_new_folder(ctx: AmplifyContext, folder: Path, headless: HeadlessInput) -> str:
    provider_name, params = _provider_block(ctx, headless, default=DEFAULT_PROVIDER)
    provider = ctx.provider(provider_name)
    aws_info = provider.configure(params)
    found = _find_one(
        ctx, provider_name, aws_info, headless.amplify.get("projectName"), headless.amplify.get("envName")
    )
    frontend = choose_frontend(ctx, folder, headless.frontend)
    settings = settle_settings(ctx, frontend, folder, headless.frontend_params)
    editor = normalize_editor(headless.amplify.get("defaultEditor")) or _ask_editor(ctx)
    config = ProjectConfig(
        projectName=found.project_name, frontend=frontend, providers=[provider_name]
    ).with_frontend(frontend, settings)

    amplify_dir = folder / "amplify"
    existed = amplify_dir.exists()
    gitignore = folder / ".gitignore"
    gitignore_text = gitignore.read_text(encoding="utf-8") if gitignore.exists() else None
    project = Project(folder)
    ctx.set_project(project)
    try:
        project.paths.dot_config.mkdir(parents=True, exist_ok=True)
        project.save_project_config(config)
        # backend/ and #current-cloud-backend/ both become the deployed state.
        pull_into(ctx, project, found.env_name, found.env_info, aws_info, restore=True, editor=editor)
        update_gitignore(folder)
    except BaseException:
        if not existed:
            shutil.rmtree(amplify_dir, ignore_errors=True)
        if gitignore_text is None:
            gitignore.unlink(missing_ok=True)
        else:
            gitignore.write_text(gitignore_text, encoding="utf-8")
        raise
    return found.env_name


def _ask_editor(ctx: AmplifyContext) -> str:
    answer = ctx.prompter.ask(
        [
            Question(
                id="defaultEditor",
                message="Choose your default editor:",
                kind="select",
                choices=[Choice(e) for e in EDITORS],
                default="vscode",
                flag="--amplify.defaultEditor",
            )
        ]
    )["defaultEditor"]
    return normalize_editor(answer) or "vscode"


# -- finding the environment -----------------------------------------------------------------


def _find_one(
    ctx: AmplifyContext,
    provider_name: str,
    aws_info: dict[str, Any],
    project_name: str | None,
    env_name: str | None,
) -> FoundEnv:
    """The one environment the names point at; asks when several fit and someone can answer."""
    found = ctx.provider(provider_name).find_envs(aws_info, project_name=project_name, env_name=env_name)
    wanted = (
        " ".join(
            filter(
                None,
                [
                    f"project {project_name!r}" if project_name else None,
                    f"environment {env_name!r}" if env_name else None,
                ],
            )
        )
        or "environment"
    )
    if not found:
        where = ctx.provider(provider_name).describe_access(aws_info)
        raise OperationError(
            f"No Amplify {wanted} was found in the cloud account (access: {where}).",
            hint="Check the project and environment names, the AWS profile and its region.",
        )
    projects = sorted({f.project_name for f in found})
    if len(projects) > 1:
        if ctx.yes:
            raise UsageError(
                f"Several projects fit: {', '.join(projects)}.",
                hint='Name one: --amplify \'{"projectName": "<project>", "envName": "<env>"}\'',
            )
        chosen = ctx.prompter.ask(
            [
                Question(
                    id="projectName",
                    message="Which app are you working on?",
                    kind="select",
                    choices=projects,
                    default=projects[0],
                    flag="--amplify.projectName",
                )
            ]
        )["projectName"]
        found = [f for f in found if f.project_name == chosen]
    if len(found) > 1:
        names = [f.env_name for f in found]
        if len(set(names)) < len(names):
            stacks = ", ".join(f.env_info.get("StackName", "?") for f in found)
            raise OperationError(
                f"Several root stacks are environment {names[0]!r} of {found[0].project_name}: {stacks}.",
                hint="Delete the stray stack, or attach with amplify env import.",
            )
        if ctx.yes:
            raise UsageError(
                f"Project {found[0].project_name} has several environments: {', '.join(names)}.",
                hint='Name one: --amplify \'{"envName": "<env>"}\'',
            )
        chosen_env = ctx.prompter.ask(
            [
                Question(
                    id="envName",
                    message="Pick a backend environment:",
                    kind="select",
                    choices=names,
                    default=names[0],
                    flag="--amplify.envName",
                )
            ]
        )["envName"]
        found = [f for f in found if f.env_name == chosen_env]
    return found[0]


def _provider_block(
    ctx: AmplifyContext, headless: HeadlessInput, *, default: str
) -> tuple[str, dict[str, Any] | None]:
    if headless.providers:
        if len(headless.providers) > 1:
            raise UsageError("--providers: only one provider per project is supported.")
        return next(iter(headless.providers.items()))
    ctx.provider(default)  # fails early, naming the package, if it is not installed
    return default, None


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())
