"""The flutter frontend: recognise a Flutter app, settle ``ResDir``, write the Dart config.

``settings`` is the frontend's block of ``amplify/.config/project-config.json``, in Gen 1's
shape: ``"flutter": {"config": {"ResDir": "./lib/"}}``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import Frontend, Question, UsageError, in_project, remove_existing

from . import dart_config

#: Every Flutter (and Dart) project has one; Gen 1 scores 100 for it, 0 otherwise.
MARKER = "pubspec.yaml"
SCAN_MAX_SCORE = 100
#: Gen 1's default (``amplify-frontend-flutter/lib/constants.js``).
DEFAULT_RES_DIR = "./lib/"


class FlutterFrontend(Frontend):
    """Flutter apps: ``<ResDir>/amplifyconfiguration.dart``.

    Nothing to build or start from the CLI: ``flutter run`` does that (Gen 1's flutter
    frontend had no publish or run either).
    """

    def scan(self, project_dir: Path) -> int:
        return SCAN_MAX_SCORE if (Path(project_dir) / MARKER).is_file() else 0

    def detect(self, project_dir: Path) -> dict[str, Any]:
        return {"config": {"ResDir": DEFAULT_RES_DIR}}

    def questions(self, defaults: dict[str, Any]) -> list[Question]:
        return [
            Question(
                id="ResDir",
                message="Where do you want to store your configuration file?",
                default=(defaults.get("config") or {}).get("ResDir", DEFAULT_RES_DIR),
                validate=lambda value: (
                    None if isinstance(value, str) and value.strip() else "A value is required."
                ),
                flag='--frontend {"config": {"ResDir": …}}',
            )
        ]

    def settings_from_answers(self, defaults: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
        res_dir = (
            answers.get("ResDir")
            or (answers.get("config") or {}).get("ResDir")
            or (defaults.get("config") or {}).get("ResDir")
            or DEFAULT_RES_DIR
        )
        return {"config": {"ResDir": res_dir}}

    def write_config_files(
        self, project_dir: Path, settings: dict[str, Any], outputs: dict[str, Any]
    ) -> list[Path]:
        return [dart_config.write(res_dir(project_dir, settings), outputs)]

    def remove_config_files(self, project_dir: Path, settings: dict[str, Any]) -> list[Path]:
        return remove_existing([res_dir(project_dir, settings) / dart_config.FILE_NAME])


def res_dir(project_dir: Path, settings: dict[str, Any]) -> Path:
    folder = (settings.get("config") or {}).get("ResDir")
    if not isinstance(folder, str) or not folder.strip():
        raise UsageError(
            "project-config.json has no flutter config.ResDir.",
            hint="Set it with `amplify configure project`.",
        )
    return in_project(Path(project_dir), folder)
