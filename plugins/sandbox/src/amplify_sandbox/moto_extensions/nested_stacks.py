"""Nested stacks (``AWS::CloudFormation::Stack``): moto has no attribute lookup on stacks, so
``Fn::GetAtt <Nested>.Outputs.<Name>`` failed; and moto "updates" a child by deleting it and
creating a new one, which fails as soon as the child holds a retained bucket
(``BucketAlreadyExists``), i.e. on the second push of any hosting change. Here the child is
updated in place with its new template and parameters and keeps its name and id."""

from __future__ import annotations

from typing import Any

from moto.cloudformation import models as cfn_models
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.utilities.utils import get_partition

from .template_url import get_stack_from_s3_url


def _stack_get_cfn_attribute(self: Any, attribute_name: str) -> Any:
    prefix = "Outputs."
    wanted = attribute_name[len(prefix) :]
    if attribute_name.startswith(prefix) and wanted in self.output_map.outputs:
        output = self.output_map[wanted]
        if output is not None:
            return output.value
    raise UnformattedGetAttTemplateException()


def _update_nested_stack(
    cls: Any,
    original_resource: Any,
    new_resource_name: str,
    cloudformation_json: dict[str, Any],
    account_id: str,
    region_name: str,
) -> Any:
    """Update the child stack with its new template and parameters; it keeps its name and id."""
    properties = cloudformation_json["Properties"]
    template = get_stack_from_s3_url(properties["TemplateURL"], account_id, get_partition(region_name))
    original_resource.update(template, parameters=dict(properties.get("Parameters") or {}))
    return original_resource


def install() -> None:
    cfn_models.Stack.get_cfn_attribute = _stack_get_cfn_attribute
    cfn_models.Stack.update_from_cloudformation_json = classmethod(_update_nested_stack)
