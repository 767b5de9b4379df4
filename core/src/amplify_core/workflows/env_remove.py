"""``env remove <env>``: delete an environment in the cloud, then forget it locally.

Refuses the current environment. Asks for confirmation (``--yes`` confirms; without a
terminal and without ``--yes`` it fails, never silently does nothing). The provider deletes
the stack and empties and deletes the retained buckets, tolerating what is already gone; the
``team-provider-info.json`` and ``local-aws-info.json`` entries go only after that succeeded.
"""

from __future__ import annotations

from ..context import AmplifyContext
from ..errors import OperationError, UsageError
from ..prompts.question import Question
from .env_cloud import env_access
from .env_list import unknown_env

REMOVED_CLOUD = "Successfully removed environment from the cloud"
REMOVED_LOCAL = "Successfully removed environment from your project locally"


def run_env_remove(ctx: AmplifyContext, name: str | None, params: dict | None = None) -> None:
    project = ctx.project
    if not name:
        raise UsageError("Environment name was not specified.", hint="Usage: amplify env remove <env>")
    tpi = project.team_provider_info()
    local_aws = project.local_aws_info()
    if name not in tpi and name not in local_aws:
        raise unknown_env(name, project.paths, action="remove it")
    current = project.local_env_info().envName if project.paths.local_env_info.exists() else None
    if name == current:
        raise UsageError(
            "You cannot delete your current environment.",
            hint='Switch to another environment first (amplify env checkout <env>), or run "amplify delete".',
        )
    if not ctx.yes:
        confirmed = ctx.prompter.ask(
            [
                Question(
                    id="confirmRemove",
                    message=(
                        "Are you sure you want to continue? This CANNOT be undone. "
                        f"(This will delete '{name}' environment of the project from the cloud)"
                    ),
                    kind="confirm",
                    default=False,
                    flag="--yes",
                )
            ]
        )["confirmRemove"]
        if not confirmed:
            raise OperationError("Environment removal cancelled; nothing was changed.")
    provider_name = project.project_config().provider_name
    env_info = (tpi.get(name) or {}).get(provider_name)
    if env_info:
        aws_info, _ = env_access(ctx, project, name, provider_name, params)
        ctx.provider(provider_name).delete_env(name, env_info, aws_info)
        ctx.console.success(REMOVED_CLOUD)
    else:
        ctx.console.warn(
            f"Environment {name} has no {provider_name} stack recorded; removing it locally only."
        )
    tpi = project.team_provider_info()
    if tpi.pop(name, None) is not None:
        project.save_team_provider_info(tpi)
    local_aws = project.local_aws_info()
    if local_aws.pop(name, None) is not None:
        project.save_local_aws_info(local_aws)
    ctx.fire("amplify_post_env_remove", env_name=name)
    ctx.console.success(REMOVED_LOCAL)
