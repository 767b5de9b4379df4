"""Whether an AWS endpoint is on this machine (the amplify sandbox, or another local AWS).

Categories ask it to choose what a local AWS needs: the loopback URL of a site or an API
instead of its AWS domain, no checksums the local server does not keep.
"""

from __future__ import annotations

from urllib.parse import urlparse

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def is_local_endpoint(url: str | None) -> bool:
    """True when ``url``'s host is loopback or a ``*.localhost`` name."""
    host = urlparse(url or "").hostname or ""
    return host in LOCAL_HOSTS or host.endswith(".localhost")
