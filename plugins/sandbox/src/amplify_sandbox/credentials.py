"""The sandbox's own keys: issued fresh at each start, readable only by its owner.

Each server start makes a new access key pair (and an admin token for moto's admin API) and
writes them to ``<amplify home>/sandbox/credentials.json`` (mode 0600) before it listens; the
CLI (``sandbox env``), the AWS profile writer and the test kit read them from there. Keys of a
previous start stop working: a request signed with any key the running sandbox did not issue
is refused (:mod:`.request_auth`). The file is removed when the server stops.

Inside the server, :data:`FULL_ACCESS` maps every key with the owner's rights (the issued
pair, and keys a test registers through ``POST /_sandbox/keys``) to its secret.
"""

from __future__ import annotations

import json
import secrets
import string
from dataclasses import asdict, dataclass, field
from pathlib import Path

from amplify_core.plugin import OperationError, write_json

from .state import sandbox_dir

_KEY_ALPHABET = string.ascii_uppercase + string.digits
_SECRET_ALPHABET = string.ascii_letters + string.digits + "+/"


@dataclass(frozen=True)
class SandboxKeys:
    """One start's credentials: the AWS access key pair and the admin API token."""

    access_key_id: str
    secret_access_key: str = field(repr=False)  # never in a log or a test's failure report
    admin_token: str = field(repr=False)


def generate() -> SandboxKeys:
    """A new key pair shaped like IAM's (``AKIA`` + 16, 40-character secret) and a token."""
    return SandboxKeys(
        access_key_id="AKIA" + "".join(secrets.choice(_KEY_ALPHABET) for _ in range(16)),
        secret_access_key="".join(secrets.choice(_SECRET_ALPHABET) for _ in range(40)),
        admin_token=secrets.token_urlsafe(24),
    )


def credentials_path(home: Path | None = None) -> Path:
    return sandbox_dir(home) / "credentials.json"


def write_keys(keys: SandboxKeys, home: Path | None = None) -> Path:
    """Write ``keys`` where clients find them, mode 0600 (``mkstemp`` creates it so)."""
    path = credentials_path(home)
    write_json(path, asdict(keys), mode=0o600)
    return path


def read_keys(home: Path | None = None) -> SandboxKeys:
    """The running sandbox's keys.

    :raises OperationError: no sandbox has issued keys (it is not running).
    """
    path = credentials_path(home)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SandboxKeys(**data)
    except (OSError, ValueError, TypeError):
        raise OperationError(
            "The sandbox is not running, so it has no keys: it issues new ones at each start.",
            hint="Start it with: amplify sandbox start --detach",
        ) from None


def remove_keys(keys: SandboxKeys, home: Path | None = None) -> None:
    """Remove the file if it still holds ``keys`` (a newer server's keys are left alone)."""
    try:
        current = read_keys(home)
    except OperationError:
        return
    if current == keys:
        credentials_path(home).unlink(missing_ok=True)


#: In the server process: access key id → secret of every key with the owner's full rights.
FULL_ACCESS: dict[str, str] = {}

#: In the server process: this start's keys (set by :func:`issue`).
CURRENT: SandboxKeys | None = None


def issue(home: Path | None = None) -> SandboxKeys:
    """Make this start's keys, give them full access and write them for clients."""
    global CURRENT
    keys = generate()
    FULL_ACCESS.clear()
    FULL_ACCESS[keys.access_key_id] = keys.secret_access_key
    CURRENT = keys
    write_keys(keys, home)
    return keys


def current() -> SandboxKeys:
    """This server's keys (for what the sandbox itself runs, such as Lambda handlers)."""
    if CURRENT is None:
        raise RuntimeError("the sandbox has not issued its keys yet")
    return CURRENT
