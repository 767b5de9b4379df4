"""Template diffs for ``amplify status -v``: what the cloud has versus what a push would send.

Each side is one JSON document per resource — its template, its parameters and its
``backend-config.json`` entry — rendered with 2-space indentation and diffed line by line.
The deployed side comes from ``#current-cloud-backend``, the local side from
``amplify/backend``; both through the category plugin when it is installed (so generated
templates are shown as they would be deployed), else from the folder's template files.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from ..state.jsonfile import read_json
from ..state.paths import ProjectPaths
from .status import Operation, ResourceStatus

TEMPLATE_SUFFIXES = (".json", ".yaml", ".yml")


def render(document: dict[str, Any] | None) -> list[str]:
    if document is None:
        return []
    return (json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n").splitlines(keepends=True)


def unified(old: dict[str, Any] | None, new: dict[str, Any] | None, old_label: str, new_label: str) -> str:
    """A unified diff of two JSON documents ('' when they are equal)."""
    return "".join(difflib.unified_diff(render(old), render(new), old_label, new_label, n=3))


def folder_template(folder: Path) -> dict[str, Any]:
    """Template files of a folder (``*template*.json|yaml|yml``) when no plugin can say better."""
    found: dict[str, Any] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.is_file() and "template" in path.name.lower() and path.suffix in TEMPLATE_SUFFIXES:
            text = path.read_text(encoding="utf-8")
            try:
                found[path.name] = json.loads(text)
            except json.JSONDecodeError:
                found[path.name] = text
    return found


def resource_document(category_plugin: Any, folder: Path, entry: dict[str, Any]) -> dict[str, Any] | None:
    """The deployable description of one resource folder, or ``None`` if it does not exist."""
    if not folder.is_dir():
        return None
    if category_plugin is not None:
        template = category_plugin.template(folder, entry)
        parameters = category_plugin.parameters(folder, entry)
    else:
        template = folder_template(folder)
        parameters = read_json(folder / "parameters.json", default={})
    return {"backend-config": entry, "parameters": parameters, "template": template}


def resource_diff(category_plugin: Any, paths: ProjectPaths, row: ResourceStatus) -> str:
    """The diff shown under a changed resource in ``amplify status -v``."""
    current_entry = _current_entry(paths, row)
    old = (
        None
        if row.operation is Operation.CREATE
        else resource_document(
            category_plugin, paths.resource_dir(row.category, row.name, current=True), current_entry
        )
    )
    new = (
        None
        if row.operation is Operation.DELETE
        else resource_document(category_plugin, paths.resource_dir(row.category, row.name), dict(row.entry))
    )
    label = f"{row.category}/{row.name}"
    return unified(old, new, f"deployed/{label}", f"local/{label}")


def _current_entry(paths: ProjectPaths, row: ResourceStatus) -> dict[str, Any]:
    config = read_json(paths.current_backend_config, default={})
    entry = (config.get(row.category) or {}).get(row.name)
    return dict(entry) if isinstance(entry, dict) else dict(row.entry)
