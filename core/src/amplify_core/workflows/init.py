"""``amplify init``: a new project, a new environment of a project, or joining an existing one.

All input is gathered and validated first; the root stack is created next; project files
are written only after it exists. If writing fails, the stack is removed again (or the
message says exactly what was left).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..context import AmplifyContext
from ..errors import AmplifyError, OperationError, ProjectError, UsageError
from ..params.headless import HeadlessInput
from ..params.models import EDITORS, normalize_editor
from ..prompts.prompter import NonInteractivePrompter
from ..prompts.question import Choice, Question
from ..state.models import ProjectConfig
from ..state.paths import find_project_root
from ..state.project import Project
from .frontend_config import choose_frontend, settle_settings
from .naming import check_env_name, normalize_project_name, require_env_name
from .project_files import switch_env, write_new_env

SUCCESS = (
    "Your project has been successfully initialized and connected to the cloud!\n"
    "Some next steps:\n"
    '"amplify status" will show you what you\'ve added already and if it\'s locally configured or deployed\n'
    '"amplify add <category>" will allow you to add features like hosting\n'
    '"amplify push" will build all your local backend resources and provision it in the cloud\n'
    '"amplify publish" will build all your local backend and frontend resources (if you have hosting category added) and provision it in the cloud\n'
    'Try "amplify add api" to create a backend API and then "amplify push" to deploy everything'
)


@dataclass
class InitAnswers:
    project_name: str
    env_name: str
    editor: str


def run_init(ctx: AmplifyContext, headless: HeadlessInput) -> None:
    root = find_project_root(ctx.cwd)
    if root is not None and root != ctx.cwd.resolve():
        raise ProjectError(
            f"{ctx.cwd} is inside the Amplify project at {root}; init cannot create a project inside another.",
            hint=f"Run amplify commands from {root}, or init a folder outside it.",
        )
    if root is None:
        _init_new_project(ctx, headless)
    else:
        init_existing_project(ctx, Project(root), headless, command="init")


def _init_new_project(ctx: AmplifyContext, headless: HeadlessInput) -> None:
    project_dir = ctx.cwd.resolve()
    answers = _ask_basics(ctx, project_dir, headless)
    frontend = choose_frontend(ctx, project_dir, headless.frontend)
    settings = settle_settings(ctx, frontend, project_dir, headless.frontend_params)
    provider_name, provider_params = _provider_choice(ctx, headless)
    config = ProjectConfig(
        projectName=answers.project_name, frontend=frontend, providers=[provider_name]
    ).with_frontend(frontend, settings)
    ctx.fire("amplify_pre_init")
    project = Project(project_dir)
    ctx.set_project(project)
    _create_env(
        ctx, project, config=config, answers=answers, provider_name=provider_name,
        provider_params=provider_params, new_project=True,
    )
    ctx.console.print(SUCCESS)


def init_existing_project(
    ctx: AmplifyContext, project: Project, headless: HeadlessInput, *, command: str
) -> None:
    """``init`` in an initialised project, or ``env add``: a new env, or join a known one."""
    ctx.set_project(project)
    config = project.project_config()
    known = project.env_names()
    env_name = headless.amplify.get("envName")
    if env_name is None:
        if ctx.yes:
            current = project.local_env_info().envName if project.paths.local_env_info.exists() else None
            raise UsageError(
                f"Amplify project {config.projectName} is already initialized"
                + (f" for environment {current}." if current else "."),
                hint="To create a new environment run `amplify env add`.",
            )
        env_name = _ask_env_name(ctx, known, command)
    require_env_name(env_name)
    editor = normalize_editor(headless.amplify.get("defaultEditor")) or _current_editor(project)
    provider_name, provider_params = _provider_choice(ctx, headless, default=config.providers[0])
    if env_name in known and command == "init":
        _join_env(ctx, project, env_name, editor, provider_name, provider_params)
        return
    if env_name in known:
        raise UsageError(f"The environment {env_name!r} already exists.", hint="Use `amplify env checkout`.")
    answers = InitAnswers(config.projectName, env_name, editor)
    _create_env(
        ctx, project, config=config, answers=answers, provider_name=provider_name,
        provider_params=provider_params, new_project=False,
    )
    ctx.console.success(f"Initialized your environment successfully: {env_name}")


def _join_env(
    ctx: AmplifyContext, project: Project, env_name: str, editor: str,
    provider_name: str, provider_params: dict[str, Any] | None,
) -> None:
    """A teammate's clone chooses an existing environment: no stack is created."""
    local_aws = project.local_aws_info()
    if provider_params is not None or env_name not in local_aws:
        local_aws[env_name] = ctx.provider(provider_name).configure(provider_params)
        project.save_local_aws_info(local_aws)
    for folder in (project.paths.backend, project.paths.current_cloud_backend):
        folder.mkdir(parents=True, exist_ok=True)
    switch_env(ctx, project, env_name=env_name, editor=editor)
    ctx.console.success(f"Initialized your environment successfully: {env_name}")


def _create_env(
    ctx: AmplifyContext, project: Project, *, config: ProjectConfig, answers: InitAnswers,
    provider_name: str, provider_params: dict[str, Any] | None, new_project: bool,
) -> None:
    provider = ctx.provider(provider_name)
    aws_info = provider.configure(provider_params)
    outputs = provider.init_env(config.projectName, answers.env_name, aws_info)
    try:
        write_new_env(
            ctx, project, config=config, env_name=answers.env_name, editor=answers.editor,
            aws_info=aws_info, provider_outputs=outputs, new_project=new_project,
        )
    except (AmplifyError, OSError) as exc:
        _roll_back(ctx, provider, answers.env_name, outputs, aws_info, exc)
    ctx.fire("amplify_post_init", env_name=answers.env_name)
    ctx.fire("amplify_post_env_add", env_name=answers.env_name)


def _roll_back(ctx, provider, env_name, outputs, aws_info, cause: BaseException) -> None:
    stack = outputs.get("StackName", "?")
    try:
        provider.delete_env(env_name, outputs, aws_info)
    except Exception as cleanup:  # noqa: BLE001 - report both failures
        raise OperationError(
            f"Writing the project files failed ({cause}); removing stack {stack} also failed "
            f"({cleanup}). Left in the cloud: stack {stack} and bucket "
            f"{outputs.get('DeploymentBucketName', '?')}."
        ) from cause
    raise OperationError(
        f"Writing the project files failed ({cause}); stack {stack} was removed again."
    ) from cause


def _ask_basics(ctx: AmplifyContext, project_dir: Path, headless: HeadlessInput) -> InitAnswers:
    given = headless.amplify
    questions = []
    if "projectName" not in given:
        questions.append(Question(
            id="projectName", message="Enter a name for the project",
            default=normalize_project_name(project_dir.name), flag="--amplify.projectName",
        ))
    if "envName" not in given:
        questions.append(Question(
            id="envName", message="Enter a name for the environment", default="dev",
            validate=check_env_name, flag="--amplify.envName",
        ))
    if "defaultEditor" not in given:
        questions.append(Question(
            id="defaultEditor", message="Choose your default editor:", kind="select",
            choices=[Choice(e) for e in EDITORS], default="vscode", flag="--amplify.defaultEditor",
        ))
    if headless.frontend is None and isinstance(ctx.prompter, NonInteractivePrompter):
        # Nobody can answer: list the frontend too, so one error names everything missing.
        questions.append(Question(
            id="frontend", message="Choose the type of app that you're building", kind="select",
            choices=[Choice(n) for n in sorted(ctx.plugins.frontends)], flag="--frontend",
        ))
    answers = {**given, **ctx.prompter.ask(questions)}
    return InitAnswers(
        project_name=normalize_project_name(answers["projectName"]),
        env_name=require_env_name(answers["envName"]),
        editor=normalize_editor(answers["defaultEditor"]) or "vscode",
    )


def _ask_env_name(ctx: AmplifyContext, known: list[str], command: str) -> str:
    if command == "init" and known:
        use_existing = ctx.prompter.ask([Question(
            id="useExistingEnv", message="Do you want to use an existing environment?",
            kind="confirm", default=True,
        )])["useExistingEnv"]
        if use_existing:
            return ctx.prompter.ask([Question(
                id="envName", message="Choose the environment you would like to use:",
                kind="select", choices=known, default=known[0], flag="--amplify.envName",
            )])["envName"]
    return ctx.prompter.ask([Question(
        id="envName", message="Enter a name for the environment", validate=check_env_name,
        flag="--amplify.envName",
    )])["envName"]


def _current_editor(project: Project) -> str:
    if project.paths.local_env_info.exists():
        return project.local_env_info().defaultEditor
    return "vscode"


def _provider_choice(
    ctx: AmplifyContext, headless: HeadlessInput, default: str = "awscloudformation"
) -> tuple[str, dict[str, Any] | None]:
    if headless.providers:
        if len(headless.providers) > 1:
            raise UsageError("--providers: only one provider per project is supported.")
        name, params = next(iter(headless.providers.items()))
        return name, params
    ctx.provider(default)  # fails early, naming the package, if it is not installed
    ctx.console.print(f"Using default provider  {default}")
    return default, None
