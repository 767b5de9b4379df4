"""Emptying and deleting a retained S3 bucket, for every plugin that removes one.

Buckets holding users' files are retained by their stacks (``DeletionPolicy: Retain``), so
a removed resource's bucket outlives its stack; the category that confirmed its deletion
calls this after the push that deleted the stack. The client is the caller's (the core
imports no AWS SDK); errors are told apart by their code, as botocore reports them.
"""

from __future__ import annotations

from typing import Any

from .aws_errors import aws_error_code


def empty_and_delete_bucket(s3: Any, bucket: str) -> int | None:
    """Delete every object version and the bucket: the number of objects deleted, or ``None``
    if the bucket was already gone. Other errors are raised."""
    deleted = 0
    try:
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
            keys = [
                {"Key": v["Key"], "VersionId": v["VersionId"]}
                for v in (page.get("Versions") or []) + (page.get("DeleteMarkers") or [])
            ]
            for start in range(0, len(keys), 1000):
                batch = keys[start : start + 1000]
                s3.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
                deleted += len(batch)
        s3.delete_bucket(Bucket=bucket)
    except Exception as exc:
        if aws_error_code(exc) in ("NoSuchBucket", "404"):
            return None
        raise
    return deleted
