"""The record of the last publish, so that a republish with nothing changed lists nothing.

Listing a bucket costs a request per 1,000 objects and is most of what a no-change
``aws s3 sync`` spends. After each publish we record every published object's MD5 and size
in a **manifest** kept in the environment's (private) deployment bucket, and write a
**marker** object into the hosting bucket whose content is the manifest's random id. The
next publish reads both (two small requests): if the marker still matches — nobody emptied
or replaced the bucket since — and every local file's MD5 equals the manifest's, there is
nothing to do. Otherwise, or when ``--verify`` is given, the bucket is listed and every
object's ETag compared as usual, and the manifest is rewritten.

A publish that is about to change the bucket first deletes the marker
(:func:`mark_in_doubt`): until it records the new content, the old record no longer vouches
for the bucket, so a publish that is interrupted (Ctrl-C, a killed process, a lost network)
or fails part-way leaves no record that could claim "No changes" over objects it did change.
The next publish lists the bucket and compares, as after a first publish.

What the record cannot see: a single object changed in the bucket by other means (the
console, ``aws s3 cp``) while the marker stayed. ``amplify publish --verify`` compares with
the bucket itself and repairs that.

The marker (``.amplify-publish``, a few random bytes) is the only object of ours in the hosting
bucket; it is never deleted by ``--delete`` and holds nothing worth reading.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .remote import RemoteObject

VERSION = 1
MARKER_KEY = ".amplify-publish"
MANIFEST_PREFIX = "amplify-hosting"

#: One object of the record: MD5 (None if unknown), size, headers tag (None if unknown).
Entry = tuple[str | None, int, str | None]


def manifest_key(hosting_bucket: str) -> str:
    return f"{MANIFEST_PREFIX}/{hosting_bucket}/publish-manifest.json"


@dataclass(frozen=True)
class Manifest:
    """``objects``: key → (md5 hex or ``None`` when unknown, size, headers tag or ``None``)."""

    nonce: str
    bucket: str
    objects: Mapping[str, Entry]

    def as_remote(self) -> dict[str, RemoteObject]:
        """The bucket as the record describes it (MD5s in place of single-part ETags)."""
        return {k: RemoteObject(k, e[1], e[0] or "unknown") for k, e in self.objects.items()}

    def tags(self) -> dict[str, str | None]:
        return {k: e[2] for k, e in self.objects.items()}

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "version": VERSION,
                "nonce": self.nonce,
                "bucket": self.bucket,
                "objects": {k: list(e) for k, e in sorted(self.objects.items())},
            },
            separators=(",", ":"),
        ).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Manifest | None:
        try:
            raw = json.loads(data)
            if raw.get("version") != VERSION:
                return None
            objects = raw["objects"]  # JSON object keys are always strings
            for key, v in objects.items():  # in place: a second dict would double the peak
                objects[key] = (v[0], int(v[1]), v[2] if len(v) > 2 else None)
            return cls(str(raw["nonce"]), str(raw["bucket"]), objects)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None


def _code(exc: Exception) -> str:
    return str(getattr(exc, "response", {}).get("Error", {}).get("Code", ""))


def read(s3: Any, deployment_bucket: str, hosting_bucket: str) -> Manifest | None:
    """The manifest if it exists and its marker is still in the hosting bucket; else None
    (both requests at once: one round trip on a link with latency)."""
    from concurrent.futures import ThreadPoolExecutor

    from botocore.exceptions import ClientError

    def marker_etag() -> str | None:
        try:
            return s3.head_object(Bucket=hosting_bucket, Key=MARKER_KEY).get("ETag", "").strip('"')
        except ClientError:
            return None

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="amplify-marker") as pool:
        marker = pool.submit(marker_etag)
        try:
            body = s3.get_object(Bucket=deployment_bucket, Key=manifest_key(hosting_bucket))["Body"].read()
        except ClientError:
            return None
        manifest = Manifest.from_json(body)
        if manifest is None or manifest.bucket != hosting_bucket:
            return None
        etag = marker.result()
    expected = hashlib.md5(manifest.nonce.encode(), usedforsecurity=False).hexdigest()
    return manifest if etag == expected else None


def final_state(
    remote: Mapping[str, RemoteObject],
    local: Mapping[str, Entry],
    uploaded: Iterable[str],
    deleted: Iterable[str],
    recorded_tags: Mapping[str, str | None] | None = None,
) -> dict[str, Entry]:
    """The bucket after a publish: listed objects with the local MD5 where the content is
    known (uploaded, or found equal), uploads added, deletions removed. Headers are known for
    uploads, and for unchanged objects whose recorded headers matched (``recorded_tags``)."""
    state: dict[str, Entry] = {}
    tags = recorded_tags or {}
    for key, obj in remote.items():
        if key == MARKER_KEY:
            continue
        known = local.get(key)
        if known and known[1] == obj.size:
            tag = known[2] if tags.get(key) == known[2] else None
            state[key] = (known[0], known[1], tag)
        else:
            state[key] = (None, obj.size, None)
    for key in uploaded:
        state[key] = local[key]
    for key in deleted:
        state.pop(key, None)
    return state


def mark_in_doubt(s3: Any, hosting_bucket: str) -> None:
    """Withdraw the record before changing the bucket: delete its marker (deleting a missing
    object succeeds). Errors propagate: uploading with a record that still vouches for the old
    content is what this prevents."""
    s3.delete_object(Bucket=hosting_bucket, Key=MARKER_KEY)


def write(s3: Any, deployment_bucket: str, hosting_bucket: str, objects: Mapping[str, Entry]) -> Manifest:
    """Record the bucket's content: the manifest first, then the marker that validates it."""
    manifest = Manifest(secrets.token_hex(8), hosting_bucket, dict(objects))
    s3.put_object(
        Bucket=deployment_bucket,
        Key=manifest_key(hosting_bucket),
        Body=manifest.to_json(),
        ContentType="application/json",
    )
    s3.put_object(
        Bucket=hosting_bucket,
        Key=MARKER_KEY,
        Body=manifest.nonce.encode(),
        ContentType="text/plain; charset=utf-8",
        CacheControl="no-store",
    )
    return manifest
