"""API resources on disk: ``amplify/backend/api/<name>/cli-inputs.json`` and their entries in
``backend-config.json`` / ``amplify-meta.json``. Every write is atomic."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from amplify_core.plugin import Project, UsageError, read_json, write_json

from . import CATEGORY

INPUTS = "cli-inputs.json"


def resources(project: Project) -> dict[str, dict[str, Any]]:
    """``{name: backend-config entry}`` of the api category."""
    return dict(project.backend_config().get(CATEGORY) or {})


def folder(project: Project, name: str) -> Path:
    return project.paths.resource_dir(CATEGORY, name)


def read_inputs(project: Project, name: str) -> dict[str, Any]:
    path = folder(project, name) / INPUTS
    if not path.exists():
        raise UsageError(f"{path} is missing: the API was made by an older CLI and can only be pushed as it is.")
    return read_json(path)


def write(project: Project, name: str, inputs: dict[str, Any], entry: dict[str, Any]) -> None:
    """Write ``cli-inputs.json`` and register the resource in both JSON files."""
    write_json(folder(project, name) / INPUTS, inputs)
    config = project.backend_config()
    config.setdefault(CATEGORY, {})[name] = entry
    project.save_backend_config(config)
    meta = project.amplify_meta()
    current = meta.setdefault(CATEGORY, {}).get(name) or {}
    meta[CATEGORY][name] = {**current, **entry}
    project.save_amplify_meta(meta)


def unregister(project: Project, name: str) -> None:
    """Remove the resource from both files and delete its folder (the stack goes on push)."""
    config = project.backend_config()
    (config.get(CATEGORY) or {}).pop(name, None)
    if not config.get(CATEGORY):
        config.pop(CATEGORY, None)
    project.save_backend_config(config)
    meta = project.amplify_meta()
    (meta.get(CATEGORY) or {}).pop(name, None)
    if not meta.get(CATEGORY):
        meta.pop(CATEGORY, None)
    project.save_amplify_meta(meta)
    shutil.rmtree(folder(project, name), ignore_errors=True)
    parent = folder(project, name).parent
    if parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()


def dependents(project: Project, name: str) -> list[str]:
    """Resources whose ``dependsOn`` names this API (Gen 1 refuses to remove it then)."""
    found = []
    for category, entries in project.backend_config().items():
        if not isinstance(entries, dict):
            continue
        for other, entry in entries.items():
            for dep in (entry or {}).get("dependsOn") or [] if isinstance(entry, dict) else []:
                if isinstance(dep, dict) and dep.get("category") == CATEGORY and dep.get("resourceName") == name:
                    found.append(f"{category} {other}")
    return found


def other_resources(project: Project, category: str, service: str | None = None) -> list[str]:
    """Names of another category's resources (functions a path can call, the auth resource)."""
    entries = project.backend_config().get(category) or {}
    return sorted(n for n, e in entries.items()
                  if isinstance(e, dict) and (service is None or e.get("service") == service))
