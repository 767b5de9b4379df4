"""Where amplify keeps per-user files outside any project (credentials, caches, sandbox state)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def amplify_home() -> Path:
    """``$AMPLIFY_HOME`` if set, else ``~/.amplify`` (tests point it at a temporary folder)."""
    from pathlib import Path

    return Path(amplify_home_path())


def amplify_home_path() -> str:
    """:func:`amplify_home` as a string, for start-up code that does without ``pathlib``."""
    configured = os.environ.get("AMPLIFY_HOME")
    return os.path.expanduser(configured if configured else os.path.join("~", ".amplify"))
