"""Keep secrets out of every message: values under secret-looking keys become ``***``."""

from __future__ import annotations

import re
from typing import Any

SECRET_KEYS = frozenset(
    {"secretaccesskey", "sessiontoken", "aws_secret_access_key", "aws_session_token", "password"}
)

_INLINE = re.compile(
    r'(?i)(["\']?(?:secretAccessKey|sessionToken|aws_secret_access_key|aws_session_token)["\']?\s*[:=]\s*)'
    r'("[^"]*"|\'[^\']*\'|[^\s,}]+)'
)


def is_secret_key(key: Any) -> bool:
    return isinstance(key, str) and key.lower() in SECRET_KEYS


def redact_data(data: Any) -> Any:
    """A copy of ``data`` with every secret value replaced."""
    if isinstance(data, dict):
        return {k: ("***" if is_secret_key(k) else redact_data(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [redact_data(v) for v in data]
    return data


def redact_text(text: str, secrets: list[str] | None = None) -> str:
    """``text`` with ``key: value`` secrets and any known secret strings masked."""
    text = _INLINE.sub(lambda m: f"{m.group(1)}***", text)
    for secret in secrets or []:
        if secret:
            text = text.replace(secret, "***")
    return text
