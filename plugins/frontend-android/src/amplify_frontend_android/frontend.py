"""The android frontend: what the core calls, delegating to one module per job."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from amplify_core.plugin import Frontend, UsageError, native_config, path_in_project

from . import settings as project_settings

if TYPE_CHECKING:
    from amplify_core.plugin import Question

BUILD_FILES = ("build.gradle", "build.gradle.kts")

SCAN_MAX_SCORE = 100
"""Gen 1's score for a Gradle project: above javascript's 90, so a Gradle project that also
has a ``package.json`` (for tooling) is still an Android app. Unlike Gen 1, a ``build.gradle``
alone is enough (Gen 1 also wanted ``settings.gradle``) and the Kotlin DSL counts."""

USER_AGENT = "aws-amplify-cli/0.1.0"
"""What Gen 1's android frontend wrote as ``UserAgent`` in ``awsconfiguration.json``."""


class AndroidFrontend(Frontend):
    """Android apps: ``<ResDir>/raw/awsconfiguration.json`` and ``amplifyconfiguration.json``.

    Nothing to build or start from the CLI (Gen 1's android ``publish`` and ``run`` did
    nothing either): Gradle and Android Studio do that.
    """

    def scan(self, project_dir: Path) -> int:
        return SCAN_MAX_SCORE if any((Path(project_dir) / f).is_file() for f in BUILD_FILES) else 0

    def detect(self, project_dir: Path) -> dict[str, Any]:
        return project_settings.default_settings()

    def questions(self, defaults: dict[str, Any]) -> list[Question]:
        return project_settings.questions(defaults)

    def settings_from_answers(self, defaults: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
        return project_settings.settings_from_answers(defaults, answers)

    def write_config_files(
        self, project_dir: Path, settings: dict[str, Any], outputs: dict[str, Any]
    ) -> list[Path]:
        return native_config.write_config_files(
            _raw_dir(project_dir, settings), outputs, user_agent=USER_AGENT
        )

    def remove_config_files(self, project_dir: Path, settings: dict[str, Any]) -> list[Path]:
        return native_config.remove_config_files(_raw_dir(project_dir, settings))

    def project_paths(self, settings: dict[str, Any]) -> dict[str, str]:
        res_dir = (settings.get("config") or {}).get("ResDir")
        return {"ResDir": res_dir} if isinstance(res_dir, str) else {}


def _raw_dir(project_dir: Path, settings: dict[str, Any]) -> Path:
    """``<ResDir>/raw``, where Android packs files the app reads as raw resources."""
    res_dir = (settings.get("config") or {}).get("ResDir")
    if not isinstance(res_dir, str) or not res_dir.strip():
        raise UsageError(
            "project-config.json has no android config.ResDir.",
            hint="Set it with `amplify configure project`.",
        )
    return path_in_project(Path(project_dir), res_dir, key="ResDir") / "raw"
