"""``env import --name --config --awsInfo``: record an environment someone else created.

Nothing is fetched: ``--config`` is the environment's block of another clone's
``team-provider-info.json``. It is validated against the provider's ``env-import-config``
schema (all eight keys, each in its AWS shape) and ``--awsInfo`` against its ``aws-info``
schema before anything is written.
"""

from __future__ import annotations

from ..context import AmplifyContext
from ..errors import UsageError
from ..params.source import load_params
from ..params.validate import check, check_model
from ..prompts.question import Question
from ..state.legacy import unwrap_amplifyrc
from .naming import require_env_name
from .project_files import activate_env, record_env

SUCCESS = "Successfully added environment from your project"


def run_env_import(
    ctx: AmplifyContext, *, name: str | None, config: str | None, aws_info: str | None
) -> None:
    project = ctx.project
    if not name:
        raise UsageError("Environment name was not specified.", hint="Pass --name <env>.")
    require_env_name(name)
    raw = load_params({"--config": config, "--awsInfo": aws_info})
    if raw["--config"] is None:
        raise UsageError(
            "Environment configuration was not specified or was formatted incorrectly.",
            hint='Pass --config \'{"awscloudformation": {"Region": …, "StackName": …, …}}\' (see `amplify schema`).',
        )
    raw["--config"] = unwrap_amplifyrc(raw["--config"])  # @.amplifyrc of a pre-environments project
    providers = ctx.plugins.providers
    check(
        "--config",
        raw["--config"],
        {"type": "object", "minProperties": 1, "additionalProperties": {"type": "object"}},
    )
    blocks = {}
    for provider_name, block in raw["--config"].items():
        registered = providers.get(provider_name)
        if registered is None:
            raise UsageError(
                f"--config: {provider_name!r} is not an installed provider; installed: "
                f"{', '.join(sorted(providers)) or 'none'}"
            )
        schema = registered.info.schemas.get("env-import-config")
        if schema is not None:
            check_model(f"--config.{provider_name}", block, schema)
        blocks[provider_name] = block
    project_provider = project.project_config().provider_name
    if project_provider not in blocks:
        raise UsageError(f"--config has no {project_provider!r} block, the provider of this project.")
    access = raw["--awsInfo"]
    if access is not None:
        schema = providers[project_provider].info.schemas.get("aws-info")
        if schema is not None:
            check_model("--awsInfo", access, schema)
    if name in project.env_names() and not ctx.yes:
        overwrite = ctx.prompter.ask(
            [
                Question(
                    id="overwriteEnv",
                    message=f"The environment {name} already exists. Do you want to overwrite it?",
                    kind="confirm",
                    default=False,
                    flag="--yes",
                )
            ]
        )["overwriteEnv"]
        if not overwrite:
            ctx.console.print("Nothing was changed.")
            return
    env_info, entry = ctx.provider(project_provider).import_env(name, blocks[project_provider], access)
    record_env(project, name, project_provider, env_info, entry)
    if project.paths.local_env_info.exists() and project.local_env_info().envName == name:
        activate_env(ctx, project, env_name=name)
    ctx.fire("amplify_post_env_add", env_name=name, from_env=None)
    ctx.console.success(SUCCESS)
