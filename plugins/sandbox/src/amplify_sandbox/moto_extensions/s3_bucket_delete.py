"""``AWS::S3::Bucket`` deletion: a bucket that still holds objects is not deleted, and says so.

moto's handler calls its S3 backend's ``delete_bucket``, which quietly returns ``None`` for a
bucket with keys: the bucket stays and the stack reports it deleted. CloudFormation (as the S3
DeleteBucket API) refuses with ``BucketNotEmpty`` — "The bucket you tried to delete is not
empty" — so the resource is ``DELETE_FAILED`` (object versions and delete markers count, as in
S3). A bucket already deleted outside the stack counts as deleted, as CloudFormation treats it.
"""

from __future__ import annotations

from typing import Any

from moto.s3.exceptions import BucketNotEmpty, MissingBucket
from moto.s3.models import FakeBucket, s3_backends
from moto.utilities.utils import get_partition


def delete_from_cloudformation_json(
    cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
) -> None:
    backend = s3_backends[account_id][get_partition(region_name)]
    try:
        bucket = backend.get_bucket(resource_name)
    except MissingBucket:
        return
    if bucket.keys:
        raise BucketNotEmpty(resource_name)
    backend.delete_bucket(resource_name)


def install() -> None:
    FakeBucket.delete_from_cloudformation_json = classmethod(delete_from_cloudformation_json)  # type: ignore[assignment]
