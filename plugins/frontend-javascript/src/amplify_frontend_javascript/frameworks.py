"""The supported frameworks, their Gen 1 default settings, and how a project's framework is guessed.

The table is the one place that knows the frameworks: the headless model, the prompt's choices
and detection all read it. Values are Gen 1's (``framework-config-mapping.js``), so a project
initialised by either CLI gets the same ``project-config.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, get_args

Framework = Literal["angular", "ionic", "react", "vue", "none"]
"""The frameworks ``--frontend`` accepts, in the order the prompt lists them (Gen 1's order)."""

FRAMEWORKS: tuple[str, ...] = get_args(Framework)

CONFIG_KEYS = ("SourceDir", "DistributionDir", "BuildCommand", "StartCommand")
"""The keys of the ``config`` block, in the order Gen 1 writes them."""

_NPM_BUILD = "npm run-script build"
_NPM_START = "npm run-script start"

DEFAULT_CONFIGS: dict[str, dict[str, str]] = {
    "angular": {
        "SourceDir": "src",
        "DistributionDir": "dist",
        "BuildCommand": _NPM_BUILD,
        "StartCommand": "ng serve",
    },
    "ionic": {
        "SourceDir": "src",
        "DistributionDir": "www",
        "BuildCommand": _NPM_BUILD,
        "StartCommand": "ionic serve",
    },
    "react": {
        "SourceDir": "src",
        "DistributionDir": "build",
        "BuildCommand": _NPM_BUILD,
        "StartCommand": _NPM_START,
    },
    "vue": {
        "SourceDir": "src",
        "DistributionDir": "dist",
        "BuildCommand": _NPM_BUILD,
        "StartCommand": "npm run-script serve",
    },
    "none": {
        "SourceDir": "src",
        "DistributionDir": "dist",
        "BuildCommand": _NPM_BUILD,
        "StartCommand": _NPM_START,
    },
}

_IONIC_ANGULAR = ("ionic-angular", "@ionic/angular")
"""Gen 1 knew only ``ionic-angular``; ``@ionic/angular`` is its name since Ionic 4."""


def detect_framework(project_dir: Path) -> str:
    """Guess the framework from ``package.json``; ``"none"`` when there is no clue.

    Gen 1's order: react first, then angular (ionic when an Ionic Angular package is
    there too), then vue. Unlike Gen 1, ``devDependencies`` count as well, since many
    projects list their framework there.
    """
    deps = _dependencies(project_dir / "package.json")
    if "react" in deps:
        return "react"
    if "@angular/core" in deps:
        return "ionic" if any(name in deps for name in _IONIC_ANGULAR) else "angular"
    if "vue" in deps:
        return "vue"
    return "none"


def default_config(framework: str, project_dir: Path | None = None) -> dict[str, str]:
    """The Gen 1 defaults for ``framework``; for angular, ``angular.json`` names the output folder.

    Without ``project_dir`` (a framework chosen without looking at the project) angular gets
    Gen 1's fallback ``dist``.
    """
    config = dict(DEFAULT_CONFIGS.get(framework, DEFAULT_CONFIGS["none"]))
    if framework == "angular" and project_dir is not None:
        config["DistributionDir"] = angular_output_path(project_dir) or config["DistributionDir"]
    return config


def angular_output_path(project_dir: Path) -> str | None:
    """Where ``ng build`` writes the default project, read from ``angular.json``.

    Gen 1 read ``projects[defaultProject].architect.build.options.outputPath`` and exited when
    ``angular.json`` was missing. Here a missing or unreadable file gives ``None`` (the caller
    falls back to ``dist``: these are only proposed defaults); a workspace without
    ``defaultProject`` (Angular 14+) uses its first project; and the ``application`` builder
    (Angular 17+), which writes the site into a ``browser`` subfolder, is followed there.
    """
    data = _read_json_object(project_dir / "angular.json")
    projects = data.get("projects")
    if not isinstance(projects, dict) or not projects:
        return None
    name = data.get("defaultProject")
    project = projects.get(name) if isinstance(name, str) else None
    if not isinstance(project, dict):
        project = next(iter(projects.values()))
    build = _get(_get(project, "architect") or _get(project, "targets"), "build")
    output = _get(_get(build, "options"), "outputPath")
    builder = str(_get(build, "builder") or "")
    if isinstance(output, dict):
        base = output.get("base")
        if not isinstance(base, str) or not base:
            return None
        browser = output.get("browser", "browser")
        return f"{base}/{browser}" if browser else base
    if not isinstance(output, str) or not output:
        return None
    if builder.endswith(":application"):
        return f"{output.rstrip('/')}/browser"
    return output


def _dependencies(package_json: Path) -> dict[str, Any]:
    data = _read_json_object(package_json)
    merged: dict[str, Any] = {}
    for key in ("devDependencies", "dependencies"):
        block = data.get(key)
        if isinstance(block, dict):
            merged.update(block)
    return merged


def _read_json_object(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``, or ``{}``: detection must never fail on a broken file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _get(obj: Any, key: str) -> Any:
    """``obj[key]`` when ``obj`` is a JSON object, else ``None``: hand-written files vary."""
    return obj.get(key) if isinstance(obj, dict) else None
