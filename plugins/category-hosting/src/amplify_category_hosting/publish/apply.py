"""Carrying out a plan: the only code that writes to the hosting bucket.

Uploads run in a thread pool sharing one S3 client (botocore clients are thread-safe; the
client's connection pool is sized to the pool by :func:`amplify_category_hosting.aws.s3_client`).
Waves run one after another: assets, then HTML, then the root ``index.html``; within a wave
files go in parallel. The first failure stops the wave (queued files are cancelled), skips
the later waves and deletions, and is raised — so a failed publish never leaves a new
``index.html`` pointing at assets that did not arrive.
"""

from __future__ import annotations

import base64
import binascii
import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Protocol

from .plan import PART_SIZE, PublishPlan, Upload

#: Files at least this big go up in parts (``PART_SIZE`` each), like the AWS CLI's default.
MULTIPART_THRESHOLD = 8 * (1 << 20)
DEFAULT_WORKERS = 8
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


def upload_one(s3: Any, bucket: str, upload: Upload, *, multipart_threshold: int,
               send_md5: bool = True) -> None:
    if upload.size >= multipart_threshold:
        from boto3.s3.transfer import TransferConfig

        config = TransferConfig(multipart_threshold=multipart_threshold,
                                multipart_chunksize=PART_SIZE, max_concurrency=4)
        s3.upload_file(upload.path, bucket, upload.key, Config=config, ExtraArgs={
            "ContentType": upload.content_type, "CacheControl": upload.cache_control})
        return
    with open(upload.path, "rb") as handle:
        body = handle.read()
    extra = {}
    if send_md5:
        # S3 rejects the object if the bytes read now differ from the ones hashed earlier.
        extra["ContentMD5"] = _md5_base64(upload.md5)
    s3.put_object(Bucket=bucket, Key=upload.key, Body=body, ContentType=upload.content_type,
                  CacheControl=upload.cache_control, **extra)


def apply(
    plan: PublishPlan,
    s3: Any,
    bucket: str,
    *,
    workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
    multipart_threshold: int = MULTIPART_THRESHOLD,
    send_md5: bool = True,
) -> ApplyResult:
    """Upload, then delete; raises :class:`UploadFailed` on the first error.

    :param send_md5: send ``Content-MD5`` so that S3 verifies every body (moto does not check
        it, so the local sandbox is spared the header).
    """
    progress = progress or NoProgress()
    result = ApplyResult()
    lock = threading.Lock()

    def task(upload: Upload) -> None:
        upload_one(s3, bucket, upload, multipart_threshold=multipart_threshold, send_md5=send_md5)
        with lock:
            result.uploaded.append(upload.key)
            result.uploaded_bytes += upload.size
        progress.advance(upload.key, upload.size)

    progress.start(len(plan.uploads), plan.upload_bytes)
    try:
        if plan.uploads:
            with ThreadPoolExecutor(max_workers=max(1, workers),
                                    thread_name_prefix="amplify-publish") as pool:
                for wave in waves(plan.uploads):
                    futures = {pool.submit(task, u): u for u in wave}
                    try:
                        done, pending = wait(futures, return_when=FIRST_EXCEPTION)
                    except BaseException:  # Ctrl-C: start nothing more, let the few in flight end
                        for future in futures:
                            future.cancel()
                        raise
                    failed = next((f for f in done if f.exception() is not None), None)
                    if failed is not None:
                        for future in pending:
                            future.cancel()
                        wait(pending)
                        error = failed.exception()
                        raise UploadFailed(futures[failed].key, error, result) from error
        for start in range(0, len(plan.deletes), DELETE_BATCH):
            batch = plan.deletes[start : start + DELETE_BATCH]
            response = s3.delete_objects(
                Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True}
            )
            errors = response.get("Errors") or []
            if errors:
                first = errors[0]
                raise UploadFailed(first.get("Key", "?"),
                                   RuntimeError(f"delete failed: {first.get('Code')} {first.get('Message')}"),
                                   result)
            result.deleted.extend(batch)
    finally:
        progress.finish()
    return result
