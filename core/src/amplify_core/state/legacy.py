"""Reading ``project-config.json`` as the Gen 1 CLI wrote it before multi-environment support
(2018–2019): ``frontendHandler`` and ``providers`` as objects mapping a plugin name to the path of
its Node package, with ``projectPath`` and ``defaultEditor`` (today in ``local-env-info.json``).

The file is read in today's shape and left as it is on disk; the next command that writes it
writes today's shape, as Gen 1's own migration did.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ProjectError

#: Keys the old shape kept in project-config.json that belong to local-env-info.json today.
MOVED_TO_LOCAL_ENV_INFO = ("projectPath", "defaultEditor")


def is_legacy(data: Any) -> bool:
    return isinstance(data, dict) and ("frontendHandler" in data or isinstance(data.get("providers"), dict))


def modern_project_config(data: Any) -> Any:
    """``data`` in today's shape (``frontend`` a name, ``providers`` a list); others unchanged."""
    if not is_legacy(data):
        return data
    data = dict(data)
    handler = data.pop("frontendHandler", None)
    if "frontend" not in data and isinstance(handler, dict) and handler:
        data["frontend"] = next(iter(handler))
    if isinstance(data.get("providers"), dict):
        data["providers"] = list(data["providers"])
    for key in MOVED_TO_LOCAL_ENV_INFO:
        data.pop(key, None)
    data.setdefault("version", "3.1")
    return data


#: Where the Gen 1 CLI recorded the one stack of a project made before environments existed.
AMPLIFYRC = ".amplifyrc"


def pre_environments_message(root: Path) -> tuple[str, str] | None:
    """What to do with a project from before environments (``.amplifyrc``, no
    team-provider-info.json), as ``(message, hint)``; ``None`` for any other project."""
    if not (root / AMPLIFYRC).is_file() or (root / "amplify" / "team-provider-info.json").exists():
        return None
    return (
        "This project was made before Amplify CLI environments: its stack is recorded in "
        ".amplifyrc and it has no team-provider-info.json.",
        "Make that stack an environment: amplify env import --name dev --config @.amplifyrc "
        '--awsInfo \'{"configLevel": "project", "useProfile": true, "profileName": "default"}\' --yes '
        "&& amplify env checkout dev",
    )


def unwrap_amplifyrc(config: Any) -> Any:
    """``.amplifyrc``'s ``{"providers": {"awscloudformation": {…}}}`` as an ``env import --config``."""
    if isinstance(config, dict) and set(config) == {"providers"} and isinstance(config["providers"], dict):
        return config["providers"]
    return config


def no_current_environment(root: Path) -> ProjectError:
    """The one error for a project with no ``local-env-info.json``, saying what to do."""
    legacy = pre_environments_message(root)
    if legacy is not None:
        return ProjectError(legacy[0], hint=legacy[1])
    return ProjectError(
        "This project has no current environment (amplify/.config/local-env-info.json is missing).",
        hint='Run "amplify init" to choose or create an environment, or "amplify env checkout <env>".',
    )
