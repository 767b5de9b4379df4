"""Bringing an existing environment's deployed state from the cloud into this clone.

Shared by ``env checkout``, ``env pull`` and ``init`` choosing an existing environment (a
teammate's clone): credentials for the environment (this clone's ``local-aws-info.json``
entry, ``--providers``, or prompts), then the provider downloads the snapshot into a staging
folder and refreshes the root stack's outputs, and only then are local files changed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from ..context import AmplifyContext
from ..errors import UsageError
from ..state.project import Project
from .project_files import switch_env


def env_access(
    ctx: AmplifyContext, project: Project, env_name: str, provider_name: str, params: dict[str, Any] | None
) -> tuple[dict[str, Any], bool]:
    """``(aws_info, is_new)``: how to reach ``env_name`` from this clone.

    ``--providers`` wins; else this clone's recorded entry; else the provider asks (or, with
    ``--yes``, takes what the machine offers).
    """
    provider = ctx.provider(provider_name)
    known = project.local_aws_info().get(env_name)
    if params is not None:
        return provider.configure(params), True
    if known:
        return known, False
    return provider.configure(None), True


def pull_env(
    ctx: AmplifyContext,
    project: Project,
    env_name: str,
    *,
    params: dict[str, Any] | None = None,
    restore: bool = False,
    editor: str | None = None,
) -> dict[str, Any]:
    """Download ``env_name``'s deployed state and make it the current environment."""
    provider_name = _provider_name(project)
    env_info = project.team_provider_info().get(env_name, {}).get(provider_name)
    if not env_info:
        raise UsageError(
            f"Environment {env_name!r} has no {provider_name} configuration in team-provider-info.json.",
            hint='Run "amplify env list" to see the environments, or "amplify env import" to add one.',
        )
    aws_info, is_new = env_access(ctx, project, env_name, provider_name, params)
    return pull_into(
        ctx, project, env_name, env_info, aws_info if is_new else None, restore=restore, editor=editor
    )


def pull_into(
    ctx: AmplifyContext,
    project: Project,
    env_name: str,
    env_info: dict[str, Any],
    new_access: dict[str, Any] | None,
    *,
    restore: bool = False,
    editor: str | None = None,
) -> dict[str, Any]:
    """Download the deployed state of an environment whose provider block and access are
    settled, then switch to it; ``new_access`` is recorded in ``local-aws-info.json`` (``None``:
    this clone's entry is already right)."""
    provider_name = _provider_name(project)
    provider = ctx.provider(provider_name)
    aws_info = new_access or project.local_aws_info()[env_name]
    with tempfile.TemporaryDirectory(prefix="amplify-pull-") as staging:
        fresh = provider.pull_env(env_name, env_info, aws_info, Path(staging))
        switch_env(
            ctx,
            project,
            env_name=env_name,
            env_info=fresh,
            aws_info=new_access,
            snapshot=Path(staging),
            restore=restore,
            editor=editor,
        )
    return fresh


def _provider_name(project: Project) -> str:
    return project.project_config().provider_name
