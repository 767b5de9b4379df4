"""Writing the files of a freshly initialised (or switched) environment, in Gen 1 shapes."""

from __future__ import annotations

from typing import Any

from ..context import AmplifyContext
from ..state.gitignore import update_gitignore
from ..state.models import LocalEnvInfo, ProjectConfig
from ..state.project import Project


def frontend_outputs(project: Project) -> dict[str, Any]:
    """The flat outputs frontends write into their config files, from ``amplify-meta.json``."""
    meta = project.amplify_meta()
    provider = meta.get("providers", {}).get("awscloudformation", {})
    outputs: dict[str, Any] = {}
    if provider.get("Region"):
        outputs["aws_project_region"] = provider["Region"]
    return outputs


def regenerate_frontend_config(ctx: AmplifyContext, project: Project, extra: dict[str, Any] | None = None) -> None:
    """Rewrite the frontend's config files from the current outputs."""
    config = project.project_config()
    outputs = frontend_outputs(project) | (extra or {})
    ctx.frontend(config.frontend).write_config_files(project.root, config.frontend_settings(), outputs)


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
) -> None:
    """Record an environment whose root stack exists: every file of DESIGN §5."""
    paths = project.paths
    for folder in (paths.dot_config, paths.backend, paths.current_cloud_backend):
        folder.mkdir(parents=True, exist_ok=True)
    if new_project or not paths.project_config.exists():
        project.save_project_config(config)
    if new_project or not paths.backend_config.exists():
        project.save_backend_config({})
    tpi = project.team_provider_info()
    tpi.setdefault(env_name, {})["awscloudformation"] = provider_outputs
    project.save_team_provider_info(tpi)
    local_aws = project.local_aws_info()
    local_aws[env_name] = aws_info
    project.save_local_aws_info(local_aws)
    switch_env(ctx, project, env_name=env_name, editor=editor)
    update_gitignore(project.root)


def switch_env(ctx: AmplifyContext, project: Project, *, env_name: str, editor: str | None = None) -> None:
    """Make ``env_name`` current: local-env-info, both amplify-meta files, frontend config."""
    previous = project.local_env_info() if project.paths.local_env_info.exists() else None
    project.save_local_env_info(
        LocalEnvInfo(
            projectPath=str(project.root),
            defaultEditor=editor or (previous.defaultEditor if previous else "vscode"),
            envName=env_name,
        )
    )
    provider_outputs = project.team_provider_info().get(env_name, {}).get("awscloudformation", {})
    backend = project.backend_config()
    meta = {"providers": {"awscloudformation": provider_outputs}, **backend}
    current_meta = project.amplify_meta(current=True)
    if current_meta.get("providers", {}).get("awscloudformation", {}).get("StackName") != provider_outputs.get("StackName"):
        current_meta = {"providers": {"awscloudformation": provider_outputs}}
    project.save_amplify_meta(meta)
    project.save_amplify_meta(current_meta, current=True)
    regenerate_frontend_config(ctx, project)
