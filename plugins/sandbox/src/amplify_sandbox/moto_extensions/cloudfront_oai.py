"""``AWS::CloudFront::CloudFrontOriginAccessIdentity``: moto has neither the resource type nor
origin access identities at all, so every Gen 1 PROD hosting template (which reads its bucket
through an OAI) failed with "GetAtt references undefined resource OriginAccessIdentity".

Here an OAI is a stack resource with CloudFront's shapes: ``Ref`` / ``GetAtt Id`` → its Id
(``E`` + 13 characters), ``GetAtt S3CanonicalUserId`` → a 96-hex-digit canonical user id, the
principal a bucket policy grants (``{"CanonicalUser": …}`` or
``{"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity <Id>"}``). The
identities live on moto's CloudFront backend of their account (so a reset clears them and a
snapshot keeps them); the preview looks them up to decide whether a distribution may read a
bucket. The CloudFront API's OAI operations are not added.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from dataclasses import dataclass
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudfront.models import cloudfront_backends
from moto.utilities.utils import get_partition

from .base import CfnResource, register

_ID_ALPHABET = string.ascii_uppercase + string.digits


@dataclass
class OriginAccessIdentity:
    id: str
    s3_canonical_user_id: str
    comment: str
    caller_reference: str

    @property
    def iam_arn(self) -> str:
        return f"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity {self.id}"


def identities(account_id: str, partition: str = "aws") -> dict[str, OriginAccessIdentity]:
    """The OAIs of an account: OAI id → identity."""
    backend = cloudfront_backends[account_id][partition]
    found: dict[str, Any] = vars(backend).setdefault("amplify_origin_access_identities", {})
    return found


def new_identity(
    account_id: str, partition: str, comment: str, caller_reference: str
) -> OriginAccessIdentity:
    oai_id = "E" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(13))
    canonical = hashlib.sha384(f"{account_id}/{oai_id}".encode()).hexdigest()
    identity = OriginAccessIdentity(oai_id, canonical, comment, caller_reference)
    identities(account_id, partition)[oai_id] = identity
    return identity


def find_identity(oai_id: str) -> OriginAccessIdentity | None:
    """An OAI by id, in any account."""
    for _, _, backend in list(cloudfront_backends.iter_backends()):
        found = getattr(backend, "amplify_origin_access_identities", {}).get(oai_id)
        if found is not None:
            return found
    return None


class CfnOriginAccessIdentity(CfnResource):
    """The stack's handle on an origin access identity."""

    def __init__(self, identity: OriginAccessIdentity, account_id: str, partition: str):
        self.identity = identity
        self.account_id = account_id
        self.partition = partition

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::CloudFrontOriginAccessIdentity"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Id", "S3CanonicalUserId")

    @property
    def physical_resource_id(self) -> str:
        return self.identity.id

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.identity.id
        if attribute_name == "S3CanonicalUserId":
            return self.identity.s3_canonical_user_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnOriginAccessIdentity:
        config = (cloudformation_json.get("Properties") or {})["CloudFrontOriginAccessIdentityConfig"]
        partition = get_partition(region_name)
        reference = f"{resource_name}-{secrets.token_hex(4)}"
        identity = new_identity(account_id, partition, str(config.get("Comment", "")), reference)
        return cls(identity, account_id, partition)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnOriginAccessIdentity,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnOriginAccessIdentity:
        config = (cloudformation_json.get("Properties") or {})["CloudFrontOriginAccessIdentityConfig"]
        original_resource.identity.comment = str(config.get("Comment", ""))
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        identities(self.account_id, self.partition).pop(self.identity.id, None)


def install() -> None:
    register(CfnOriginAccessIdentity)
