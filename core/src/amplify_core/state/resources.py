"""A category resource's registration in ``backend-config.json`` and ``amplify-meta.json``.

Every category plugin adds, removes and protects its resources the same way Gen 1 does; this is
that one way, so that plugins only describe their own files. Every write is atomic.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .jsonfile import read_json, write_json
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


INPUTS = "cli-inputs.json"


@dataclass(frozen=True)
class CategoryResources:
    """One category's resources in the project, as every category plugin reads and writes them:
    its ``backend-config.json`` entries, its folders, their ``cli-inputs.json`` (CLI v7+) and
    the registration. A plugin binds one to its category and describes only its own files.

    :param service: only entries of this service count (``Lambda``: the function category's
        functions, not its layers).
    """

    category: str
    service: str | None = None

    def entries(self, project: Project) -> dict[str, dict[str, Any]]:
        """``{name: backend-config entry}`` of this category (and service)."""
        found = project.backend_config().get(self.category) or {}
        return {
            name: entry
            for name, entry in found.items()
            if isinstance(entry, dict) and (self.service is None or entry.get("service") == self.service)
        }

    def names(self, project: Project) -> list[str]:
        return sorted(self.entries(project))

    def folder(self, project: Project, name: str) -> Path:
        return project.paths.resource_dir(self.category, name)

    def read_inputs(self, project: Project, name: str, *, made_by: str = "the resource") -> dict[str, Any]:
        """The resource's ``cli-inputs.json``. :raises UsageError: there is none (an older CLI's
        resource, which can be pushed as it is but not changed). ``made_by`` names it: "the API"."""
        path = self.folder(project, name) / INPUTS
        if not path.exists():
            raise UsageError(
                f"{path} is missing: {made_by} was made by an older CLI and can only be pushed as it is."
            )
        loaded = read_json(path)
        if not isinstance(loaded, dict):
            raise UsageError(f"{path}: expected a JSON object")
        return loaded

    def write(self, project: Project, name: str, files: dict[str, Any], entry: dict[str, Any]) -> None:
        """Write the resource's JSON ``files`` (``{file name: data}``) into its folder, then
        register it in both JSON files."""
        base = self.folder(project, name)
        for filename, data in files.items():
            write_json(base / filename, data)
        register_resource(project, self.category, name, entry)

    def unregister(self, project: Project, name: str) -> None:
        """Remove the resource from both files and delete its folder (the stack goes on push)."""
        unregister_resource(project, self.category, name)

    def dependents(self, project: Project, name: str) -> list[str]:
        """Resources whose ``dependsOn`` names this one (Gen 1 refuses to remove it then)."""
        return resource_dependents(project, self.category, name)
