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

The manifest (version 2) is a header line, ``{"version": 2, "nonce", "bucket", "count"}``,
then one line per object in key order (:mod:`.sorted_lines`): ``key\tmd5\tsize\ttag``
(``-`` for an unknown MD5 or headers tag), so the no-change check (:mod:`.quick`) can read it
as a stream beside the folder's walk; ``count`` lets a reader tell a cut-short record from a
whole one. Version 1 (one JSON document, written by older versions, under the same key) is
still read; the next publish rewrites it as version 2.
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import sorted_lines
from .remote import RemoteObject

VERSION = 2
#: A version 2 header is far shorter; a longer first line is not one.
HEADER_LIMIT = 4096
MARKER_KEY = ".amplify-publish"
MANIFEST_PREFIX = "amplify-hosting"

#: One object of the record: MD5 (None if unknown), size, headers tag (None if unknown).
Entry = tuple[str | None, int, str | None]


def manifest_key(hosting_bucket: str) -> str:
    return f"{MANIFEST_PREFIX}/{hosting_bucket}/publish-manifest.json"


@dataclass(frozen=True)
class Header:
    """The first line of a version 2 record: ``nonce``, ``bucket`` and the number of objects
    listed after it (``count``)."""

    nonce: str
    bucket: str
    count: int


def read_header(line: bytes) -> Header | None:
    """The version 2 header ``line`` is, or None (a version 1 record, whose first line is
    the whole document, or anything else)."""
    if len(line) > HEADER_LIMIT or not line.endswith(b"\n"):
        return None
    try:
        raw = json.loads(line)
        if not isinstance(raw, dict) or raw.get("version") != VERSION:
            return None
        count = int(raw["count"])
        return Header(str(raw["nonce"]), str(raw["bucket"]), count) if count >= 0 else None
    except (ValueError, KeyError, TypeError):
        return None


def read_entries(lines: Iterable[bytes], count: int) -> Iterator[tuple[str, Entry]]:
    """The objects of a version 2 record after its header, in key order.

    :raises ValueError: a damaged line, keys out of order, or not ``count`` objects.
    """
    previous = None
    seen = 0
    for line in lines:
        key_field, md5, size, tag = sorted_lines.fields(line, 4)
        key = sorted_lines.parse_key(key_field)
        if previous is not None and key <= previous:
            raise ValueError("keys out of order")
        if md5 != "-" and len(md5) != 32:
            raise ValueError("not an MD5")
        number = int(size)
        if number < 0 or not tag:
            raise ValueError("bad size or tag")
        seen += 1
        previous = key
        yield key, (None if md5 == "-" else md5, number, None if tag == "-" else tag)
    if seen != count:
        raise ValueError(f"{seen} objects, not {count}")


@dataclass(frozen=True)
class Manifest:
    """``objects``: key → (md5 hex or ``None`` when unknown, size, headers tag or ``None``);
    ``version``: the format it was read in."""

    nonce: str
    bucket: str
    objects: Mapping[str, Entry]
    version: int = VERSION

    def as_remote(self) -> dict[str, RemoteObject]:
        """The bucket as the record describes it (MD5s in place of single-part ETags)."""
        return {k: RemoteObject(k, e[1], e[0] or "unknown") for k, e in self.objects.items()}

    def tags(self) -> dict[str, str | None]:
        return {k: e[2] for k, e in self.objects.items()}

    def to_bytes(self) -> bytes:
        """The record in the current format (version 2)."""
        header = {"version": VERSION, "nonce": self.nonce, "bucket": self.bucket, "count": len(self.objects)}
        out = [json.dumps(header, separators=(",", ":")).encode() + b"\n"]
        key_field, line = sorted_lines.key_field, sorted_lines.line
        for key, (md5, size, tag) in sorted(self.objects.items()):
            out.append(line(key_field(key), md5 or "-", str(size), tag or "-"))
        return b"".join(out)

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest | None:
        """A record in either format; None if it is damaged or of another version."""
        stream = io.BytesIO(data)
        header = read_header(stream.readline(HEADER_LIMIT + 1))
        if header is None:
            return cls._from_v1(data)
        try:
            objects = dict(read_entries(stream, header.count))
        except ValueError:
            return None
        return cls(header.nonce, header.bucket, objects, VERSION)

    @classmethod
    def _from_v1(cls, data: bytes) -> Manifest | None:
        try:
            raw = json.loads(data)
            if raw.get("version") != 1:
                return None
            objects = raw["objects"]  # JSON object keys are always strings
            for key, v in objects.items():  # in place: a second dict would double the peak
                objects[key] = (v[0], int(v[1]), v[2] if len(v) > 2 else None)
            return cls(str(raw["nonce"]), str(raw["bucket"]), objects, 1)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None


def marker_etag_for(nonce: str) -> str:
    """The ETag of the marker that validates a record with ``nonce`` (the MD5 of its body)."""
    return hashlib.md5(nonce.encode(), usedforsecurity=False).hexdigest()


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
        manifest = Manifest.from_bytes(body)
        if manifest is None or manifest.bucket != hosting_bucket:
            return None
        etag = marker.result()
    return manifest if etag == marker_etag_for(manifest.nonce) else None


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
    """Record the bucket's content: the manifest and the marker that validates it, both at
    once (one round trip). Either order is safe: the new marker vouches only for the new
    nonce, so if either request fails the next publish finds them unmatched and lists."""
    from concurrent.futures import ThreadPoolExecutor

    manifest = Manifest(secrets.token_hex(8), hosting_bucket, dict(objects))

    def put_marker() -> None:
        s3.put_object(
            Bucket=hosting_bucket,
            Key=MARKER_KEY,
            Body=manifest.nonce.encode(),
            ContentType="text/plain; charset=utf-8",
            CacheControl="no-store",
        )

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="amplify-marker") as pool:
        marker = pool.submit(put_marker)
        s3.put_object(
            Bucket=deployment_bucket,
            Key=manifest_key(hosting_bucket),
            Body=manifest.to_bytes(),
            ContentType="text/plain; charset=utf-8",
        )
        marker.result()
    return manifest
