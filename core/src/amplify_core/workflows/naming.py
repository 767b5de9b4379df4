"""Gen 1's rules for project and environment names."""

from __future__ import annotations

import re
import secrets

from ..errors import UsageError
from ..params.models import ENV_NAME_PATTERN, ENV_NAME_RULE


def normalize_project_name(name: str) -> str:
    """3-20 alphanumerics: strip the rest, pad short names, truncate long ones."""
    cleaned = re.sub(r"[^a-zA-Z0-9]", "", name or "")
    if not cleaned:
        return "amplify" + secrets.token_hex(3)[:5]
    if len(cleaned) < 3:
        cleaned += secrets.token_hex(3)[: 3 - len(cleaned) + 2]
    return cleaned[:20]


def check_env_name(name: str) -> str | None:
    """The rule's message if ``name`` breaks it, else ``None``."""
    return None if re.match(ENV_NAME_PATTERN, name or "") else ENV_NAME_RULE


def require_env_name(name: str) -> str:
    problem = check_env_name(name)
    if problem:
        raise UsageError(f"Invalid environment name: {name!r}. {problem}")
    return name
