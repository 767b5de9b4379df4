"""``AWS::CloudFront::OriginAccessControl``: moto's CloudFormation parser has no model for it (the
resource was skipped and ``GetAtt Id`` failed). Here it is a real OAC in moto's CloudFront
backend; ``Ref`` / ``GetAtt Id`` → its Id; updates keep the Id."""

from __future__ import annotations

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudfront.models import cloudfront_backends
from moto.utilities.utils import get_partition

from .base import CloudFrontResource, register


class CfnOriginAccessControl(CloudFrontResource):
    """The stack's handle on an origin access control in moto's CloudFront backend."""

    def __init__(self, control_id: str, partition: str, account_id: str):
        self.control_id = control_id
        self.partition = partition
        self.account_id = account_id

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::OriginAccessControl"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Id"

    @property
    def physical_resource_id(self) -> str:
        return self.control_id

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.control_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnOriginAccessControl:
        partition = get_partition(region_name)
        config = dict(cloudformation_json["Properties"]["OriginAccessControlConfig"])
        control = cloudfront_backends[account_id][partition].create_origin_access_control(config)
        return cls(control.id, partition, account_id)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnOriginAccessControl,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnOriginAccessControl:
        config = dict(cloudformation_json["Properties"]["OriginAccessControlConfig"])
        original_resource._backend().update_origin_access_control(original_resource.control_id, config)
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        self._backend().origin_access_controls.pop(self.control_id, None)


def install() -> None:
    register(CfnOriginAccessControl)
