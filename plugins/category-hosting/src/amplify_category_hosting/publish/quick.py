"""The no-change republish without the AWS SDK: two presigned requests and a local compare.

Creating the first S3 client costs about 0.2 s of CPU (botocore loads and parses the S3 model
and the endpoint rules), more than everything else a republish with nothing to do. So after
each publish we keep two presigned URLs valid for :data:`VALID_FOR` seconds: a GET of the publish
record (:mod:`.manifest`, in the deployment bucket) and a HEAD of its marker in the hosting
bucket. The next publish of the same bucket fetches both with the standard library and, if
the marker still validates the record and every local file matches it, reports "No changes"
without importing botocore. The record is read as a stream and compared with the folder's
walk as both go (:func:`compare`), so memory does not grow with the number of files; a version
1 record (older versions) is left to the full path, which rewrites it. Anything else — an expired or failed URL, a change, ``--verify``,
``-c``, ``--delete`` with stale objects — falls back to the full path, which checks the same
record with a real client. The URLs grant reading those two small objects only, and only
until they expire.

A presigned URL made with temporary credentials carries the session token, so the URLs are
kept outside the project, in the user's amplify home (:func:`check_path`: one file per
project folder and environment, mode 0600 in a 0700 folder), never where a commit, a zip of
the project or a CI artifact would pick them up. Older versions kept them in
``amplify/.config/local-publish-check.json``; :func:`check_path` removes that file.
"""

from __future__ import annotations

import http.client
import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amplify_core.plugin import read_json, write_json

from .content import HeaderPolicy
from .manifest import (
    HEADER_LIMIT,
    MARKER_KEY,
    Entry,
    Header,
    manifest_key,
    marker_etag_for,
    read_entries,
    read_header,
)
from .scan import LocalFile

#: Where versions before the move kept the URLs, inside the project (removed on sight).
LEGACY_CHECK_FILE = "local-publish-check.json"
CHECK_FOLDER = "publish-check"
VALID_FOR = 12 * 3600
MARGIN = 120  # seconds: a URL this close to expiry is not used
TIMEOUT = 10


def check_path(project_root: Path, env_name: str) -> Path:
    """The file of ``project_root``'s presigned URLs for ``env_name``, under the amplify home
    (:func:`amplify_core.plugin.project_home_file`); removes the in-project file older
    versions wrote."""
    from amplify_core.plugin import project_home_file

    forget(Path(project_root) / "amplify" / ".config" / LEGACY_CHECK_FILE)
    return project_home_file(CHECK_FOLDER, project_root, env_name)


@dataclass(frozen=True)
class QuickCheck:
    bucket: str
    deployment_bucket: str
    manifest_url: str
    marker_url: str
    endpoint: str
    expires: float

    def usable(self, bucket: str, deployment_bucket: str | None) -> bool:
        return (
            self.bucket == bucket
            and self.deployment_bucket == deployment_bucket
            and self.expires - MARGIN > time.time()
        )


def load(path: Path) -> QuickCheck | None:
    try:
        data = read_json(path, default=None)
        if not isinstance(data, dict) or data.get("version") != 1:
            return None
        return QuickCheck(
            data["bucket"],
            data["deploymentBucket"],
            data["manifestUrl"],
            data["markerUrl"],
            data["endpoint"],
            float(data["expires"]),
        )
    except Exception:  # noqa: BLE001 - a damaged cache only means the slow path
        return None


def save(path: Path, s3: Any, bucket: str, deployment_bucket: str) -> None:
    """Presign the two requests with ``s3`` and keep them (0600); failures are ignored."""
    try:
        expires = time.time() + VALID_FOR
        data = {
            "version": 1,
            "bucket": bucket,
            "deploymentBucket": deployment_bucket,
            "manifestUrl": s3.generate_presigned_url(
                "get_object",
                Params={"Bucket": deployment_bucket, "Key": manifest_key(bucket)},
                ExpiresIn=VALID_FOR,
            ),
            "markerUrl": s3.generate_presigned_url(
                "head_object", Params={"Bucket": bucket, "Key": MARKER_KEY}, ExpiresIn=VALID_FOR
            ),
            "endpoint": s3.meta.endpoint_url,
            "expires": expires,
        }
        write_json(path, data, mode=0o600)
    except Exception:  # noqa: BLE001 - a cache: the next publish takes the full path
        pass


def forget(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


class Record:
    """The publish record as it arrives: its header, checked against the marker, then its
    objects read line by line (:func:`.manifest.read_entries`) — never held whole."""

    def __init__(self, response: Any, header: Header):
        self._response = response
        self.header = header

    def entries(self) -> Iterator[tuple[str, Entry]]:
        """:raises ValueError: the record is damaged or cut short."""
        return read_entries(self._response, self.header.count)

    def close(self) -> None:
        self._response.close()


def fetch(check: QuickCheck) -> Record | None:
    """The record, if it is the bucket's version 2 record and its marker validates it; the
    GET and the HEAD go at once (on a link with latency that is one round trip instead of
    two). None if either fails. The caller closes it."""
    from concurrent.futures import ThreadPoolExecutor

    def marker_etag() -> str:
        request = urllib.request.Request(check.marker_url, method="HEAD")
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return (response.headers.get("ETag") or "").strip('"')

    response = None
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="amplify-marker") as pool:
            etag = pool.submit(marker_etag)
            response = urllib.request.urlopen(check.manifest_url, timeout=TIMEOUT)
            header = read_header(response.readline(HEADER_LIMIT + 1))
            valid = (
                header is not None
                and header.bucket == check.bucket
                and etag.result() == marker_etag_for(header.nonce)
            )
        if header is not None and valid:
            return Record(response, header)
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException):
        pass
    if response is not None:
        response.close()
    return None


@dataclass(frozen=True)
class Unchanged:
    """The folder matches the record: its ``keys`` (in key order) and how many objects
    the record holds that the folder does not (``kept``: no ``--delete``)."""

    keys: list[str]
    kept: int


def compare(
    files: Iterable[LocalFile], record: Record, *, delete: bool, headers: HeaderPolicy
) -> Unchanged | None:
    """A merge join of the folder's files (key order, MD5s filled in) with the record's
    objects, stopping at the first difference: None when a file is new or differs in MD5,
    size or recorded headers, when ``delete`` has an object to remove, or when the record is
    damaged."""
    keys: list[str] = []
    kept = 0
    try:
        entries = record.entries()
        recorded = next(entries, None)
        for item in files:
            key = item.key
            while recorded is not None and recorded[0] < key:
                if delete:
                    return None  # an object the folder no longer has: --delete removes it
                kept += 1
                recorded = next(entries, None)
            if recorded is None or recorded[0] != key:
                return None  # a new file
            md5, size, tag = recorded[1]
            if md5 != item.md5 or size != item.size or (tag is not None and tag != headers.tag(key)):
                return None
            keys.append(key)
            recorded = next(entries, None)
        while recorded is not None:
            if delete:
                return None
            kept += 1
            recorded = next(entries, None)
    except (ValueError, OSError, http.client.HTTPException):
        return None  # a damaged or cut-short record, or a lost connection: the full path
    return Unchanged(keys, kept)
