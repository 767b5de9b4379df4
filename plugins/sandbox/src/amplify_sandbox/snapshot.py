"""The sandbox's state across a restart: ``<amplify home>/sandbox/snapshot.pickle``.

moto keeps everything in memory, so ``sandbox stop`` used to lose every stack, bucket and
distribution. The server now saves every moto backend in use when it stops cleanly (Ctrl-C,
SIGTERM, ``sandbox stop``) and loads them when it starts, so stack ids, bucket contents,
distribution ids and hence preview URLs come back as they were. All backends are pickled
together, so objects they share (a stack's bucket *is* the S3 backend's bucket) stay shared.

A snapshot records the moto version that wrote it; another version's snapshot is refused
whole (moto's classes change between versions) with a message saying how to start empty. The
file is the user's own (mode 0600 in their amplify home), like the rest of the home folder.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from amplify_core.plugin import OperationError

from .state import sandbox_dir

FORMAT = 1


def snapshot_path(home: Path | None = None) -> Path:
    return sandbox_dir(home) / "snapshot.pickle"


def _moto_version() -> str:
    import moto

    return str(moto.__version__)


def _live_backends() -> list[Any]:
    from moto.core.base_backend import BackendDict

    return [b for b in BackendDict._instances if len(b)]  # type: ignore[misc]


def save(home: Path | None = None) -> Path | None:
    """Write the state of every moto backend in use; ``None`` if there is nothing to keep."""
    backends = {b.service_name: b for b in _live_backends()}
    path = snapshot_path(home)
    if not backends:
        path.unlink(missing_ok=True)
        return None
    data = {"format": FORMAT, "moto": _moto_version(), "backends": backends}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
    return path


def load(home: Path | None = None) -> int:
    """Restore a snapshot into moto's backends; return how many services it held (0: none).

    :raises OperationError: the snapshot is from another moto version or unreadable; nothing
        is loaded.
    """
    from moto.backends import get_backend
    from moto.core.base_backend import BackendDict

    path = snapshot_path(home)
    if not path.exists():
        return 0
    fresh = "Start empty with: amplify sandbox start --fresh (the snapshot is then deleted)"
    try:
        with open(path, "rb") as source:
            data = pickle.load(source)  # trusted: the user's own file in their amplify home
    except Exception as exc:  # noqa: BLE001 - any damage means: do not load any of it
        raise OperationError(f"The sandbox snapshot {path} cannot be read ({exc}).", hint=fresh) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("moto") != _moto_version():
        version = data.get("moto", "an unknown version") if isinstance(data, dict) else "an unknown version"
        raise OperationError(
            f"The sandbox snapshot {path} was written by moto {version}; this sandbox runs moto "
            f"{_moto_version()}, which cannot load it.",
            hint=fresh,
        )
    restored = data["backends"]
    for name, saved in restored.items():
        live = get_backend(name)
        live.clear()
        live.update(saved)
        for attribute, value in vars(saved).items():
            if attribute not in ("_id", "backend", "service_name"):
                setattr(live, attribute, value)
        if live not in BackendDict._instances:  # type: ignore[misc]
            BackendDict._instances.append(live)  # type: ignore[misc]
    return len(restored)


def discard(home: Path | None = None) -> bool:
    """Delete the snapshot; whether there was one."""
    path = snapshot_path(home)
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed
