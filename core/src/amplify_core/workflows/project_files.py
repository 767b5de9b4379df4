"""Writing an environment's local files, in Gen 1 shapes, after the cloud step succeeded.

Three moments change them: a *new* environment (its root stack was just created), a
*switch* to an existing environment (its deployed state was just downloaded: ``env
checkout``, ``env pull``, ``init`` choosing an environment), and ``configure project``.

``#current-cloud-backend/`` is always replaced as a whole from a staged folder (the snapshot
of the environment's deployed state), never edited in place, so it can never mix two
environments. ``team-provider-info.json`` is only ever updated for the one environment
concerned: every other environment's block is kept exactly as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..changes.status import categories_of
from ..context import AmplifyContext
from ..state.folders import replace_folder
from ..state.gitignore import update_gitignore
from ..state.jsonfile import read_json, write_json
from ..state.models import DEFAULT_PROVIDER, LocalEnvInfo, ProjectConfig
from ..state.project import Project
from .frontend_outputs import deployed_outputs, regenerate_frontend_config

PROVIDER = DEFAULT_PROVIDER


def default_tags() -> list[dict[str, str]]:
    """Gen 1's ``amplify/backend/tags.json`` for a new project (hydrated per environment)."""
    return [
        {"Key": "user:Stack", "Value": "{project-env}"},
        {"Key": "user:Application", "Value": "{project-name}"},
    ]


# -- the deployed-state snapshot ------------------------------------------------------------


def write_new_env_snapshot(
    folder: Path, provider_name: str, env_info: dict[str, Any], tags: list[dict[str, str]]
) -> Path:
    """The deployed state of a brand-new environment: its root stack and nothing else."""
    folder = Path(folder)
    write_json(folder / "amplify-meta.json", {"providers": {provider_name: env_info}})
    write_json(folder / "backend-config.json", {})
    write_json(folder / "tags.json", tags)
    return folder


def install_snapshot(project: Project, staged: Path) -> None:
    """Make ``#current-cloud-backend`` a copy of ``staged``."""
    replace_folder(project.paths.current_cloud_backend, staged)


def restore_backend(project: Project, staged: Path) -> None:
    """``--restore``: the local ``backend/`` becomes the deployed state (meta is rebuilt after)."""

    def ensure_backend_config(folder: Path) -> None:
        if not (folder / "backend-config.json").exists():
            write_json(folder / "backend-config.json", {})

    replace_folder(
        project.paths.backend,
        staged,
        ignore=shutil.ignore_patterns("amplify-meta.json"),
        complete=ensure_backend_config,
    )


def compose_meta(
    provider_name: str, env_info: dict[str, Any], backend_config: dict[str, Any], deployed: dict[str, Any]
) -> dict[str, Any]:
    """``backend/amplify-meta.json`` for an environment (pure).

    Gen 1 regenerates it on every environment switch: the provider block from
    ``team-provider-info.json``, every resource of ``backend-config.json``, and for resources
    that are deployed in this environment what the last push recorded (outputs, hashes …).
    """
    meta: dict[str, Any] = {"providers": {provider_name: dict(env_info)}}
    deployed_resources = categories_of(deployed)
    for category, resources in categories_of(backend_config).items():
        for name, entry in resources.items():
            recorded = (deployed_resources.get(category) or {}).get(name) or {}
            meta.setdefault(category, {})[name] = {**recorded, **entry}
    return meta


# -- writing an environment ---------------------------------------------------------------


def write_new_env(
    ctx: AmplifyContext,
    project: Project,
    *,
    config: ProjectConfig,
    env_name: str,
    editor: str,
    aws_info: dict[str, Any],
    provider_outputs: dict[str, Any],
    new_project: bool,
    snapshot: Path,
) -> None:
    """Record an environment whose root stack exists (and whose snapshot is stored)."""
    paths = project.paths
    for folder in (paths.dot_config, paths.backend):
        folder.mkdir(parents=True, exist_ok=True)
    if new_project or not paths.project_config.exists():
        project.save_project_config(config)
    if new_project or not paths.backend_config.exists():
        project.save_backend_config({})
    tags_file = paths.backend / "tags.json"
    if not tags_file.exists():
        write_json(tags_file, read_json(snapshot / "tags.json", default=default_tags()))
    provider_name = config.provider_name
    record_env(project, env_name, provider_name, provider_outputs, aws_info)
    install_snapshot(project, snapshot)
    activate_env(ctx, project, env_name=env_name, editor=editor)
    update_gitignore(project.root)
    register_merge_driver(project)


def record_env(
    project: Project,
    env_name: str,
    provider_name: str,
    env_info: dict[str, Any],
    aws_info: dict[str, Any] | None,
) -> None:
    """Set one environment's provider block (and this clone's access entry), nothing else."""
    tpi = project.team_provider_info()
    if tpi.get(env_name, {}).get(provider_name) != env_info:
        tpi.setdefault(env_name, {})[provider_name] = dict(env_info)
        project.save_team_provider_info(tpi)
    if aws_info is not None:
        local_aws = project.local_aws_info()
        if local_aws.get(env_name) != aws_info:
            local_aws[env_name] = aws_info
            project.save_local_aws_info(local_aws)


def activate_env(ctx: AmplifyContext, project: Project, *, env_name: str, editor: str | None = None) -> None:
    """Make ``env_name`` current: ``local-env-info.json``, ``backend/amplify-meta.json`` (from
    team-provider-info, backend-config and the installed snapshot), the frontend's files."""
    previous = project.local_env_info() if project.paths.local_env_info.exists() else None
    project.save_local_env_info(
        LocalEnvInfo(
            projectPath=str(project.root),
            defaultEditor=editor or (previous.defaultEditor if previous else "vscode"),
            envName=env_name,
        )
    )
    provider_name = _provider_name(project)
    env_info = project.team_provider_info().get(env_name, {}).get(provider_name, {})
    meta = compose_meta(provider_name, env_info, project.backend_config(), project.amplify_meta(current=True))
    project.save_amplify_meta(meta)
    regenerate_frontend_config(ctx, project, deployed_outputs(ctx, project) if categories_of(meta) else None)


def switch_env(
    ctx: AmplifyContext,
    project: Project,
    *,
    env_name: str,
    env_info: dict[str, Any],
    aws_info: dict[str, Any] | None,
    snapshot: Path,
    restore: bool = False,
    editor: str | None = None,
) -> None:
    """Record an existing environment whose deployed state was just pulled into ``snapshot``."""
    provider_name = _provider_name(project)
    staged = Path(snapshot)
    if not (staged / "amplify-meta.json").exists():
        # Nothing was ever stored for this environment: it has only its root stack.
        write_new_env_snapshot(
            staged,
            provider_name,
            env_info,
            read_json(project.paths.backend / "tags.json", default=default_tags()),
        )
    else:
        deployed = read_json(staged / "amplify-meta.json", default={})
        deployed.setdefault("providers", {})[provider_name] = dict(env_info)
        write_json(staged / "amplify-meta.json", deployed)
    project.paths.backend.mkdir(parents=True, exist_ok=True)
    record_env(project, env_name, provider_name, env_info, aws_info)
    install_snapshot(project, staged)
    if restore:
        restore_backend(project, staged)
    activate_env(ctx, project, env_name=env_name, editor=editor)
    register_merge_driver(project)


def register_merge_driver(project: Project) -> None:
    """team-provider-info.json merges by environment in this clone (best effort: a folder
    that cannot take it still works, its file merges as text)."""
    from ..state.merge_driver import register

    try:
        register(project.root)
    except OSError:
        pass


def _provider_name(project: Project) -> str:
    if project.paths.project_config.exists():
        return project.project_config().provider_name
    return PROVIDER
