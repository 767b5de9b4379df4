"""A function on disk, in Gen 1's shapes: ``amplify/backend/function/<name>/`` with
``<name>-cloudformation-template.json``, ``function-parameters.json`` (permissions, layers,
environment variable names), ``parameters.json`` (``CloudWatchRule``), ``amplify.state``
(runtime plugin), ``custom-policies.json``, ``src/``; its ``backend-config.json`` entry; and its
own environment variables' values in ``team-provider-info.json`` ``<env>.categories.function.<name>``.
Every write is atomic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import (
    CategoryResources,
    Project,
    RefusedResource,
    committed_template,
    load_template,
    read_json,
)

from . import CATEGORY

FUNCTION_PARAMETERS = "function-parameters.json"
PARAMETERS = "parameters.json"
STATE = "amplify.state"
CUSTOM_POLICIES = "custom-policies.json"
EMPTY_CUSTOM_POLICIES: list[dict[str, list[str]]] = [{"Action": [], "Resource": []}]


RESOURCES = CategoryResources(CATEGORY, service="Lambda")  # functions, not layers


def resources(project: Project) -> dict[str, dict[str, Any]]:
    """``{name: backend-config entry}`` of the function category's Lambda functions (not layers)."""
    return RESOURCES.entries(project)


def folder(project: Project, name: str) -> Path:
    return RESOURCES.folder(project, name)


def template_path(resource_dir: Path) -> Path:
    return resource_dir / f"{resource_dir.name}-cloudformation-template.json"


def read_template(resource_dir: Path) -> dict[str, Any]:
    """The committed template (ours or Gen 1's, JSON or YAML). :raises RefusedResource: none."""
    path = committed_template(resource_dir, resource_dir.name)
    if path is None:
        raise RefusedResource(
            f"no CloudFormation template in {resource_dir.name}/ "
            f"(expected {resource_dir.name}-cloudformation-template.json)"
        )
    return load_template(path)


def read_file(resource_dir: Path, name: str, default: Any) -> Any:
    value = read_json(resource_dir / name, default=default)
    return default if value is None else value


def env_values(project: Project, name: str) -> dict[str, Any]:
    tpi = project.team_provider_info()
    block = ((tpi.get(project.env_name) or {}).get("categories") or {}).get(CATEGORY) or {}
    return dict(block.get(name) or {})


def save_env_values(project: Project, name: str, values: dict[str, str]) -> None:
    tpi = project.team_provider_info()
    env = tpi.setdefault(project.env_name, {})
    functions = env.setdefault("categories", {}).setdefault(CATEGORY, {})
    kept = {k: v for k, v in (functions.get(name) or {}).items() if k in ("deploymentBucketName", "s3Key")}
    if values or kept:
        functions[name] = {**kept, **values}
    else:
        functions.pop(name, None)
    if not functions:
        env["categories"].pop(CATEGORY, None)
        if not env["categories"]:
            env.pop("categories")
    project.save_team_provider_info(tpi)


def write(
    project: Project, name: str, files: dict[str, Any], entry: dict[str, Any], env: dict[str, str]
) -> None:
    """Write the resource's JSON files, its environment variable values, and its entries in both JSON files."""
    save_env_values(project, name, env)
    RESOURCES.write(project, name, files, entry)


def unregister(project: Project, name: str) -> None:
    """Remove the resource from both files and the env values; delete its folder (the stack goes on push)."""
    save_env_values(project, name, {})
    RESOURCES.unregister(project, name)


def dependents(project: Project, category: str, name: str) -> list[str]:
    """Resources whose ``dependsOn`` names this one (Gen 1 refuses to remove it then)."""
    return CategoryResources(category).dependents(project, name)
