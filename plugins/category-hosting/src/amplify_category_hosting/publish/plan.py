"""Deciding what a publish does: pure, from the local listing and the bucket's ETags.

An object is uploaded when it is new or its content differs: the local MD5 against the
ETag for single-part objects, the multipart ETag recomputed with the part sizes a tool is
likely to have used for ``<hex>-<n>`` ETags (ours, the AWS CLI's, and the size the part
count implies). An ETag that matches nothing we can compute (SSE-KMS objects) means upload.

Order: every non-HTML file first (biggest first), HTML last and the root ``index.html`` at the
very end, so a page is never live before the assets it references. Deletions (``--delete`` only)
come after all uploads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .content import HeaderPolicy, is_html
from .remote import RemoteObject
from .scan import LocalFile

MIB = 1 << 20
#: Part size of our own multipart uploads (and the AWS CLI's default).
PART_SIZE = 8 * MIB


@dataclass(frozen=True)
class Upload:
    key: str
    path: str
    size: int
    md5: str
    content_type: str
    cache_control: str
    reason: str  # "new", "changed" or "headers"

    @property
    def html(self) -> bool:
        return is_html(self.key)


@dataclass(frozen=True)
class PublishPlan:
    uploads: tuple[Upload, ...] = ()
    deletes: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    kept: tuple[str, ...] = field(default=())
    """Objects not in the folder that stay because ``--delete`` was not given."""

    @property
    def upload_bytes(self) -> int:
        return sum(u.size for u in self.uploads)

    @property
    def empty(self) -> bool:
        return not self.uploads and not self.deletes

    def changed_keys(self) -> list[str]:
        """Keys whose content a cache may hold stale: replaced, added or deleted."""
        return [u.key for u in self.uploads] + list(self.deletes)


def candidate_part_sizes(size: int, parts: int) -> list[int]:
    """Part sizes that give ``parts`` parts for ``size`` bytes, most likely first: ours
    (each candidate costs a read of the file), then the size the part count implies."""
    sizes = [PART_SIZE, 5 * MIB, 16 * MIB, 15 * MIB, 64 * MIB]
    if parts > 0:
        implied = -(-size // parts)
        sizes.insert(1, -(-implied // MIB) * MIB)  # tools round part sizes up to whole MiB
        sizes.insert(2, implied)
    out = []
    for s in sizes:
        if s > 0 and s not in out and -(-size // s) == parts:
            out.append(s)
    return out


def same_content(local: LocalFile, remote: RemoteObject, multipart_etag: Callable[[str, int], str]) -> bool:
    if local.size != remote.size:
        return False
    etag = remote.etag
    if "-" not in etag:
        return etag == local.md5
    try:
        parts = int(etag.rsplit("-", 1)[1])
    except ValueError:
        return False
    return any(multipart_etag(local.path, s) == etag for s in candidate_part_sizes(local.size, parts))


def upload_order(key: str, size: int = 0) -> tuple[int, int, str]:
    """Assets, then HTML, then the root ``index.html``; within each, biggest first (the
    longest uploads start early, so the last ones to finish are short)."""
    if key == "index.html":
        return (2, 0, key)
    return (1 if is_html(key) else 0, -size, key)


def plan(
    local: Sequence[LocalFile],
    remote: Mapping[str, RemoteObject],
    headers: HeaderPolicy,
    *,
    delete: bool = False,
    multipart_etag: Callable[[str, int], str] | None = None,
    recorded_tags: Mapping[str, str | None] | None = None,
) -> PublishPlan:
    """What to upload and delete so the bucket matches ``local`` (MD5s filled in).

    :param recorded_tags: the headers each object was last published with (from the publish
        record); an object whose content is unchanged but whose headers now differ — a new
        Cache-Control rule — is uploaded again.
    """
    if multipart_etag is None:
        from .scan import multipart_etag as compute

        multipart_etag = compute
    uploads, unchanged = [], []
    for item in local:
        existing = remote.get(item.key)
        reason = "new" if existing is None else "changed"
        if existing is not None and same_content(item, existing, multipart_etag):
            recorded = (recorded_tags or {}).get(item.key)
            if recorded is None or recorded == headers.tag(item.key):
                unchanged.append(item.key)
                continue
            reason = "headers"
        uploads.append(
            Upload(
                key=item.key,
                path=item.path,
                size=item.size,
                md5=item.md5,
                content_type=headers.content_type(item.key),
                cache_control=headers.cache_control(item.key),
                reason=reason,
            )
        )
    uploads.sort(key=lambda u: upload_order(u.key, u.size))
    local_keys = {item.key for item in local}
    stale = sorted(key for key in remote if key not in local_keys)
    return PublishPlan(
        uploads=tuple(uploads),
        deletes=tuple(stale) if delete else (),
        unchanged=tuple(unchanged),
        kept=() if delete else tuple(stale),
    )
