"""Where amplify keeps per-user files outside any project (credentials, caches, sandbox state)."""

from __future__ import annotations

import os
from pathlib import Path


def amplify_home() -> Path:
    """``$AMPLIFY_HOME`` if set, else ``~/.amplify`` (tests point it at a temporary folder)."""
    configured = os.environ.get("AMPLIFY_HOME")
    return Path(configured).expanduser() if configured else Path.home() / ".amplify"
