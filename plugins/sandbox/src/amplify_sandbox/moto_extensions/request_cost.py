"""moto's per-request work that gives the same answer every time, done once.

A small S3 upload cost the sandbox about 1.3 ms of CPU, most of it moto's plumbing rather than
S3's rules (``benchmarks/key_check.py``). Three pieces of that plumbing recompute, on every
request, something that depends only on what they are given; here they remember it. Nothing a
client sees changes: the same headers in the same order, the same bucket addressing, the same
form parsing.

- moto's ``EnvironHeaders`` derive each header's name from its WSGI key (``HTTP_X_AMZ_DATE``
  -> ``X-Amz-Date``, then back, to look the original spelling up) on every walk of the
  headers, and S3's handlers walk them five times per PutObject (metadata, ACL, tagging, the
  querystring, the handler's header dict). The name is a function of the key alone: it is
  derived once per distinct key (a bounded table); the walk still reads the live environ.
- ``S3Response.subdomain_based_buckets`` (path- or host-addressed bucket?) runs a dozen regular
  expressions over the ``Host`` header and reads ``MOTO_S3_CUSTOM_ENDPOINTS`` from the
  environment, five times per request. Its answer depends on the host, that variable and
  ``S3_IGNORE_SUBDOMAIN_BUCKETNAME``: it is remembered for each such triple (moto's own code
  computes it the first time).
- moto's Flask apps run in debug mode, where Flask gives every request's empty ``files``
  dictionary a class of its own, built per request, whose only difference is the error a
  missing *file* key raises for an HTML form without ``enctype`` (a hint for web developers).
  moto reads ``files`` only when it is not empty, so its requests load form data as
  werkzeug does, without that class.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

#: At most this many distinct WSGI keys have their header name remembered (a client choosing
#: new header names cannot grow the table further; past it, names are derived as before).
MAX_NAMES = 4096

_NAMES: dict[str, tuple[str, str] | None] = {}
_WSGI_HEADERS = frozenset({"CONTENT_TYPE", "CONTENT_LENGTH"})
_NOT_HEADERS = frozenset({"HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"})


def _name(key: str, environ_key_for_header: Any) -> tuple[str, str] | None:
    """(werkzeug's name for the environ key, moto's lookup key for it), or None: not a header."""
    if key.startswith("HTTP_") and key not in _NOT_HEADERS:
        title = key[5:].replace("_", "-").title()
    elif key in _WSGI_HEADERS:
        title = key.replace("_", "-").title()
    else:
        return None
    return title, environ_key_for_header(title)


def _install_header_names() -> None:
    from moto.core import request as moto_request

    preserved_key = moto_request.PRESERVED_HEADER_NAMES_ENVIRON_KEY
    environ_key_for_header = moto_request.environ_key_for_header

    def __iter__(self: Any) -> Iterator[tuple[str, str]]:
        environ = self.environ
        preserved: dict[str, str] = environ.get(preserved_key) or {}
        for key, value in environ.items():
            try:
                name = _NAMES[key]
            except KeyError:
                name = _name(key, environ_key_for_header)
                if len(_NAMES) < MAX_NAMES:
                    _NAMES[key] = name
            if name is None or (not value and key in _WSGI_HEADERS):
                continue
            yield preserved.get(name[1], name[0]), value

    __iter__._amplify_extension = True  # type: ignore[attr-defined]
    setattr(moto_request.EnvironHeaders, "__iter__", __iter__)


class _HostOnly:
    """What moto's ``subdomain_based_buckets`` reads of a request: its Host header."""

    def __init__(self, host: str):
        self.headers = {"host": host}
        self.url = ""


def _install_bucket_style() -> None:
    from moto import settings
    from moto.s3.responses import S3Response

    judge = S3Response.subdomain_based_buckets

    @functools.lru_cache(maxsize=256)
    def judged(host: str, custom_endpoints: str | None, ignore_subdomains: bool) -> bool:
        return bool(judge(_HostOnly(host)))

    def subdomain_based_buckets(request: Any) -> bool:
        host = request.headers.get("host", request.headers.get("Host"))
        if not host:
            host = urlparse(request.url).netloc
        if not host:
            return bool(judge(request))
        return judged(
            host, os.environ.get("MOTO_S3_CUSTOM_ENDPOINTS"), bool(settings.S3_IGNORE_SUBDOMAIN_BUCKETNAME)
        )

    subdomain_based_buckets._amplify_extension = True  # type: ignore[attr-defined]
    setattr(S3Response, "subdomain_based_buckets", staticmethod(subdomain_based_buckets))


def _install_form_loading() -> None:
    from moto.moto_server.werkzeug_app import BackendRequest
    from werkzeug.wrappers import Request

    setattr(BackendRequest, "_load_form_data", Request._load_form_data)


def install() -> None:
    from moto.core.request import EnvironHeaders

    if getattr(EnvironHeaders.__iter__, "_amplify_extension", False):
        return
    _install_header_names()
    _install_bucket_style()
    _install_form_loading()
