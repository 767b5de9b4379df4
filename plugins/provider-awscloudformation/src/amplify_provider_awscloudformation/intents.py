"""Intent records: "this run is about to create root stack X", written before ``CreateStack``.

A run killed between ``CreateStack`` and writing the project's files (``init``, ``env add``)
leaves a root stack and a deployment bucket that no file names. The record, kept under the
amplify home (one per project folder and environment, mode 0600), names that stack and the
``ClientRequestToken`` used, so the next ``init_env`` for the same folder and environment
adopts the stack (or removes it) instead of creating a second one. It is dropped once the
environment is written to the project (``Provider.env_recorded``) or removed.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from amplify_core.plugin import read_json, write_json

from .home_files import provider_home


@dataclass(frozen=True)
class Intent:
    project_root: str
    project_name: str
    env_name: str
    stack_name: str
    region: str
    token: str = field(default_factory=lambda: f"amplify-init-{uuid.uuid4().hex}")


def _path(project_root: Path | str, env_name: str) -> Path:
    digest = hashlib.sha256(str(Path(project_root).resolve()).encode()).hexdigest()[:16]
    return provider_home() / "pending-envs" / f"{digest}-{env_name}.json"


def load(project_root: Path | str, env_name: str) -> Intent | None:
    path = _path(project_root, env_name)
    try:
        data = read_json(path, default=None)
        return Intent(**data) if isinstance(data, dict) else None
    except Exception:  # noqa: BLE001 - an unreadable record names nothing we can act on
        path.unlink(missing_ok=True)
        return None


def save(intent: Intent) -> None:
    write_json(_path(intent.project_root, intent.env_name), asdict(intent), mode=0o600)


def drop(project_root: Path | str, env_name: str, stack_name: str | None = None) -> None:
    """Forget the record (only if it names ``stack_name``, when given)."""
    current = load(project_root, env_name)
    if current is not None and (stack_name is None or current.stack_name == stack_name):
        _path(project_root, env_name).unlink(missing_ok=True)
