"""Request bodies S3 would refuse: a ``Content-MD5`` or ``x-amz-checksum-*`` that doesn't match.

moto 5 stores whatever arrives. It never compares ``Content-MD5`` with the body, and it echoes a
client's ``x-amz-checksum-<algorithm>`` value back without computing it ("TODO: AWS computes the
provided value and verifies it's the same", ``S3Response._get_checksum``). So a body damaged on
the way (a proxy, a bug in a client's part reader) was stored as if it were whole. As S3
documents for PutObject, UploadPart and DeleteObjects:

- a ``Content-MD5`` that is not the base64 of 16 bytes answers ``InvalidDigest`` (400, "The
  Content-MD5 you specified was not valid.");
- one that doesn't match the body answers ``BadDigest`` (400, "The Content-MD5 you specified
  did not match what we received.");
- a flexible checksum (header or aws-chunked trailer) that doesn't match answers ``BadDigest``
  (400, "The <ALGORITHM> you specified did not match the calculated checksum.");
- a SigV4 ``x-amz-content-sha256`` that is a hash but not the body's answers
  ``XAmzContentSHA256Mismatch`` (400): the signature covers the stated hash, so a body changed
  after signing still carries a valid signature, and only this check catches it; a value that
  is neither a hash nor one of the documented markers (``UNSIGNED-PAYLOAD``,
  ``STREAMING-…``) answers ``InvalidArgument``.

Nothing is stored when the check fails. CRC32, SHA1 and SHA256 are always checked; CRC32C and
CRC64NVME only when the library that computes them (``crc32c``, ``awscrt``) is installed — moto
would otherwise compute a CRC32 in their place, and a wrong comparison is worse than none.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import importlib.util
import re
from typing import Any

from moto.s3.utils import compute_checksum

_ALGORITHMS = ("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256")
_TRAILER = re.compile(rb"x-amz-checksum-(crc32c|crc32|crc64nvme|sha1|sha256):([A-Za-z0-9+/=]+)")


def _error(code: str, message: str) -> Exception:
    from moto.s3.exceptions import S3ClientError

    return S3ClientError(code, message)


def check_content_md5(headers: Any, body: bytes) -> None:
    """Raise S3's error if ``Content-MD5`` is present and is not the body's MD5."""
    given = headers.get("Content-MD5") or headers.get("content-md5")
    if not given:
        return
    try:
        digest = base64.b64decode(given, validate=True)
    except (binascii.Error, ValueError):
        digest = b""
    if len(digest) != 16:
        raise _error("InvalidDigest", "The Content-MD5 you specified was not valid.")
    if digest != hashlib.md5(body).digest():
        raise _error("BadDigest", "The Content-MD5 you specified did not match what we received.")


@functools.cache
def _can_compute(algorithm: str) -> bool:
    if algorithm == "CRC32C":
        return importlib.util.find_spec("crc32c") is not None
    if algorithm == "CRC64NVME":
        from moto.s3.utils import HAS_CRT

        return bool(HAS_CRT)
    return algorithm in _ALGORITHMS


def given_checksums(headers: Any, raw_body: bytes) -> dict[str, str]:
    """The flexible checksums a request states, by algorithm: headers, then aws-chunked trailers."""
    given: dict[str, str] = {}
    for algorithm in _ALGORITHMS:
        value = headers.get(f"x-amz-checksum-{algorithm.lower()}")
        if value:
            given[algorithm] = value if isinstance(value, str) else value.decode()
    if "aws-chunked" in str(headers.get("Content-Encoding") or "") or headers.get("x-amz-trailer"):
        for name, value in _TRAILER.findall(raw_body or b""):
            given.setdefault(name.decode().upper(), value.decode())
    return given


def check_checksums(headers: Any, body: bytes, raw_body: bytes) -> None:
    """Raise ``BadDigest`` if a stated flexible checksum is not the body's."""
    for algorithm, value in given_checksums(headers, raw_body).items():
        if not _can_compute(algorithm):
            continue
        actual = compute_checksum(body, algorithm=algorithm).decode()
        if actual != value:
            raise _error("BadDigest", f"The {algorithm} you specified did not match the calculated checksum.")


_SHA256_HEX = re.compile(r"[0-9a-fA-F]{64}")
_PAYLOAD_MARKERS = frozenset(
    {
        "UNSIGNED-PAYLOAD",
        "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
        "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
        "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER",
    }
)


def check_content_sha256(headers: Any, raw_body: bytes) -> None:
    """Raise S3's error if ``x-amz-content-sha256`` states a hash that is not the body's."""
    given = headers.get("x-amz-content-sha256")
    if not given or given in _PAYLOAD_MARKERS:
        return
    if not _SHA256_HEX.fullmatch(given):
        raise _error(
            "InvalidArgument",
            "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
            "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER "
            "or a valid sha256 value.",
        )
    if hashlib.sha256(raw_body).hexdigest() != given.lower():
        raise _error(
            "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
        )


def _check(response: Any) -> None:
    body = response.body or b""
    if isinstance(body, str):
        body = body.encode()
    raw_body = getattr(response, "raw_body", None)
    raw = body if raw_body is None else raw_body
    if isinstance(raw, str):
        raw = raw.encode()
    check_content_sha256(response.headers, raw)
    check_content_md5(response.headers, body)
    check_checksums(response.headers, body, raw or b"")


def install() -> None:
    from moto.s3.responses import S3Response

    if getattr(S3Response._key_response_put, "_amplify_extension", False):
        return
    key_put = S3Response._key_response_put
    delete_keys = S3Response._bucket_response_delete_keys

    def _key_response_put(self: Any, query: dict[str, Any], key_name: str) -> Any:
        if "x-amz-copy-source" not in self.headers:  # a copy has no body of its own
            _check(self)
        return key_put(self, query, key_name)

    def _bucket_response_delete_keys(self: Any, bucket_name: str, authenticated: bool = True) -> Any:
        _check(self)
        return delete_keys(self, bucket_name, authenticated)

    _key_response_put._amplify_extension = True  # type: ignore[attr-defined]
    S3Response._key_response_put = _key_response_put
    S3Response._bucket_response_delete_keys = _bucket_response_delete_keys
