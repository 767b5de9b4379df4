"""Carrying out a plan: the only code that writes to the hosting bucket.

Uploads run in a thread pool sharing one S3 client (botocore clients are thread-safe; the
client's connection pool is sized to the pool by :func:`amplify_category_hosting.aws.client_config`).
Files of :data:`MULTIPART_THRESHOLD` or more go up in parts of ``PART_SIZE`` through one
``s3transfer`` manager shared by the whole publish (it works with a plain botocore client):
each part is read from the file as it is sent, so memory stays bounded whatever the file's
size, and at most :data:`MAX_PART_CONCURRENCY` parts are in flight. The part size is the one
:mod:`.plan` assumes when it recomputes a multipart ETag, so an unchanged large file is
recognised on the next publish.
How many requests are in flight comes from the work (:func:`choose_concurrency`): a link
to S3 is bound by latency, not bandwidth, so many small files want many connections — up to
:data:`MAX_WORKERS`, each kept alive for at least :data:`FILES_PER_CONNECTION` files so its
handshake pays off — and large files want their parts sent in parallel. More requests in
flight than the link's round trip needs only queue behind our own CPU (botocore's work per
request): given a measured round trip, the threads are capped at what covers it
(:data:`REQUESTS_PER_SECOND` × round trip, at least :data:`LOW_LATENCY_WORKERS`).
Waves run one after another: assets, then HTML, then the root ``index.html``; within a wave
files go in parallel. The first failure stops the wave (queued files are cancelled), skips
the later waves and deletions, and is raised — so a failed publish never leaves a new
``index.html`` pointing at assets that did not arrive.
"""

from __future__ import annotations

import base64
import binascii
import math
import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Protocol

from .plan import PART_SIZE, PublishPlan, Upload

#: Files at least this big go up in parts (``PART_SIZE`` each), like the AWS CLI's default.
MULTIPART_THRESHOLD = 8 * (1 << 20)
#: Most parts of large files in flight at once (across all large files of a publish); each
#: holds a part in memory, so this bounds the memory large files cost.
MAX_PART_CONCURRENCY = 10
#: Most upload threads (one connection each) for the files below the multipart threshold.
MAX_WORKERS = 64
#: Fewest files a connection should carry: a new one costs a handshake (a round trip or two).
FILES_PER_CONNECTION = 16
#: About how many small uploads a second one process of ours prepares (botocore spends
#: ~0.75 ms of CPU on each), so about how many in flight a round trip of one second needs.
REQUESTS_PER_SECOND = 1000
#: Fewest threads when the round trip is short (loopback, the sandbox): with fewer, a burst
#: of the server's own work (a 1 MB body) stalls the pipeline.
LOW_LATENCY_WORKERS = 16
DELETE_BATCH = 1000


class Progress(Protocol):
    def start(self, files: int, total_bytes: int) -> None: ...
    def advance(self, key: str, size: int) -> None: ...
    def finish(self) -> None: ...


class NoProgress:
    def start(self, files: int, total_bytes: int) -> None:
        pass

    def advance(self, key: str, size: int) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class ApplyResult:
    uploaded: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    uploaded_bytes: int = 0


class UploadFailed(Exception):
    """An object could not be written; ``key`` names it, ``__cause__`` says why."""

    def __init__(self, key: str, cause: BaseException, result: ApplyResult):
        super().__init__(f"{key}: {cause}")
        self.key = key
        self.result = result


def waves(uploads: Sequence[Upload]) -> list[list[Upload]]:
    assets = [u for u in uploads if not u.html]
    pages = [u for u in uploads if u.html and u.key != "index.html"]
    root = [u for u in uploads if u.key == "index.html"]
    return [w for w in (assets, pages, root) if w]


def _md5_base64(hex_digest: str) -> str:
    return base64.b64encode(binascii.unhexlify(hex_digest)).decode("ascii")


def choose_concurrency(
    uploads: Sequence[Upload],
    *,
    multipart_threshold: int = MULTIPART_THRESHOLD,
    workers: int | None = None,
    round_trip: float | None = None,
) -> tuple[int, int]:
    """Upload threads and parts in flight for ``uploads``: one thread per
    :data:`FILES_PER_CONNECTION` files (1 to :data:`MAX_WORKERS`; a large file holds its
    thread while its parts go up), one part in flight per part
    to send (1 to :data:`MAX_PART_CONCURRENCY`). ``round_trip`` (seconds, a request measured
    on this link) caps the threads at what covers it. ``workers``
    (``$AMPLIFY_PUBLISH_CONCURRENCY``) fixes both."""
    parts = sum(-(-u.size // PART_SIZE) for u in uploads if u.size >= multipart_threshold)
    if workers is not None:
        return max(1, workers), max(1, min(workers, parts or 1))
    threads = min(MAX_WORKERS, max(1, -(-len(uploads) // FILES_PER_CONNECTION)))
    if round_trip is not None:
        covering = math.ceil(max(round_trip, 0.0) * REQUESTS_PER_SECOND)
        threads = min(threads, max(LOW_LATENCY_WORKERS, covering))
    return threads, min(MAX_PART_CONCURRENCY, max(1, parts))


def transfer_manager(
    s3: Any, *, multipart_threshold: int = MULTIPART_THRESHOLD, concurrency: int = MAX_PART_CONCURRENCY
) -> Any:
    """The ``s3transfer`` manager for large files: parts of ``PART_SIZE``, ``concurrency`` in flight."""
    from s3transfer.manager import TransferConfig, TransferManager

    config = TransferConfig(
        multipart_threshold=multipart_threshold,
        multipart_chunksize=PART_SIZE,
        max_request_concurrency=concurrency,
        max_submission_concurrency=2,
        max_in_memory_upload_chunks=concurrency,
    )
    return TransferManager(s3, config)


class LargeUploads:
    """The ``s3transfer`` manager of one publish and the transfers it runs, so that a
    failure or Ctrl-C cancels them (``TransferManager.shutdown(cancel=True)`` passes its
    arguments in the wrong order in s3transfer 0.19, so each future is cancelled here)."""

    def __init__(
        self,
        s3: Any,
        *,
        multipart_threshold: int = MULTIPART_THRESHOLD,
        concurrency: int = MAX_PART_CONCURRENCY,
    ):
        self.manager = transfer_manager(s3, multipart_threshold=multipart_threshold, concurrency=concurrency)
        self.futures: list[Any] = []
        self._lock = threading.Lock()

    def upload(self, upload: Upload, bucket: str) -> None:
        future = self.manager.upload(
            upload.path,
            bucket,
            upload.key,
            extra_args={"ContentType": upload.content_type, "CacheControl": upload.cache_control},
        )
        with self._lock:
            self.futures.append(future)
        future.result()

    def close(self, *, cancel: bool = False) -> None:
        """Wait for the transfers to end; with ``cancel``, abort them first (the parts in
        flight finish, the multipart uploads are aborted)."""
        if cancel:
            with self._lock:
                for future in self.futures:
                    future.cancel()
        self.manager.shutdown()


def upload_one(
    s3: Any,
    bucket: str,
    upload: Upload,
    *,
    multipart_threshold: int,
    send_md5: bool = True,
    transfers: LargeUploads | None = None,
) -> None:
    """Write one object: in parts through ``transfers`` when large, else one ``PutObject``."""
    if upload.size >= multipart_threshold and transfers is not None:
        transfers.upload(upload, bucket)
        return
    with open(upload.path, "rb") as handle:
        body = handle.read()
    extra = {}
    if send_md5:
        # S3 rejects the object if the bytes read now differ from the ones hashed earlier.
        extra["ContentMD5"] = _md5_base64(upload.md5)
    s3.put_object(
        Bucket=bucket,
        Key=upload.key,
        Body=body,
        ContentType=upload.content_type,
        CacheControl=upload.cache_control,
        **extra,
    )


def apply(
    plan: PublishPlan,
    s3: Any,
    bucket: str,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    multipart_threshold: int = MULTIPART_THRESHOLD,
    send_md5: bool = True,
    round_trip: float | None = None,
) -> ApplyResult:
    """Upload, then delete; raises :class:`UploadFailed` on the first error.

    :param workers: upload threads; ``None`` chooses them from the plan (:func:`choose_concurrency`).
    :param round_trip: seconds a request to the bucket took just before (caps the threads).
    :param send_md5: send ``Content-MD5`` so that S3 verifies every body (moto does not check
        it, so the local sandbox is spared the header).
    """
    progress = progress or NoProgress()
    result = ApplyResult()
    lock = threading.Lock()

    threads, parts = choose_concurrency(
        plan.uploads, multipart_threshold=multipart_threshold, workers=workers, round_trip=round_trip
    )
    large = any(u.size >= multipart_threshold for u in plan.uploads)
    transfers = (
        LargeUploads(s3, multipart_threshold=multipart_threshold, concurrency=parts) if large else None
    )

    def task(upload: Upload) -> None:
        upload_one(
            s3,
            bucket,
            upload,
            multipart_threshold=multipart_threshold,
            send_md5=send_md5,
            transfers=transfers,
        )
        with lock:
            result.uploaded.append(upload.key)
            result.uploaded_bytes += upload.size
        progress.advance(upload.key, upload.size)

    def stop(futures: Sequence[Any]) -> None:
        """Start nothing more; abort the multipart uploads under way (their parts in flight end)."""
        for future in futures:
            future.cancel()
        if transfers is not None:
            transfers.close(cancel=True)

    progress.start(len(plan.uploads), plan.upload_bytes)
    try:
        if plan.uploads:
            with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="amplify-publish") as pool:
                for wave in waves(plan.uploads):
                    futures = {pool.submit(task, u): u for u in wave}
                    try:
                        done, pending = wait(futures, return_when=FIRST_EXCEPTION)
                    except BaseException:  # Ctrl-C
                        stop(list(futures))
                        raise
                    failed = next((f for f in done if f.exception() is not None), None)
                    if failed is not None:
                        stop(list(pending))
                        wait(pending)
                        error = failed.exception()
                        assert error is not None  # picked for having one
                        raise UploadFailed(futures[failed].key, error, result) from error
            if transfers is not None:
                transfers.close()
        for start in range(0, len(plan.deletes), DELETE_BATCH):
            batch = plan.deletes[start : start + DELETE_BATCH]
            response = s3.delete_objects(
                Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True}
            )
            errors = response.get("Errors") or []
            if errors:
                first = errors[0]
                raise UploadFailed(
                    first.get("Key", "?"),
                    RuntimeError(f"delete failed: {first.get('Code')} {first.get('Message')}"),
                    result,
                )
            result.deleted.extend(batch)
    finally:
        progress.finish()
    return result
