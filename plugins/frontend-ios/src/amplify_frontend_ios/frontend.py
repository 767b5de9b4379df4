"""The ios frontend: detection, and the two config files at the project root."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from amplify_core.plugin import Frontend, native_config

SCAN_MAX_SCORE = 100
"""Gen 1's score for an Xcode project; above javascript's 90 for a ``package.json``."""

USER_AGENT = "aws-amplify/cli"
"""What Gen 1's ios frontend wrote as ``UserAgent`` in ``awsconfiguration.json``."""


class IosFrontend(Frontend):
    """iOS apps: ``./awsconfiguration.json`` and ``./amplifyconfiguration.json``.

    No settings (``{"config": {}}`` in ``project-config.json``) and nothing to build or start
    from the CLI (Gen 1's ios ``publish`` and ``run`` did nothing either): Xcode does that.
    """

    def scan(self, project_dir: Path) -> int:
        return SCAN_MAX_SCORE if _is_xcode_project(Path(project_dir)) else 0

    def detect(self, project_dir: Path) -> dict[str, Any]:
        return {"config": {}}

    def settings_from_answers(self, defaults: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
        return {"config": {}}

    def write_config_files(
        self, project_dir: Path, settings: dict[str, Any], outputs: dict[str, Any]
    ) -> list[Path]:
        return native_config.write_config_files(Path(project_dir), outputs, user_agent=USER_AGENT)

    def remove_config_files(self, project_dir: Path, settings: dict[str, Any]) -> list[Path]:
        return native_config.remove_config_files(Path(project_dir))


def _is_xcode_project(folder: Path) -> bool:
    """A ``*.xcodeproj`` folder (Gen 1's test) or a CocoaPods ``Podfile`` at the root."""
    if (folder / "Podfile").is_file():
        return True
    try:
        with os.scandir(folder) as entries:
            return any(e.name.endswith(".xcodeproj") and e.is_dir() for e in entries)
    except OSError:
        return False
