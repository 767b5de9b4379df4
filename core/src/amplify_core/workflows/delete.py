"""``amplify delete``: every environment in the cloud, then the project's local Amplify files.

One confirmation (or ``--yes``) covers everything. Each environment's root stack goes with its
nested stacks, and its retained buckets are emptied and deleted by the provider, which
tolerates what is already gone. An environment is dropped from ``team-provider-info.json`` as
soon as it is deleted, so a run that fails part way can simply be run again. Only when every
environment is gone are ``amplify/`` and the frontend's config files removed.
"""

from __future__ import annotations

import shutil
from typing import Any

from ..context import AmplifyContext
from ..errors import AmplifyError, OperationError
from ..prompts.question import Question
from ..state.project import Project

CONFIRM = (
    "Are you sure you want to continue? This CANNOT be undone. (This will delete all the "
    "environments of the project from the cloud and wipe out all the local files created by Amplify CLI)"
)
DELETED_CLOUD = "Project deleted in the cloud."
DELETED_LOCAL = "Project deleted locally."


def run_delete(ctx: AmplifyContext, params: dict[str, Any] | None = None) -> None:
    project = ctx.project
    config = project.project_config()
    provider_name = config.provider_name
    if not ctx.yes:
        confirmed = ctx.prompter.ask(
            [Question(id="confirmDelete", message=CONFIRM, kind="confirm", default=False, flag="--yes")]
        )["confirmDelete"]
        if not confirmed:
            raise OperationError("Project deletion cancelled; nothing was changed.")
    _delete_environments(ctx, project, provider_name, params)
    ctx.console.success(DELETED_CLOUD)
    removed = ctx.frontend(config.frontend).remove_config_files(project.root, config.frontend_settings())
    for path in removed:
        ctx.console.print(f"Removed {path.relative_to(project.root)}")
    shutil.rmtree(project.paths.amplify, ignore_errors=True)
    ctx.console.success(DELETED_LOCAL)


def _delete_environments(
    ctx: AmplifyContext, project: Project, provider_name: str, params: dict[str, Any] | None
) -> None:
    provider = ctx.provider(provider_name)
    access = _Access(project, provider, params)
    failed: list[str] = []
    for env_name in sorted(project.team_provider_info()):
        env_info = (project.team_provider_info().get(env_name) or {}).get(provider_name)
        if env_info:
            ctx.console.print(f"Deleting env: {env_name}.")
            try:
                provider.delete_env(env_name, env_info, access.for_env(env_name))
            except AmplifyError as exc:
                failed.append(f"{env_name}: {exc.message}")
                continue
        else:
            ctx.console.warn(
                f"Environment {env_name} has no {provider_name} stack recorded; nothing to delete in the cloud."
            )
        _forget(project, env_name)
    if failed:
        raise OperationError(
            "Some environments could not be deleted:\n" + "\n".join(f"  - {f}" for f in failed),
            hint="Local files were kept for these environments; fix the cause and run `amplify delete` again.",
        )


class _Access:
    """How to reach each environment: ``--providers`` for all; else the environment's own entry
    in this clone; else the current environment's (Gen 1 deletes them all with one account),
    asked for at most once when this clone has none."""

    def __init__(self, project: Project, provider: Any, params: dict[str, Any] | None):
        self.provider = provider
        self.local = project.local_aws_info()
        current = project.local_env_info().envName if project.paths.local_env_info.exists() else None
        self.fallback = provider.configure(params) if params is not None else self.local.get(current or "")
        self.forced = params is not None

    def for_env(self, env_name: str) -> dict[str, Any]:
        if not self.forced and self.local.get(env_name):
            return self.local[env_name]
        if self.fallback is None:
            self.fallback = self.provider.configure(None)
        return self.fallback


def _forget(project: Project, env_name: str) -> None:
    tpi = project.team_provider_info()
    if tpi.pop(env_name, None) is not None:
        project.save_team_provider_info(tpi)
    local = project.local_aws_info()
    if local.pop(env_name, None) is not None:
        project.save_local_aws_info(local)
