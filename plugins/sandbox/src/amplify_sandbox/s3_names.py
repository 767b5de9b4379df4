"""S3 host names: which bucket an AWS-style host name points at.

Three places read these names — nested-stack TemplateURLs, CloudFront origins and the preview's
recognition of real website host names — so the patterns live here once.
"""

from __future__ import annotations

import re

# REST endpoints: <bucket>.s3.amazonaws.com, <bucket>.s3.<region>.amazonaws.com,
# <bucket>.s3-<region>.amazonaws.com, <bucket>.s3.dualstack.<region>.amazonaws.com.
# A bucket name may itself contain dots, so the shortest prefix before ".s3" wins.
_REST_HOST = re.compile(r"^(?P<bucket>.+?)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com$")

# Website endpoints: <bucket>.s3-website-<region>.amazonaws.com, <bucket>.s3-website.<region>.amazonaws.com.
_WEBSITE_HOST = re.compile(r"^(?P<bucket>.+?)\.s3-website[.-][a-z0-9-]+\.amazonaws\.com$")


def bucket_from_rest_host(host: str) -> str | None:
    """The bucket of a virtual-hosted S3 REST host name, or None (path style or not S3)."""
    if bucket_from_website_host(host):
        return None
    match = _REST_HOST.match(host.lower())
    return match.group("bucket") if match else None


def bucket_from_website_host(host: str) -> str | None:
    """The bucket of an S3 website-endpoint host name, or None."""
    match = _WEBSITE_HOST.match(host.lower())
    return match.group("bucket") if match else None
