"""CloudFront invalidation after a publish: the only code that calls CloudFront.

Only the paths that changed are invalidated (the root object also as ``/``); past
:data:`PATH_LIMIT` paths a single ``/*`` is cheaper (CloudFront bills per path, a wildcard
counts as one) and just as fast. Nothing changed but ``-c`` given: ``/*``, because the user
asked for fresh caches.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

PATH_LIMIT = 15


def invalidation_paths(
    keys: Sequence[str], *, root_object: str | None = "index.html", limit: int = PATH_LIMIT
) -> list[str]:
    paths: list[str] = []
    for key in keys:
        paths.append("/" + quote(key, safe="/-._~!$&'()*+,;=:@"))
        if root_object and key == root_object:
            paths.append("/")
    if not paths or len(paths) > limit:
        return ["/*"]
    return sorted(set(paths))


def create_invalidation(cloudfront: Any, distribution_id: str, paths: Sequence[str]) -> str:
    """Send the invalidation; returns its id (it completes in the background)."""
    response = cloudfront.create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={
            "Paths": {"Quantity": len(paths), "Items": list(paths)},
            "CallerReference": f"amplify-publish-{int(time.time())}-{uuid.uuid4().hex[:8]}",
        },
    )
    return response["Invalidation"]["Id"]
