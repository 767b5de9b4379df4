"""Files the provider keeps outside any project, under ``amplify_home()/awscloudformation``.

Access keys entered for a project live here (one file per configuration, mode 0600) and
``local-aws-info.json`` only points at them with ``awsConfigFilePath``, as in Gen 1: a secret
never enters the project folder. The assume-role cache (``cache.json``) lives here too.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from amplify_core.plugin import UsageError, amplify_home, read_json, write_json

from .constants import CACHE_FILE_NAME


def provider_home() -> Path:
    """``<amplify_home>/awscloudformation``, created private (0700) on first use."""
    folder = amplify_home() / "awscloudformation"
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    return folder


def cache_path() -> Path:
    return amplify_home() / "awscloudformation" / CACHE_FILE_NAME


def save_keys(
    access_key_id: str,
    secret_access_key: str,
    region: str,
    session_token: str | None = None,
    *,
    reuse: str | None = None,
) -> str:
    """Write an access-keys file (Gen 1 shape, mode 0600); return its path.

    ``reuse``: overwrite this earlier keys file instead of making a new one, if it is ours.
    """
    folder = provider_home()
    path = Path(reuse) if reuse and Path(reuse).parent == folder else folder / secrets.token_hex(5)
    credentials = {"accessKeyId": access_key_id, "secretAccessKey": secret_access_key}
    if session_token:
        credentials["sessionToken"] = session_token
    write_json(path, {"credentials": credentials, "region": region}, mode=0o600)
    return str(path)


def load_keys(path: str) -> dict[str, Any]:
    """``{"accessKeyId", "secretAccessKey", "sessionToken"?, "region"}`` from a keys file.

    Accepts Gen 1's current shape (``{"credentials": {…}, "region"}``) and its legacy flat one.
    """
    data = read_json(Path(path).expanduser(), default=None)
    if not isinstance(data, dict):
        raise UsageError(
            f"The access keys file {path} referenced by local-aws-info.json is missing or unreadable.",
            hint="Run `amplify configure project` to enter the keys again.",
        )
    nested = data.get("credentials")
    creds: dict[str, Any] = nested if isinstance(nested, dict) else data
    keys = {
        "accessKeyId": creds.get("accessKeyId"),
        "secretAccessKey": creds.get("secretAccessKey"),
        "sessionToken": creds.get("sessionToken"),
        "region": data.get("region"),
    }
    if not keys["accessKeyId"] or not keys["secretAccessKey"]:
        raise UsageError(
            f"The access keys file {path} has no accessKeyId/secretAccessKey.",
            hint="Run `amplify configure project` to enter the keys again.",
        )
    return keys
