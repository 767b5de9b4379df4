"""Keep secrets out of every message: values under secret-looking keys become ``***``.

Secret values are found in text without parsing it (:func:`secret_spans`), so a message that
quotes broken JSON (a missing comma, an unterminated string, an unquoted value) never shows
any part of a value that sits under a secret key, wherever the quoted excerpt starts or ends.
"""

from __future__ import annotations

import re
from typing import Any

MASK = "***"

#: A key holding a secret: secretAccessKey, sessionToken, aws_secret_access_key, password, …
_SECRET_NAME = r"(?:secret|token|passw(?:or)?d|passphrase|private_?key|credential)"
_SECRET_KEY = re.compile(rf"(?i){_SECRET_NAME}")

#: A secret key in text: quoted (JSON, Python repr) or bare (INI, ``key=value``), then its separator.
_KEY_IN_TEXT = re.compile(
    rf"""(?ix)
    (?P<quote>["']?)
    (?P<key>[a-z0-9_.\-]*{_SECRET_NAME}[a-z0-9_\-]*)
    \\?(?P=quote)
    (?P<sep>\s*[:=]\s*|\s+(?=["'{{\[]))?
    """
)
_BARE_END = re.compile(r"[\s,;}\])]")


def is_secret_key(key: Any) -> bool:
    """A key whose value must never be shown (its name mentions a secret, token or password)."""
    return isinstance(key, str) and bool(_SECRET_KEY.search(key))


def redact_data(data: Any) -> Any:
    """A copy of ``data`` with every secret value replaced."""
    if isinstance(data, dict):
        return {k: (MASK if is_secret_key(k) else redact_data(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [redact_data(v) for v in data]
    return data


def secret_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every value that follows a secret key in ``text``, however broken
    the text is: a quoted value runs to its closing quote (or the end of the text), an object
    or list to its closing bracket (or the end), a bare value to the next delimiter."""
    spans: list[tuple[int, int]] = []
    for match in _KEY_IN_TEXT.finditer(text):
        if match.group("sep") is None:
            continue  # prose ("secretAccessKey is required") or a list item: no value follows
        start = match.end()
        end = _value_end(text, start)
        if end > start:
            spans.append((start, end))
    return _merged(spans)


def _value_end(text: str, start: int) -> int:
    if start >= len(text):
        return start
    first = text[start]
    if first in "\"'":
        return _string_end(text, start)
    if first in "{[":
        return _bracket_end(text, start)
    bare = _BARE_END.search(text, start)
    return bare.start() if bare else len(text)


def _string_end(text: str, start: int) -> int:
    quote, i = text[start], start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    return len(text)


def _bracket_end(text: str, start: int) -> int:
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char in "\"'":
            i = _string_end(text, i)
            continue
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def excerpt(text: str, position: int, radius: int = 20) -> str:
    """The text around ``position`` (``radius`` characters each side), every part of a secret
    value in it masked: the secrets are found in the whole text, then the window is cut."""
    start, end = max(0, position - radius), min(len(text), position + radius)
    out, i = [], start
    for s, e in secret_spans(text):
        if e <= start or s >= end:
            continue
        out.append(text[i : max(s, start)])
        out.append(MASK)
        i = min(max(e, i), end)
    out.append(text[i:end])
    return "".join(out)


def redact_text(text: str, secrets: list[str] | None = None) -> str:
    """``text`` with values under secret keys and any known secret strings masked."""
    for start, end in reversed(secret_spans(text)):
        text = text[:start] + MASK + text[end:]
    for secret in secrets or []:
        if secret:
            text = text.replace(secret, MASK)
    return text


def shorten(value: Any, limit: int = 80) -> str:
    """``repr``-like text of a value a message echoes, cut to ``limit`` characters."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
