"""Objects as the preview serves them, read straight from moto's S3 backend (same process).

Both site kinds end here: find a bucket, find a key, decide whether an anonymous reader may
see it, and turn it into an HTTP response carrying the stored Content-Type, Cache-Control and
ETag (conditional and range requests included, as S3 answers them).
"""

from __future__ import annotations

import html

from moto.s3.models import FakeBucket, FakeKey, s3_backends
from werkzeug.wrappers import Request, Response

# Stored object metadata that S3 returns as response headers (lower-case, as moto stores it).
_SERVED_METADATA = (
    "content-type",
    "cache-control",
    "content-encoding",
    "content-language",
    "content-disposition",
    "expires",
)


def find_bucket(name: str) -> FakeBucket | None:
    located = s3_backends.bucket_accounts.get(name)
    if located is None:
        return None
    partition, account_id = located
    return s3_backends[account_id][partition].buckets.get(name)


def find_key(bucket: FakeBucket, key_name: str) -> FakeKey | None:
    """The current version of ``key_name`` (None for a missing key or a delete marker)."""
    if not key_name or key_name not in bucket.keys:
        return None
    key = bucket.keys[key_name]
    return key if isinstance(key, FakeKey) else None


def object_response(request: Request, key: FakeKey, status: int = 200) -> Response:
    """``key`` as S3 serves it; a 200 also honours If-None-Match, If-Modified-Since and Range."""
    headers = {"ETag": key.etag, "Last-Modified": key.last_modified_RFC1123}
    for name, value in key.metadata.items():
        if name.lower() in _SERVED_METADATA or name.lower().startswith("x-amz-meta-"):
            headers[name] = value
    headers.setdefault("content-type", "binary/octet-stream")
    response = Response(key.value, status=status, headers=headers)
    if status == 200:
        response.make_conditional(request, accept_ranges=True, complete_length=len(key.value))
    return response


def error_page(status: int, code: str, message: str, **details: str) -> Response:
    """The small HTML error page S3 website endpoints and CloudFront show."""
    items = "".join(
        f"<li>{html.escape(k)}: {html.escape(v)}</li>"
        for k, v in {"Code": code, "Message": message, **details}.items()
    )
    body = f"<html><head><title>{status} {html.escape(code)}</title></head><body><h1>{status}</h1><ul>{items}</ul></body></html>"
    return Response(body, status=status, content_type="text/html; charset=utf-8")


# --- anonymous read access, as S3 decides it for a website endpoint -------------------------


def anonymous_read_allowed(bucket: FakeBucket, key: FakeKey) -> bool:
    """Whether a browser may read ``key`` without credentials (public policy or public ACL,
    as voided by the bucket's public access block and object ownership)."""
    from ..moto_extensions.s3_access import ANONYMOUS, may_read

    return may_read(bucket, key.name, ANONYMOUS, key_acl=key.acl)


def anonymous_missing_key_status(bucket: FakeBucket) -> int:
    """404 for a missing key if browsers may list ``bucket``, else 403 (as S3 answers them)."""
    from ..moto_extensions.s3_access import ANONYMOUS, missing_key_status

    return missing_key_status(bucket, ANONYMOUS)
