"""``amplify init`` and ``amplify env add``: a new project, a new environment, or joining one.

Every answer is gathered and validated first (one batch, so a non-interactive run lists
everything missing at once); the provider then creates the root stack and stores the new
environment's (empty) deployed state; project files are written only after both succeeded.
If anything fails after the stack exists, the stack is removed again and local files are put
back as they were — or the message says exactly what was left.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..context import AmplifyContext
from ..errors import AmplifyError, Interrupted, OperationError, ProjectError, UsageError
from ..params.headless import HeadlessInput
from ..params.models import EDITORS, normalize_editor
from ..prompts.prompter import NonInteractivePrompter
from ..prompts.question import Choice, Question
from ..state.jsonfile import read_json
from ..state.models import DEFAULT_PROVIDER, ProjectConfig
from ..state.paths import find_project_root
from ..state.project import Project
from .env_cloud import pull_env
from .frontend_config import check_frontend_paths, choose_frontend, settle_settings
from .naming import check_env_name, normalize_project_name, require_env_name
from .next_steps import init_success
from .project_files import default_tags, write_new_env, write_new_env_snapshot
from .project_skeleton import write_project_skeleton

ENV_SUCCESS = "Initialized your environment successfully."
PROVIDERS_FLAG = "--providers '{\"awscloudformation\": {…}}'"


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
    _env_values(headless.categories)  # a bad shape fails before any question or cloud call
    answers = _ask_basics(ctx, project_dir, headless)
    frontend = choose_frontend(ctx, project_dir, headless.frontend)
    settings = settle_settings(ctx, frontend, project_dir, headless.frontend_params)
    provider_name, provider_params = _provider_choice(ctx, headless)
    config = ProjectConfig(
        projectName=answers.project_name, frontend=frontend, providers=[provider_name]
    ).with_frontend(frontend, settings)
    provider = ctx.provider(provider_name)
    aws_info = provider.configure(provider_params)
    ctx.fire("amplify_pre_init")
    project = Project(project_dir)
    ctx.set_project(project)
    _create_env(
        ctx,
        project,
        config=config,
        answers=answers,
        provider_name=provider_name,
        aws_info=aws_info,
        new_project=True,
        from_env=None,
        categories=headless.categories,
    )
    write_project_skeleton(project.paths.amplify)
    ctx.fire("amplify_post_init", env_name=answers.env_name)
    ctx.console.print(init_success(ctx.plugins.categories))


def init_existing_project(
    ctx: AmplifyContext,
    project: Project,
    headless: HeadlessInput,
    *,
    command: str,
    env_name: str | None = None,
) -> None:
    """``init`` in an initialised project, or ``env add``: a new env, or (init) join a known one."""
    _env_values(headless.categories)  # a bad shape fails before any question or cloud call
    ctx.set_project(project)
    config = project.project_config()
    check_frontend_paths(ctx, project.root, config.frontend, config.frontend_settings())
    known = project.env_names()
    env_name = env_name or headless.amplify.get("envName")
    if env_name is None:
        if ctx.yes:
            current = _current_env(project)
            if command == "init" and current:
                raise UsageError(
                    f"Amplify project {config.projectName} is already initialized for environment {current}.",
                    hint="To create a new environment run `amplify env add`.",
                )
            if command == "init":
                raise UsageError(
                    f"Amplify project {config.projectName} is already initialized "
                    f"(environments: {', '.join(known) or 'none'}); choose one for this clone.",
                    hint='Pass --amplify \'{"envName": "<env>"}\' to use an existing environment, '
                    "or run `amplify env add` to create one.",
                )
            raise UsageError(
                "`amplify env add --yes` needs the new environment's name.",
                hint='Pass it as `amplify env add <name> --yes` or --amplify \'{"envName": "<name>"}\'.',
            )
        # Only environments this branch's team-provider-info.json lists can be joined here.
        env_name = _ask_env_name(ctx, sorted(project.team_provider_info()), command)
    require_env_name(env_name)
    editor = normalize_editor(headless.amplify.get("defaultEditor")) or _current_editor(
        ctx, project, ask=command == "env add"
    )
    provider_name, provider_params = _provider_choice(ctx, headless, default=config.providers[0])
    if env_name in known and command == "init":
        pull_env(ctx, project, env_name, params=provider_params, editor=editor)
        ctx.fire("amplify_post_init", env_name=env_name)
        ctx.console.success(ENV_SUCCESS)
        return
    if env_name in known:
        raise UsageError(
            f"The environment {env_name!r} already exists.",
            hint=f"Use `amplify env checkout {env_name}` to switch to it.",
        )
    current = _current_env(project)
    current_access = project.local_aws_info().get(current) if current else None
    aws_info = ctx.provider(provider_name).reconfigure(current_access, provider_params)
    ctx.fire("amplify_pre_init")
    answers = InitAnswers(config.projectName, env_name, editor)
    _create_env(
        ctx,
        project,
        config=config,
        answers=answers,
        provider_name=provider_name,
        aws_info=aws_info,
        new_project=False,
        from_env=current,
        categories=headless.categories,
    )
    if command == "init":
        ctx.fire("amplify_post_init", env_name=env_name)
    ctx.console.success(ENV_SUCCESS)


def _create_env(
    ctx: AmplifyContext,
    project: Project,
    *,
    config: ProjectConfig,
    answers: InitAnswers,
    provider_name: str,
    aws_info: dict[str, Any],
    new_project: bool,
    from_env: str | None,
    categories: dict[str, Any] | None = None,
) -> None:
    """Root stack, then its snapshot in the cloud, then the local files; undo on failure.

    ``from_env`` is the environment the project was on (what plugins copy settings from).
    ``categories`` (``--categories``) are the new environment's own values,
    ``{category: {resource: {parameter: value}}}``, kept in its ``team-provider-info.json``
    ``categories`` block as Gen 1 keeps them (what push would otherwise ask for).
    """
    env_values = _env_values(categories)
    provider = ctx.provider(provider_name)
    outputs = provider.init_env(config.projectName, answers.env_name, aws_info)
    saved = _LocalState.capture(project, new_project)
    try:
        tags = read_json(project.paths.backend / "tags.json", default=None) or default_tags()
        with tempfile.TemporaryDirectory(prefix="amplify-env-") as staging:
            snapshot = write_new_env_snapshot(Path(staging), provider_name, outputs, tags)
            provider.store_current_cloud_backend(answers.env_name, outputs, aws_info, snapshot)
            write_new_env(
                ctx,
                project,
                config=config,
                env_name=answers.env_name,
                editor=answers.editor,
                aws_info=aws_info,
                provider_outputs=outputs,
                new_project=new_project,
                snapshot=snapshot,
            )
            if env_values:
                tpi = project.team_provider_info()
                tpi[answers.env_name]["categories"] = env_values
                project.save_team_provider_info(tpi)
    except BaseException as exc:  # noqa: BLE001 - any failure (Ctrl-C too) undoes the stack
        saved.restore()
        _roll_back(provider, answers.env_name, outputs, aws_info, exc)
    saved.discard()
    provider.env_recorded(answers.env_name, outputs)
    ctx.fire("amplify_post_env_add", env_name=answers.env_name, from_env=from_env)


def _env_values(categories: dict[str, Any] | None) -> dict[str, Any]:
    """``--categories`` as per-resource values. :raises UsageError: not that shape."""
    for category, resources in (categories or {}).items():
        for resource, values in resources.items():
            if not isinstance(values, dict) or not all(
                isinstance(v, (str, int, float, bool)) for v in values.values()
            ):
                raise UsageError(
                    f"--categories.{category}.{resource}: expected an object of parameter values, "
                    'e.g. {"function": {"myfn": {"apiUrl": "https://…"}}}.'
                )
    return {c: dict(r) for c, r in (categories or {}).items() if r}


class _LocalState:
    """What ``_create_env`` may change locally, kept to be put back if the env is rolled back."""

    def __init__(
        self, project: Project, new_project: bool, texts: dict[Path, str | None], created: list[Path]
    ):
        self.project = project
        self.new_project = new_project
        self.texts = texts
        self.created = created
        self.backup: Path | None = None

    @classmethod
    def capture(cls, project: Project, new_project: bool) -> _LocalState:
        paths = project.paths
        files = [
            paths.team_provider_info,
            paths.local_aws_info,
            paths.local_env_info,
            paths.amplify_meta,
            project.root / ".gitignore",
            project.root / ".gitattributes",
        ]
        texts = {f: (f.read_text(encoding="utf-8") if f.exists() else None) for f in files}
        created = [paths.amplify] if not paths.amplify.exists() else []
        state = cls(project, new_project, texts, created)
        if paths.current_cloud_backend.is_dir():
            state.backup = Path(tempfile.mkdtemp(prefix="amplify-ccb-")) / "copy"
            shutil.copytree(paths.current_cloud_backend, state.backup)
        return state

    def discard(self) -> None:
        if self.backup is not None:
            shutil.rmtree(self.backup.parent, ignore_errors=True)

    def restore(self) -> None:
        try:
            for path in self.created:
                shutil.rmtree(path, ignore_errors=True)
            for path, text in self.texts.items():
                if text is None:
                    if path.exists():
                        path.unlink()
                elif path.parent.is_dir():
                    path.write_text(text, encoding="utf-8")
            if self.backup is not None:
                target = self.project.paths.current_cloud_backend
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(self.backup, target)
        except OSError:
            pass
        finally:
            self.discard()


def _roll_back(
    provider, env_name: str, outputs: dict[str, Any], aws_info: dict[str, Any], cause: BaseException
) -> None:
    stack = outputs.get("StackName", "?")
    what = _describe_cause(cause)
    try:
        provider.delete_env(env_name, outputs, aws_info)
    except BaseException as cleanup:  # noqa: BLE001 - report both failures
        message = (
            f"{what}; removing stack {stack} also failed ({_describe_cause(cleanup)}). "
            f"Left in the cloud: stack {stack} and bucket {outputs.get('DeploymentBucketName', '?')}."
        )
        raise (
            Interrupted(message) if isinstance(cause, KeyboardInterrupt) else OperationError(message)
        ) from cause
    message = f"{what}; stack {stack} was removed again and local files were left as they were."
    if isinstance(cause, (KeyboardInterrupt, Interrupted)):
        raise Interrupted(message) from cause
    raise OperationError(message) from cause


def _describe_cause(exc: BaseException) -> str:
    if isinstance(exc, KeyboardInterrupt):
        return "Interrupted"
    if isinstance(exc, AmplifyError):
        return f"Initializing the environment failed: {exc.message}"
    return f"Initializing the environment failed ({type(exc).__name__}: {exc})"


def _ask_basics(ctx: AmplifyContext, project_dir: Path, headless: HeadlessInput) -> InitAnswers:
    given = headless.amplify
    questions = []
    if "projectName" not in given:
        questions.append(
            Question(
                id="projectName",
                message="Enter a name for the project",
                default=normalize_project_name(project_dir.name),
                flag="--amplify.projectName",
            )
        )
    if "envName" not in given:
        questions.append(
            Question(
                id="envName",
                message="Enter a name for the environment",
                default="dev",
                validate=check_env_name,
                flag="--amplify.envName",
            )
        )
    if "defaultEditor" not in given:
        questions.append(_editor_question())
    if isinstance(ctx.prompter, NonInteractivePrompter):
        # Nobody can answer: list the frontend and the provider too, so one error names
        # everything missing.
        if headless.frontend is None:
            questions.append(
                Question(
                    id="frontend",
                    message="Choose the type of app that you're building",
                    kind="select",
                    choices=[Choice(n) for n in sorted(ctx.plugins.frontends)],
                    flag="--frontend",
                )
            )
        if headless.providers is None:
            questions.append(
                Question(
                    id="providers",
                    message="Select the authentication method you want to use",
                    flag=PROVIDERS_FLAG,
                )
            )
    answers = {**given, **ctx.prompter.ask(questions)}
    return InitAnswers(
        project_name=normalize_project_name(answers["projectName"]),
        env_name=require_env_name(answers["envName"]),
        editor=normalize_editor(answers["defaultEditor"]) or "vscode",
    )


def _ask_env_name(ctx: AmplifyContext, known: list[str], command: str) -> str:
    if command == "init" and known:
        use_existing = ctx.prompter.ask(
            [
                Question(
                    id="useExistingEnv",
                    message="Do you want to use an existing environment?",
                    kind="confirm",
                    default=True,
                    flag='--amplify \'{"envName": "<existing env>"}\'',
                )
            ]
        )["useExistingEnv"]
        if use_existing:
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
    return ctx.prompter.ask(
        [
            Question(
                id="envName",
                message="Enter a name for the environment",
                validate=check_env_name,
                flag="--amplify.envName",
            )
        ]
    )["envName"]


def _current_env(project: Project) -> str | None:
    if project.paths.local_env_info.exists():
        return project.local_env_info().envName
    return None


def _current_editor(ctx: AmplifyContext, project: Project, *, ask: bool) -> str:
    """This clone's editor; ``env add`` in a clone with no local environment yet asks, as
    init asks a new project."""
    if project.paths.local_env_info.exists():
        return project.local_env_info().defaultEditor
    if not ask:
        return "vscode"
    return normalize_editor(ctx.prompter.ask([_editor_question()])["defaultEditor"]) or "vscode"


def _editor_question() -> Question:
    return Question(
        id="defaultEditor",
        message="Choose your default editor:",
        kind="select",
        choices=[Choice(e) for e in EDITORS],
        default="vscode",
        flag="--amplify.defaultEditor",
    )


def _provider_choice(
    ctx: AmplifyContext, headless: HeadlessInput, default: str = DEFAULT_PROVIDER
) -> tuple[str, dict[str, Any] | None]:
    if headless.providers:
        if len(headless.providers) > 1:
            raise UsageError("--providers: only one provider per project is supported.")
        name, params = next(iter(headless.providers.items()))
        return name, params
    ctx.provider(default)  # fails early, naming the package, if it is not installed
    ctx.console.print(f"Using default provider  {default}")
    return default, None
