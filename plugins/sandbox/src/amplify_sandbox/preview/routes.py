"""The preview URL scheme: which hosted site a request is for.

Host-based URLs are the ones ``sandbox status`` prints. Browsers resolve every ``*.localhost``
name to loopback by themselves (RFC 6761), so they need no ``/etc/hosts`` entry, and a site's
absolute links (``/static/main.js``) stay inside the site::

    http://<bucket>.s3-website.localhost:<port>/<key>          S3 website hosting
    http://<distribution-id>.cloudfront.localhost:<port>/<path> CloudFront

The real AWS names (``<bucket>.s3-website-<region>.amazonaws.com``,
``<bucket>.s3-website.<region>.amazonaws.com``, ``<domain>.cloudfront.net``) are recognised
too, for anyone who maps them to 127.0.0.1.

Path-based URLs work with any client, even one that cannot resolve ``*.localhost``, but a
site's absolute links escape the prefix::

    http://127.0.0.1:<port>/_site/<bucket>/<key>
    http://127.0.0.1:<port>/_cdn/<distribution-id>/<path>

Neither form can collide with moto's S3 API: bucket names cannot start with ``_`` and moto is
never addressed with these host names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..config import HOST
from ..s3_names import bucket_from_website_host

Kind = Literal["s3-website", "cloudfront"]
WEBSITE: Kind = "s3-website"
CDN: Kind = "cloudfront"

_LOCAL_WEBSITE_SUFFIX = ".s3-website.localhost"
_LOCAL_CDN_SUFFIX = ".cloudfront.localhost"
_AWS_CDN_SUFFIX = ".cloudfront.net"
_PATH_PREFIXES: dict[str, Kind] = {"_site": WEBSITE, "_cdn": CDN}


@dataclass(frozen=True)
class Target:
    """A request for one hosted site.

    :param kind: :data:`WEBSITE` or :data:`CDN`.
    :param name: the bucket name, or the distribution id / domain label.
    :param path: the path inside the site, always starting with ``/``.
    :param base: the URL prefix the site lives under (``""`` for host-based URLs), which
        redirects must keep.
    """

    kind: Kind
    name: str
    path: str
    base: str = ""


def match(host: str, path: str) -> Target | None:
    """The site a request for ``host`` + ``path`` addresses, or None (an AWS API request)."""
    hostname = host.rsplit(":", 1)[0].lower() if not host.startswith("[") else ""
    suffixes: tuple[tuple[str, Kind], ...] = (
        (_LOCAL_WEBSITE_SUFFIX, WEBSITE),
        (_LOCAL_CDN_SUFFIX, CDN),
        (_AWS_CDN_SUFFIX, CDN),
    )
    for suffix, kind in suffixes:
        if hostname.endswith(suffix) and len(hostname) > len(suffix):
            return Target(kind, hostname[: -len(suffix)], path or "/")
    bucket = bucket_from_website_host(hostname)
    if bucket:
        return Target(WEBSITE, bucket, path or "/")
    prefix, _, rest = path.lstrip("/").partition("/")
    path_kind = _PATH_PREFIXES.get(prefix)
    if path_kind is None:
        return None
    name, slash, inner = rest.partition("/")
    if not name:
        return None
    return Target(path_kind, name, "/" + inner, base=f"/{prefix}/{name}")


def site_url(kind: str, name: str, port: int) -> str:
    """The host-based URL of a site (what ``sandbox status`` prints)."""
    suffix = _LOCAL_WEBSITE_SUFFIX if kind == WEBSITE else _LOCAL_CDN_SUFFIX
    return f"http://{name.lower()}{suffix}:{port}/"


def site_path_url(kind: str, name: str, port: int) -> str:
    """The path-based URL of a site, for clients that cannot resolve ``*.localhost``."""
    prefix = "_site" if kind == WEBSITE else "_cdn"
    return f"http://{HOST}:{port}/{prefix}/{name}/"
