"""The javascript frontend: what the core calls, delegating to one module per job."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from amplify_core.plugin import Frontend, UsageError, path_in_project

from . import config_files
from . import settings as project_settings
from .commands import run_command

if TYPE_CHECKING:
    from amplify_core.plugin import Question

PATH_KEYS = ("SourceDir", "DistributionDir")
"""Settings that name folders of the project (they must stay inside it)."""

SCAN_BASE_SCORE = 10
"""Gen 1's score without any marker: with nothing else detected, a project is a web app."""

SCAN_MAX_SCORE = 90
"""Gen 1's score with a ``package.json``; native frontends score 100 on their own markers."""


class JavascriptFrontend(Frontend):
    """Web apps: ``<SourceDir>/aws-exports.js``, ``npm run-script build``, ``<DistributionDir>``."""

    def scan(self, project_dir: Path) -> int:
        return SCAN_MAX_SCORE if (Path(project_dir) / "package.json").is_file() else SCAN_BASE_SCORE

    def detect(self, project_dir: Path) -> dict[str, Any]:
        return project_settings.detect_settings(Path(project_dir))

    def questions(self, defaults: dict[str, Any]) -> list[Question]:
        return project_settings.questions(defaults)

    def settings_from_answers(self, defaults: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
        return project_settings.settings_from_answers(defaults, answers)

    def write_config_files(
        self, project_dir: Path, settings: dict[str, Any], outputs: dict[str, Any]
    ) -> list[Path]:
        return config_files.write_config_files(self._folder(project_dir, settings, "SourceDir"), outputs)

    def remove_config_files(self, project_dir: Path, settings: dict[str, Any]) -> list[Path]:
        return config_files.remove_config_files(self._folder(project_dir, settings, "SourceDir"))

    def build(self, project_dir: Path, settings: dict[str, Any]) -> None:
        run_command(_setting(settings, "BuildCommand"), Path(project_dir), what="build")

    def start(self, project_dir: Path, settings: dict[str, Any]) -> None:
        run_command(_setting(settings, "StartCommand"), Path(project_dir), what="start", interactive=True)

    def dist_dir(self, project_dir: Path, settings: dict[str, Any]) -> Path | None:
        return self._folder(project_dir, settings, "DistributionDir")

    def project_paths(self, settings: dict[str, Any]) -> dict[str, str]:
        config = settings.get("config") or {}
        return {key: config[key] for key in PATH_KEYS if isinstance(config.get(key), str)}

    @staticmethod
    def _folder(project_dir: Path, settings: dict[str, Any], key: str) -> Path:
        return path_in_project(Path(project_dir), _setting(settings, key), key=key)


def _setting(settings: dict[str, Any], key: str) -> str:
    """One ``config`` value from ``project-config.json``; a hand-edited file may have lost it."""
    value = (settings.get("config") or {}).get(key)
    if not isinstance(value, str) or not value.strip():
        raise UsageError(
            f"project-config.json has no javascript config.{key}.",
            hint="Set it with `amplify configure project`.",
        )
    return value
