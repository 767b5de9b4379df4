"""``amplify plugin verify``: everything discovery would refuse, found before users find it.

A target is a plugin package folder (its ``pyproject.toml``) or an installed distribution.
For a folder, the imports run in a child Python with the package's ``src/`` first on
``sys.path``, so the checking process never mixes the folder's modules with installed ones.

What is checked, and reported all at once rather than one failure at a time:

* packaging: a dependency on ``amplify-cli-core`` whose range admits the running core, entry
  points in the ``amplify.*`` groups with valid names (a misspelt group is named);
* each entry point imports, without pulling in heavy modules (warning);
* every ``@hookimpl`` names a hook of the spec (a typo is named, with the closest hook), takes
  only arguments the spec has, and gives none of them a default; a function that looks like a
  hook but lacks ``@hookimpl`` is reported because it would never run;
* registration through the real loader (descriptor validation, API version, name clashes);
* each descriptor's ``"module:attr"`` references resolve: factories subclass the right
  interface and implement every abstract method, parameter models produce a valid JSON Schema
  (Draft 2020-12), command apps build.

The checks live in one module per job (``target``, ``packaging_checks``, ``requirement``,
``imports``, ``descriptor_checks``) and write into one ``report.Report``; this module runs them.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from .imports import HEAVY_MODULES, check_imports
from .packaging_checks import check_packaging
from .report import Report
from .requirement import suggested_core_requirement
from .target import EntryPointSpec, Target, target_from_distribution, target_from_folder

__all__ = [
    "HEAVY_MODULES",
    "EntryPointSpec",
    "Report",
    "Target",
    "check_imports",
    "check_packaging",
    "check_target",
    "suggested_core_requirement",
    "target_from_distribution",
    "target_from_folder",
    "verify_distribution",
    "verify_folder",
]

WORKER_TIMEOUT = 120


def check_target(target: Target) -> Report:
    """Every check, in this process."""
    report = Report(target.distribution, target.version, target.where)
    entry_points = check_packaging(target, report)
    if target.import_root and target.import_root not in sys.path:
        sys.path.insert(0, target.import_root)
        importlib.invalidate_caches()
    check_imports(target, entry_points, report)
    return report


def verify_folder(folder: Path) -> Report:
    """Verify a package folder; its modules are imported in a child process."""
    target = target_from_folder(folder)
    if isinstance(target, Report):
        return target
    command = [sys.executable, "-P", "-m", __name__, "--worker", json.dumps(asdict(target))]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=WORKER_TIMEOUT,
            env=env,
            cwd=str(Path(folder).resolve()),
        )
    except subprocess.TimeoutExpired:
        return Report(
            target.distribution,
            target.version,
            target.where,
            problems=[
                f"importing the plugin took longer than {WORKER_TIMEOUT}s (does it do work at import time?)"
            ],
        )
    try:
        data = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return Report(
            target.distribution,
            target.version,
            target.where,
            problems=["verification crashed while importing the plugin: " + " | ".join(tail)],
        )
    data.pop("ok", None)
    return Report(**data)


def verify_distribution(name: str) -> Report | None:
    """Verify an installed distribution in this process; ``None`` if it is not installed."""
    target = target_from_distribution(name)
    return None if target is None else check_target(target)


def _worker(payload: str) -> None:
    raw = json.loads(payload)
    raw["entry_points"] = [EntryPointSpec(**ep) for ep in raw["entry_points"]]
    report = check_target(Target(**raw))
    sys.stdout.flush()
    print(json.dumps(asdict(report)))
