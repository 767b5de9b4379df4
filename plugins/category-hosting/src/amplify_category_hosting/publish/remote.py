"""The bucket side: every object's key, size and ETag (one ``ListObjectsV2`` per 1,000)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RemoteObject:
    key: str
    size: int
    etag: str
    """Without quotes: a hex MD5 for single-part uploads, ``<hex>-<parts>`` for multipart."""


def list_objects(s3: Any, bucket: str) -> dict[str, RemoteObject]:
    objects: dict[str, RemoteObject] = {}
    kwargs: dict[str, Any] = {"Bucket": bucket, "MaxKeys": 1000}
    while True:
        page = s3.list_objects_v2(**kwargs)
        for item in page.get("Contents") or ():
            key = item["Key"]
            objects[key] = RemoteObject(key, item.get("Size", 0), item.get("ETag", "").strip('"'))
        token = page.get("NextContinuationToken")
        if not page.get("IsTruncated") or not token:
            return objects
        kwargs["ContinuationToken"] = token
