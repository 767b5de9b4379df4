"""CloudFront's edge cache, so a republish without an invalidation looks in the sandbox as in AWS.

Without it the preview answered every request from the bucket, so a forgotten
``amplify publish -c`` went unnoticed locally and showed stale pages in AWS. As CloudFront
documents for the legacy cache settings (and a cache policy's TTLs when a behaviour names one):

- an object is kept for the origin's ``Cache-Control: s-maxage`` or ``max-age``, clamped to
  the behaviour's ``MinTTL``..``MaxTTL``; without either, for ``DefaultTTL``;
  ``no-cache``, ``no-store`` or ``private`` keep it for ``MinTTL`` only (0: not kept);
- error answers (4xx/5xx, after the custom error responses) are kept for the rule's
  ``ErrorCachingMinTTL``, else 10 seconds;
- an invalidation created after an object was cached removes it if one of its paths covers
  the object's path (``/*``, ``/images/*`` or the exact path);
- a hit carries ``X-Cache: Hit from cloudfront`` and ``Age``; a miss ``Miss from cloudfront``.

Only GET and HEAD answers are kept, keyed by distribution and path (query strings are not
forwarded by amplify's templates). The cache lives in the server's memory: a restart of the
sandbox starts it empty, as if every edge had evicted everything.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from werkzeug.wrappers import Request, Response

#: Seconds, swapped by tests for a fake clock.
clock: Callable[[], float] = time.monotonic

DEFAULT_ERROR_TTL = 10
MAX_ENTRIES = 10_000
_CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_RANGE",
    "HTTP_IF_RANGE",
)
_DIRECTIVE = re.compile(r"([a-z-]+)\s*(?:=\s*\"?(\d+)\"?)?")


@dataclass(frozen=True)
class _Entry:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    stored: float
    expires: float
    invalidations_seen: int


_entries: OrderedDict[tuple[str, str], _Entry] = OrderedDict()
_lock = threading.Lock()


def clear() -> None:
    """Forget everything (a sandbox reset)."""
    with _lock:
        _entries.clear()


#: AWS's managed cache policies amplify's templates may name: (MinTTL, DefaultTTL, MaxTTL).
MANAGED_POLICIES = {
    "658327ea-f89d-4fab-a63d-7e88639e58f6": (1, 86400, 31536000),  # CachingOptimized
    "4135ea2d-6df8-44a3-9df3-4b5a84be39ad": (0, 0, 0),  # CachingDisabled
    "b2884449-e4de-46a7-ac36-70bc7f1ddd6d": (1, 86400, 31536000),  # CachingOptimizedForUncompressedObjects
}


def _ttls(behavior: Any) -> tuple[int, int, int]:
    policy = MANAGED_POLICIES.get(str(getattr(behavior, "cache_policy_id", "") or ""))
    if policy is not None:
        return policy
    # The legacy settings as stored (moto keeps a missing DefaultTTL as 0: not cached, the
    # cautious reading — the sandbox then never shows older content than AWS would).
    low = int(getattr(behavior, "min_ttl", 0) or 0)
    default = int(getattr(behavior, "default_ttl", 0) or 0)
    high = int(getattr(behavior, "max_ttl", 0) or 0) or 31536000
    return low, default, high


def ttl(behavior: Any, cache_control: str | None) -> int:
    """Seconds CloudFront keeps an object with ``cache_control`` under ``behavior``'s TTLs."""
    low, default, high = _ttls(behavior)
    directives = {name: value for name, value in _DIRECTIVE.findall((cache_control or "").lower())}
    if {"no-cache", "no-store", "private"} & directives.keys():
        return low
    for name in ("s-maxage", "max-age"):
        if directives.get(name):
            return max(low, min(high, int(directives[name])))
    return default


def _covers(pattern: str, path: str) -> bool:
    pattern = "/" + pattern.lstrip("/")
    if pattern.endswith("*"):
        return path.startswith(pattern[:-1])
    return path == pattern


def _invalidations(distribution: Any) -> list[Any]:
    from moto.cloudfront.models import cloudfront_backends

    for _, _, backend in list(cloudfront_backends.iter_backends()):
        found: Any = backend  # a CloudFrontBackend (typed as moto's base class)
        if distribution.distribution_id in found.distributions:
            return list(found.invalidations.get(distribution.distribution_id) or [])
    return []


def _clean(request: Request) -> Request:
    """``request`` without conditional or range headers: the cache keeps whole answers."""
    environ = {k: v for k, v in request.environ.items() if k not in _CONDITIONAL_HEADERS}
    return Request(environ)


def _answer(entry: _Entry, request: Request, hit: bool, now: float) -> Response:
    response = Response(entry.body, status=entry.status, headers=entry.headers)
    response.headers["X-Cache"] = ("Hit" if hit else "Miss") + " from cloudfront"
    if hit:
        response.headers["Age"] = str(int(now - entry.stored))
    if entry.status == 200:
        response.make_conditional(request, accept_ranges=True, complete_length=len(entry.body))
    return response


def serve(
    distribution: Any,
    path: str,
    request: Request,
    behavior: Any,
    error_ttl: Callable[[int], int | None],
    fetch: Callable[[Request], Response],
) -> Response:
    """The edge's answer for ``path``: from the cache while fresh, else ``fetch`` (the origin and
    the error rules) and keep it. ``error_ttl(status)`` is the error rule's caching TTL."""
    if request.method not in ("GET", "HEAD"):
        return fetch(request)
    key = (distribution.distribution_id, path)
    now = clock()
    invalidations = _invalidations(distribution)
    with _lock:
        entry = _entries.get(key)
    if entry is not None and now < entry.expires:
        newer = invalidations[entry.invalidations_seen :]
        if not any(_covers(p, path) for inv in newer for p in inv.paths):
            return _answer(entry, request, hit=True, now=now)
    response = fetch(_clean(request))
    if response.status_code >= 400:
        seconds = error_ttl(response.status_code)
        seconds = DEFAULT_ERROR_TTL if seconds is None else seconds
    elif response.status_code == 200:
        seconds = ttl(behavior, response.headers.get("Cache-Control"))
    else:
        seconds = 0
    entry = _Entry(
        status=response.status_code,
        headers=[(k, v) for k, v in response.headers.items() if k.lower() != "content-length"],
        body=response.get_data(),
        stored=now,
        expires=now + seconds,
        invalidations_seen=len(invalidations),
    )
    with _lock:
        _entries.pop(key, None)
        if seconds > 0:
            _entries[key] = entry
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return _answer(entry, request, hit=False, now=now)
