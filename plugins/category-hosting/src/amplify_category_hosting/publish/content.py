"""The headers each object gets: ``Content-Type`` and ``Cache-Control``.

Gen 1 used ``mime-types`` with a ``text/plain`` fallback and set no Cache-Control at all,
so browsers got CSS as octet-stream and stale ``index.html`` for a day. Here:

* Content-Type: an explicit table of web types first (Python's ``mimetypes`` varies by
  platform and misses ``.webmanifest``, ``.mjs`` …), then ``mimetypes``, then
  ``application/octet-stream``. Files under ``.well-known/`` without an extension
  (``apple-app-site-association``) are JSON.
* Cache-Control: the user's rules (gitignore-style patterns, the last match wins), else
  ``no-cache`` for HTML and files that must never be stale (service workers, manifests,
  ``.well-known``), ``public, max-age=31536000, immutable`` for fingerprinted assets
  (a content hash in the name), and ``public, max-age=0, must-revalidate`` for everything
  else, so a republished file is never served stale.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

TEXT = "; charset=utf-8"

CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html" + TEXT,
    ".htm": "text/html" + TEXT,
    ".js": "text/javascript" + TEXT,
    ".mjs": "text/javascript" + TEXT,
    ".cjs": "text/javascript" + TEXT,
    ".css": "text/css" + TEXT,
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain" + TEXT,
    ".md": "text/markdown" + TEXT,
    ".csv": "text/csv" + TEXT,
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon",
    ".bmp": "image/bmp",
    ".wasm": "application/wasm",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".wav": "audio/wav",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".gz": "application/gzip",
    ".ts": "video/mp2t",
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
}

NO_CACHE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"

_HTML = (".html", ".htm")
_NEVER_STALE_NAMES = {
    "sw.js",
    "service-worker.js",
    "serviceworker.js",
    "manifest.json",
    "asset-manifest.json",
    "remoteentry.js",
}

# A content hash in a file name: a hex run of 8+ (webpack, CRA, our example), or an 8-char
# base64url run with a digit or an inner capital (Vite, Rollup), after a '.', '-' or '_'.
_HEX_HASH = re.compile(r"[.\-_](?=[0-9a-f]*[0-9])[0-9a-f]{8,}(?=[.\-_])")
_B64_HASH = re.compile(r"[.\-_](?=[A-Za-z0-9_-]{8}\.)(?=[^.]*(?:[0-9]|[A-Za-z0-9_-][A-Z]))[A-Za-z0-9_-]{8}\.")


def content_type(key: str) -> str:
    """The Content-Type of the object ``key`` (a ``/``-separated path in the bucket)."""
    name = key.rsplit("/", 1)[-1].lower()
    dot = name.rfind(".")
    ext = name[dot:] if dot > 0 else ""
    if ext in CONTENT_TYPES:
        return CONTENT_TYPES[ext]
    if not ext and (key.startswith(".well-known/") or "/.well-known/" in key):
        return "application/json"
    guessed, _ = mimetypes.guess_type(name, strict=False)
    if guessed:
        return guessed + TEXT if guessed.startswith("text/") else guessed
    return "application/octet-stream"


def is_html(key: str) -> bool:
    return key.lower().endswith(_HTML)


def is_fingerprinted(key: str) -> bool:
    """True when the file name carries a content hash (so the file never changes)."""
    name = key.rsplit("/", 1)[-1]
    return bool(_HEX_HASH.search(name) or _B64_HASH.search(name))


def default_cache_control(key: str) -> str:
    name = key.rsplit("/", 1)[-1]
    lower = name.lower()
    if (
        lower.endswith(_HTML)
        or lower in _NEVER_STALE_NAMES
        or lower.endswith(".webmanifest")
        or key.startswith(".well-known/")
    ):
        return NO_CACHE
    if _HEX_HASH.search(name) or _B64_HASH.search(name):  # is_fingerprinted, name split once
        return IMMUTABLE
    return REVALIDATE


@lru_cache(maxsize=1024)
def headers_tag(content_type_value: str, cache_control_value: str) -> str:
    """A short fingerprint of an object's headers, kept in the publish record so that a
    changed Cache-Control rule re-uploads the files it now covers."""
    import hashlib

    text = f"{content_type_value}\n{cache_control_value}".encode()
    return hashlib.md5(text, usedforsecurity=False).hexdigest()[:10]


@dataclass(frozen=True)
class CacheRule:
    """``Cache-Control: value`` for files matching ``pattern`` (gitignore syntax, relative to
    the distribution folder)."""

    pattern: str
    value: str


class HeaderPolicy:
    """Decides both headers for a key; built once per publish from the user's rules."""

    def __init__(self, rules: Sequence[CacheRule] = ()):
        self.rules = tuple(rules)
        self._specs = [(_spec(rule.pattern), rule.value) for rule in self.rules]

    def cache_control(self, key: str) -> str:
        for spec, value in reversed(self._specs):
            if spec.match_file(key):
                return value
        return default_cache_control(key)

    def content_type(self, key: str) -> str:
        return content_type(key)

    def tag(self, key: str) -> str:
        return headers_tag(self.content_type(key), self.cache_control(key))


@lru_cache(maxsize=256)
def _spec(pattern: str):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines([pattern])
