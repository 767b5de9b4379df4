"""``AWS::S3::BucketPolicy``: moto's CloudFormation parser has no model for it, so the policy never
reached the bucket. Here it is put on the bucket on create and update, and removed on delete."""

from __future__ import annotations

import json
from typing import Any

from moto.s3.exceptions import MissingBucket
from moto.s3.models import s3_backends
from moto.utilities.utils import get_partition

from .base import CfnResource, register


def _policy_bytes(document: Any) -> bytes:
    return (document if isinstance(document, str) else json.dumps(document)).encode("utf-8")


class CfnBucketPolicy(CfnResource):
    """A bucket policy as a stack resource: the policy itself is stored on moto's bucket."""

    def __init__(self, name: str, bucket_name: str, partition: str, account_id: str):
        self.name = name
        self.bucket_name = bucket_name
        self.partition = partition
        self.account_id = account_id

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::S3::BucketPolicy"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnBucketPolicy:
        properties = cloudformation_json["Properties"]
        partition = get_partition(region_name)
        s3_backends[account_id][partition].put_bucket_policy(
            properties["Bucket"], _policy_bytes(properties["PolicyDocument"])
        )
        return cls(resource_name, properties["Bucket"], partition, account_id)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnBucketPolicy,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnBucketPolicy:
        properties = cloudformation_json["Properties"]
        if properties["Bucket"] != original_resource.bucket_name:
            original_resource.delete(account_id, region_name)
        s3_backends[account_id][original_resource.partition].put_bucket_policy(
            properties["Bucket"], _policy_bytes(properties["PolicyDocument"])
        )
        original_resource.bucket_name = properties["Bucket"]
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            s3_backends[self.account_id][self.partition].delete_bucket_policy(self.bucket_name)
        except MissingBucket:
            pass  # the bucket went first; its policy went with it


def install() -> None:
    register(CfnBucketPolicy)
