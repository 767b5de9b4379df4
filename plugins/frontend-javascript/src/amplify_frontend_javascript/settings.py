"""The frontend's block of ``project-config.json``: defaults, the prompts, and how answers become settings.

Settings are ``{"framework": …, "config": {SourceDir, DistributionDir, BuildCommand,
StartCommand}}``, Gen 1's shape. Prompt answers (flat, keyed by question id) and validated
``--frontend`` parameters (nested ``config``) go through the same :func:`settings_from_answers`,
so an interactive init and the equivalent headless one write the same file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import Choice, Question

from .frameworks import CONFIG_KEYS, FRAMEWORKS, default_config, detect_framework

_MESSAGES = {
    "SourceDir": "Source Directory Path:",
    "DistributionDir": "Distribution Directory Path:",
    "BuildCommand": "Build Command:",
    "StartCommand": "Start Command:",
}
"""Gen 1's prompt texts (``configuration-manager.js``), without their stray trailing spaces."""


def detect_settings(project_dir: Path) -> dict[str, Any]:
    """The settings proposed for ``project_dir``: its guessed framework and that framework's defaults."""
    framework = detect_framework(project_dir)
    return {"framework": framework, "config": default_config(framework, project_dir)}


def questions(defaults: dict[str, Any]) -> list[Question]:
    """The framework, then the four settings, each defaulting to ``defaults``."""
    config = defaults.get("config") or {}
    asked = [
        Question(
            id="framework",
            message="What javascript framework are you using",
            kind="select",
            default=defaults.get("framework", "none"),
            choices=tuple(Choice(name) for name in FRAMEWORKS),
            flag='--frontend {"framework": …}',
        )
    ]
    for key in CONFIG_KEYS:
        asked.append(
            Question(
                id=key,
                message=_MESSAGES[key],
                default=config.get(key),
                validate=_not_blank,
                flag=f'--frontend {{"config": {{"{key}": …}}}}',
            )
        )
    return asked


def settings_from_answers(defaults: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Settings from prompt answers or validated ``--frontend`` parameters.

    ``answers`` may hold ``framework``, the config keys at top level (prompt answers), and/or a
    ``config`` object (headless); missing or ``None`` values fall back to the defaults. When the
    framework differs from the detected one, its own Gen 1 defaults are the fallback, as Gen 1
    reset the config when the framework changed.
    """
    framework = answers.get("framework") or defaults.get("framework") or "none"
    if framework == defaults.get("framework") and defaults.get("config"):
        base = dict(defaults["config"])
    else:
        base = default_config(framework)
    base.update(answers.get("config") or {})
    base.update({key: answers[key] for key in CONFIG_KEYS if answers.get(key) is not None})
    return {"framework": framework, "config": {key: base[key] for key in CONFIG_KEYS}}


def _not_blank(answer: Any) -> str | None:
    if not isinstance(answer, str) or not answer.strip():
        return "A value is required."
    return None
