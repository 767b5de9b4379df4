"""Rules for what a user types: bucket names, document names, TTLs, status codes.

Each check returns an error message or ``None`` so the same function serves prompts
(``Question.validate``), command-line flags and headless JSON.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

_BUCKET_CHARS = re.compile(r"^[a-z0-9.-]+$")

#: HTTP status codes CloudFront accepts in custom error responses (ErrorCode).
ERROR_CODES = (400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504)

#: Largest TTL CloudFront accepts (100 years, in seconds).
MAX_TTL_LIMIT = 3_153_600_000


def check_bucket_name(name: Any, *, suffix: str = "") -> str | None:
    """S3's naming rules for ``name`` (plus the ``-<env>`` suffix the stack appends).

    3–63 characters of lowercase letters, digits, dots and hyphens; starts and ends with a
    letter or digit; no ``..``, ``.-`` or ``-.``; not an IP address; none of the prefixes and
    suffixes S3 reserves.
    """
    if not isinstance(name, str) or not name:
        return "The bucket name must not be empty."
    full = name + suffix
    if not 3 <= len(full) <= 63:
        extra = f" including the '{suffix}' environment suffix" if suffix else ""
        return f"The bucket name must be 3 to 63 characters long{extra} (it is {len(full)})."
    if not _BUCKET_CHARS.match(name):
        return "The bucket name may contain only lowercase letters, digits, dots (.) and hyphens (-)."
    if not (name[0].isalnum() and full[-1].isalnum()):
        return "The bucket name must start and end with a lowercase letter or a digit."
    if ".." in name or ".-" in name or "-." in name:
        return "The bucket name must not contain '..', '.-' or '-.'."
    try:
        ipaddress.IPv4Address(name)
    except ValueError:
        pass
    else:
        return "The bucket name must not look like an IP address."
    for prefix in ("xn--", "sthree-", "amzn-s3-demo-"):
        if name.startswith(prefix):
            return f"The bucket name must not start with '{prefix}'."
    for reserved in ("-s3alias", "--ol-s3", ".mrap", "--x-s3"):
        if full.endswith(reserved):
            return f"The bucket name must not end with '{reserved}'."
    return None


def default_bucket_name(project_name: str, timestamp: str) -> str:
    """``<project>-<YYYYMMDDHHmmss>-hostingbucket``, lower-cased and cut to S3's rules.

    Gen 1 dropped upper-case letters instead of lower-casing them (``MyApp`` → ``-``).
    """
    stem = re.sub(r"[^a-z0-9-]", "", project_name.lower()).strip("-") or "amplify"
    name = f"{stem}-{timestamp}-hostingbucket"
    if len(name) > 50:  # leave room for "-<env>" (env names are at most 10 characters)
        name = f"{stem[: 50 - len(timestamp) - 15].rstrip('-')}-{timestamp}-hostingbucket"
    return name


def check_document_name(name: Any) -> str | None:
    """An index or error document: a file name at the root of the site, no slashes."""
    if not isinstance(name, str) or not name.strip():
        return "The document name must not be empty."
    if "/" in name or "\\" in name:
        return "The document name must be a file name, without '/'."
    if name != name.strip():
        return "The document name must not start or end with spaces."
    return None


def check_page_path(path: Any) -> str | None:
    """A CloudFront response page path: starts with ``/``."""
    if not isinstance(path, str) or not path.startswith("/"):
        return "The response page path must start with '/' (for example /index.html)."
    return None


def parse_int(value: Any, what: str) -> int:
    """An integer from a prompt answer (text) or a flag/JSON value; ValueError names ``what``."""
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a whole number, not {value!r}.")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    raise ValueError(f"{what} must be a whole number of seconds, not {value!r}.")


def check_ttl(value: Any, what: str = "The TTL") -> str | None:
    try:
        number = parse_int(value, what)
    except ValueError as exc:
        return str(exc)
    if not 0 <= number <= MAX_TTL_LIMIT:
        return f"{what} must be between 0 and {MAX_TTL_LIMIT} seconds."
    return None


def check_ttl_order(min_ttl: int, default_ttl: int, max_ttl: int) -> str | None:
    """CloudFront's rule: minimum ≤ default ≤ maximum."""
    if not min_ttl <= default_ttl <= max_ttl:
        return (
            f"TTLs must satisfy min ≤ default ≤ max; got min {min_ttl}, default {default_ttl}, max {max_ttl}."
        )
    return None
