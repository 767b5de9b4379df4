"""Where a site answers when the project's AWS is the local sandbox.

The sandbox cannot serve the ``https://….cloudfront.net`` / ``….amazonaws.com`` names the
stack outputs carry. It gives each site its own ``http://127.0.0.1:<port>/`` (listed as
``local_url`` in its ``/_sandbox/status`` report), which any client can open, and also serves
it under ``*.localhost`` names, which browsers resolve by themselves. The plugin only reads
that report over HTTP; it never imports the sandbox.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STATUS_PATH = "/_sandbox/status"


def sandbox_site_url(endpoint_url: str, output: dict[str, Any]) -> str | None:
    """The site's own ``http://127.0.0.1:<port>/`` as the sandbox lists it, or None when the
    endpoint is not a sandbox that has one for this site."""
    import json
    import urllib.request

    kind = "cloudfront" if output.get("CloudFrontDistributionID") else "s3-website"
    name = str(output.get("CloudFrontDistributionID") or output.get("HostingBucketName") or "")
    if not name:
        return None
    try:
        with urllib.request.urlopen(endpoint_url.rstrip("/") + STATUS_PATH, timeout=5) as answer:
            report = json.loads(answer.read())
    except (OSError, ValueError):
        return None
    sites = report.get("sites") if isinstance(report, dict) else None
    for site in sites if isinstance(sites, list) else []:
        if (
            isinstance(site, dict)
            and site.get("kind") == kind
            and str(site.get("name", "")).lower() == name.lower()
        ):
            url = site.get("local_url")
            return url if isinstance(url, str) and url else None
    return None


def sandbox_site_url_soon(endpoint_url: str, output: dict[str, Any]) -> Callable[[], str | None]:
    """:func:`sandbox_site_url` asked now, answered when called: its round trip overlaps the
    publish instead of following it. A daemon thread, so a failed publish never waits on it."""
    import threading

    answer: list[str | None] = [None]

    def ask() -> None:
        answer[0] = sandbox_site_url(endpoint_url, output)

    thread = threading.Thread(target=ask, name="amplify-site-url", daemon=True)
    thread.start()

    def result() -> str | None:
        thread.join()
        return answer[0]

    return result


def local_preview_url(endpoint_url: str, output: dict[str, Any]) -> str | None:
    """The site's URL on a local sandbox endpoint, in the sandbox's host-based scheme
    (``<distribution-id>.cloudfront.localhost`` / ``<bucket>.s3-website.localhost``; any
    ``*.localhost`` name resolves to loopback)."""
    from urllib.parse import urlparse

    port = urlparse(endpoint_url).port
    if port is None:
        return None
    if output.get("CloudFrontDistributionID"):
        return f"http://{output['CloudFrontDistributionID'].lower()}.cloudfront.localhost:{port}/"
    if output.get("HostingBucketName"):
        return f"http://{output['HostingBucketName']}.s3-website.localhost:{port}/"
    return None


def local_site_url(endpoint_url: str, output: dict[str, Any]) -> str | None:
    """The URL to show for the site on a local endpoint: its own port, else its ``.localhost`` name."""
    return sandbox_site_url(endpoint_url, output) or local_preview_url(endpoint_url, output)
