"""Where amplify keeps per-user files outside any project (credentials, caches, sandbox state)."""

from __future__ import annotations

import os
from pathlib import Path


def amplify_home() -> Path:
    """``$AMPLIFY_HOME`` if set, else ``~/.amplify`` (tests point it at a temporary folder)."""
    configured = os.environ.get("AMPLIFY_HOME")
    return Path(configured).expanduser() if configured else Path.home() / ".amplify"


def project_home_file(folder: str, project_root: Path, env_name: str) -> Path:
    """A per-user file about one project folder and environment, kept outside the project:
    ``<amplify home>/<folder>/<hash of the folder's path and env>.json`` (``folder`` created
    0700). For what must never travel with the project — a commit, a zip, a CI artifact —
    such as presigned URLs, which carry the session token of temporary credentials. If the
    folder cannot be made, writes there fail and the caller goes without its cache."""
    import hashlib

    home = amplify_home() / folder
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        pass
    name = hashlib.sha256(f"{Path(project_root).resolve()}\0{env_name}".encode()).hexdigest()[:24]
    return home / f"{name}.json"
