"""Storage resources on disk: ``amplify/backend/storage/<name>/cli-inputs.json`` and their
entries in ``backend-config.json`` / ``amplify-meta.json``. Every write is atomic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import (
    Project,
    UsageError,
    read_json,
    register_resource,
    resource_dependents,
    unregister_resource,
    write_json,
)

from . import CATEGORY

INPUTS = "cli-inputs.json"


def resources(project: Project) -> dict[str, dict[str, Any]]:
    """``{name: backend-config entry}`` of the storage category."""
    return dict(project.backend_config().get(CATEGORY) or {})


def folder(project: Project, name: str) -> Path:
    return project.paths.resource_dir(CATEGORY, name)


def read_inputs(project: Project, name: str) -> dict[str, Any]:
    path = folder(project, name) / INPUTS
    if not path.exists():
        raise UsageError(
            f"{path} is missing: the resource was made by an older CLI and can only be pushed as it is."
        )
    return read_json(path)


def write(project: Project, name: str, inputs: dict[str, Any], entry: dict[str, Any]) -> None:
    """Write ``cli-inputs.json`` and register the resource in both JSON files."""
    write_json(folder(project, name) / INPUTS, inputs)
    register_resource(project, CATEGORY, name, entry)


def unregister(project: Project, name: str) -> None:
    """Remove the resource from both files and delete its folder (the stack goes on push)."""
    unregister_resource(project, CATEGORY, name)


def dependents(project: Project, name: str) -> list[str]:
    """Resources whose ``dependsOn`` names this one (Gen 1 refuses to remove it then)."""
    return resource_dependents(project, CATEGORY, name)
