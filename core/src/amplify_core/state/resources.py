"""A category resource's registration in ``backend-config.json`` and ``amplify-meta.json``.

Every category plugin adds, removes and protects its resources the same way Gen 1 does; this is
that one way, so that plugins only describe their own files. Every write is atomic.
"""

from __future__ import annotations

import shutil
from typing import Any

from .project import Project


def register_resource(project: Project, category: str, name: str, entry: dict[str, Any]) -> None:
    """Put ``entry`` under ``category.name`` in backend-config, and merge it into amplify-meta
    (keeping the deployed ``output`` a previous push recorded there)."""
    config = project.backend_config()
    config.setdefault(category, {})[name] = entry
    project.save_backend_config(config)
    meta = project.amplify_meta()
    current = meta.setdefault(category, {}).get(name) or {}
    meta[category][name] = {**current, **entry}
    project.save_amplify_meta(meta)


def unregister_resource(project: Project, category: str, name: str) -> None:
    """Drop the resource from both files (and an emptied category), then delete its folder
    and an emptied category folder. Its stack goes on the next push."""
    for load, save in (
        (project.backend_config, project.save_backend_config),
        (project.amplify_meta, project.save_amplify_meta),
    ):
        data = load()
        (data.get(category) or {}).pop(name, None)
        if not data.get(category):
            data.pop(category, None)
        save(data)
    folder = project.paths.resource_dir(category, name)
    shutil.rmtree(folder, ignore_errors=True)
    if folder.parent.is_dir() and not any(folder.parent.iterdir()):
        folder.parent.rmdir()


def resource_dependents(project: Project, category: str, name: str) -> list[str]:
    """``"<category> <resource>"`` of every resource whose ``dependsOn`` names this one (Gen 1
    refuses to remove a resource others depend on)."""
    found = []
    for other_category, entries in project.backend_config().items():
        if not isinstance(entries, dict):
            continue
        for other, entry in entries.items():
            for dep in (entry or {}).get("dependsOn") or [] if isinstance(entry, dict) else []:
                if (
                    isinstance(dep, dict)
                    and dep.get("category") == category
                    and dep.get("resourceName") == name
                ):
                    found.append(f"{other_category} {other}")
    return found
