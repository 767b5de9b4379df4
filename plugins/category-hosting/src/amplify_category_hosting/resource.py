"""The hosting resource's files: ``amplify/backend/hosting/S3AndCloudFront/`` and its
entries in ``backend-config.json`` / ``amplify-meta.json``. Every write is atomic.

There is at most one hosting resource, named after its service (as in the Gen 1 CLI).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from amplify_core.plugin import DEFAULT_PROVIDER, Project, UsageError, read_json, write_json

from . import CATEGORY, SERVICE
from .settings import HostingSettings
from .templates import read_settings

ENTRY = {"service": SERVICE, "providerPlugin": DEFAULT_PROVIDER}

NOT_ADDED_HINT = "Add it with: amplify hosting add"


def resource_dir(project: Project, name: str = SERVICE) -> Path:
    return project.paths.resource_dir(CATEGORY, name)


def is_added(project: Project) -> bool:
    return SERVICE in (project.backend_config().get(CATEGORY) or {})


def require_added(project: Project) -> None:
    if not is_added(project):
        raise UsageError("Hosting has not been added to this project.", hint=NOT_ADDED_HINT)


def read_template(project: Project, name: str = SERVICE) -> dict[str, Any]:
    path = resource_dir(project, name) / "template.json"
    if not path.exists():
        raise UsageError(
            f"{path} is missing.", hint="Remove and add hosting again: amplify hosting remove, then add."
        )
    return read_json(path)


def read_parameters(project: Project, name: str = SERVICE) -> dict[str, Any]:
    return read_json(resource_dir(project, name) / "parameters.json", default={})


def read_resource_settings(project: Project, name: str = SERVICE) -> HostingSettings:
    return read_settings(read_template(project, name))


def write_resource(project: Project, template: dict[str, Any], parameters: dict[str, Any]) -> None:
    folder = resource_dir(project)
    write_json(folder / "template.json", template)
    write_json(folder / "parameters.json", parameters)


def register(project: Project) -> None:
    """Add the resource to ``backend-config.json`` and the local ``amplify-meta.json``."""
    config = project.backend_config()
    config.setdefault(CATEGORY, {})[SERVICE] = dict(ENTRY)
    project.save_backend_config(config)
    meta = project.amplify_meta()
    meta.setdefault(CATEGORY, {}).setdefault(SERVICE, {}).update(ENTRY)
    project.save_amplify_meta(meta)


def unregister(project: Project) -> None:
    """Remove the resource from both files and delete its folder (the stack goes on push)."""
    config = project.backend_config()
    hosting = config.get(CATEGORY) or {}
    hosting.pop(SERVICE, None)
    if not hosting:
        config.pop(CATEGORY, None)
    project.save_backend_config(config)
    meta = project.amplify_meta()
    hosting_meta = meta.get(CATEGORY) or {}
    hosting_meta.pop(SERVICE, None)
    if not hosting_meta:
        meta.pop(CATEGORY, None)
    project.save_amplify_meta(meta)
    shutil.rmtree(resource_dir(project), ignore_errors=True)
    category_dir = resource_dir(project).parent
    if category_dir.is_dir() and not any(category_dir.iterdir()):
        category_dir.rmdir()


def deployed_output(project: Project) -> dict[str, Any]:
    """The outputs of the last push (``amplify-meta.json``), or ``{}`` if never deployed."""
    entry = (project.amplify_meta().get(CATEGORY) or {}).get(SERVICE) or {}
    return dict(entry.get("output") or {})
