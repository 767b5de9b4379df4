"""The ``{{ name }}`` frontend: recognise the app, settle its settings, write its config file.

``settings`` is this frontend's block of ``amplify/.config/project-config.json``:
``{"config": {"ConfigDir": "."}}``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import Frontend, Question, UsageError, write_json

#: A file that only this kind of app has (Flutter: ``pubspec.yaml``). TODO: yours.
MARKER = "{{ name }}.json"
#: Where the config file goes unless the user chooses otherwise.
DEFAULT_CONFIG_DIR = "."
CONFIG_FILE = "amplifyconfiguration.json"


class {{ class_name }}Frontend(Frontend):
    """Apps recognised by ``MARKER``; the backend's outputs go to ``<ConfigDir>/{CONFIG_FILE}``."""

    def scan(self, project_dir: Path) -> int:
        return 100 if (Path(project_dir) / MARKER).is_file() else 0

    def detect(self, project_dir: Path) -> dict[str, Any]:
        return {"config": {"ConfigDir": DEFAULT_CONFIG_DIR}}

    def questions(self, defaults: dict[str, Any]) -> list[Question]:
        return [
            Question(
                id="ConfigDir",
                message="Where should the configuration file be written?",
                default=defaults["config"]["ConfigDir"],
                validate=lambda value: None if str(value).strip() else "Enter a folder",
                flag="--frontend.config.ConfigDir",
            )
        ]

    def settings_from_answers(self, defaults: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
        return {"config": {"ConfigDir": answers.get("ConfigDir") or defaults["config"]["ConfigDir"]}}

    def write_config_files(
        self, project_dir: Path, settings: dict[str, Any], outputs: dict[str, Any]
    ) -> list[Path]:
        path = config_dir(project_dir, settings) / CONFIG_FILE
        write_json(path, outputs)  # atomic: a temporary file renamed over the old one
        return [path]

    def remove_config_files(self, project_dir: Path, settings: dict[str, Any]) -> list[Path]:
        path = config_dir(project_dir, settings) / CONFIG_FILE
        if not path.exists():
            return []
        path.unlink()
        return [path]


def config_dir(project_dir: Path, settings: dict[str, Any]) -> Path:
    folder = (settings.get("config") or {}).get("ConfigDir")
    if not folder:
        raise UsageError(
            "project-config.json has no {{ name }} config.ConfigDir.",
            hint="Set it with `amplify configure project`.",
        )
    return Path(project_dir) / folder
