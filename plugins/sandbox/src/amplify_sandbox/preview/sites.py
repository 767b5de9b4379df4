"""The hosted sites the sandbox can preview right now, with their URLs (for ``sandbox status``)."""

from __future__ import annotations

from typing import Any

from moto.s3.models import s3_backends

from .cloudfront import iter_distributions
from .objects import find_bucket
from .routes import CDN, WEBSITE, site_path_url, site_url


def list_sites(port: int) -> list[dict[str, Any]]:
    """Every website-enabled bucket, then every distribution, each with both URL forms."""
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
    return sites
