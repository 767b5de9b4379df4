"""The hosted sites the sandbox can preview right now, with their URLs (for ``sandbox status``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moto.s3.models import s3_backends

from .cloudfront import iter_distributions
from .objects import find_bucket
from .routes import CDN, WEBSITE, site_path_url, site_url
from .site_ports import local_url


def list_sites(port: int, site_port: Callable[[str, str], int | None] | None = None) -> list[dict[str, Any]]:
    """Every website-enabled bucket, then every distribution, each with its URLs: ``local_url``
    (the site's own loopback port, from ``site_port``), ``url`` (``*.localhost``), ``path_url``."""
    sites: list[dict[str, Any]] = []
    for name in sorted(list(s3_backends.bucket_accounts)):
        bucket = find_bucket(name)
        if bucket is not None and bucket.website_configuration:
            sites.append(
                {
                    "kind": WEBSITE,
                    "name": name,
                    "url": site_url(WEBSITE, name, port),
                    "path_url": site_path_url(WEBSITE, name, port),
                }
            )
    for dist in sorted(iter_distributions(), key=lambda d: d.distribution_id):
        sites.append(
            {
                "kind": CDN,
                "name": dist.distribution_id,
                "domain_name": dist.domain_name,
                "url": site_url(CDN, dist.distribution_id, port),
                "path_url": site_path_url(CDN, dist.distribution_id, port),
            }
        )
    for site in sites:
        own = site_port(site["kind"], site["name"]) if site_port else None
        if own is not None:
            site["local_url"] = local_url(own)
    return sites
