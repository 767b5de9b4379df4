"""The record of the running sandbox: ``amplify_home()/sandbox/state.json``.

The server process writes it once it listens and removes it when it stops; the CLI reads it to
find the server. A record can outlive a killed server and its pid can be reused, so a record is
trusted only when the server at its port answers ``/_sandbox/status`` with the same pid — which
also keeps ``sandbox stop`` from ever signalling a process that is not our server.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from amplify_core.plugin import UsageError, amplify_home, read_json, write_json

from .config import HOST, endpoint_url

STATUS_PATH = "/_sandbox/status"


@dataclass(frozen=True)
class SandboxState:
    pid: int
    port: int
    started_at: float  # seconds since the epoch
    host: str = HOST

    @property
    def endpoint(self) -> str:
        return endpoint_url(self.port)


def sandbox_dir(home: Path | None = None) -> Path:
    """``<home>/sandbox``; ``home`` defaults to :func:`amplify_home` (``$AMPLIFY_HOME``)."""
    return (home if home is not None else amplify_home()) / "sandbox"


def state_path(home: Path | None = None) -> Path:
    return sandbox_dir(home) / "state.json"


def log_path(home: Path | None = None) -> Path:
    """Where a launched server writes its output (and its reason for failing to start)."""
    return sandbox_dir(home) / "server.log"


def read_state(home: Path | None = None) -> SandboxState | None:
    try:
        data = read_json(state_path(home), default=None)
    except UsageError:
        return None  # a damaged record is no record
    if not isinstance(data, dict):
        return None
    try:
        return SandboxState(**data)
    except TypeError:
        return None


def write_state(state: SandboxState) -> None:
    write_json(state_path(), asdict(state))


def remove_state(pid: int) -> None:
    """Remove the record if it is ``pid``'s (a newer server's record is left alone)."""
    current = read_state()
    if current is None or current.pid == pid:
        state_path().unlink(missing_ok=True)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def query_status(state: SandboxState, timeout: float = 5.0) -> dict | None:
    """The server's own status report, or None if nothing (or another server) answers."""
    try:
        with urllib.request.urlopen(state.endpoint + STATUS_PATH, timeout=timeout) as response:
            info = json.loads(response.read())
    except (OSError, ValueError, urllib.error.URLError):
        return None
    return info if isinstance(info, dict) and info.get("pid") == state.pid else None


def running_sandbox() -> tuple[SandboxState, dict] | None:
    """The live sandbox and its status report, or None.

    A record whose process is gone is removed on the way; a record whose pid is alive but
    does not answer is left alone (it may be a busy server) and reported as not running.
    """
    state = read_state()
    if state is None:
        return None
    info = query_status(state)
    if info is not None:
        return state, info
    if not pid_alive(state.pid):
        remove_state(state.pid)
    return None
