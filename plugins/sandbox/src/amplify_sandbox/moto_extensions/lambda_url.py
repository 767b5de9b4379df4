"""``AWS::Lambda::Url``: moto's CloudFormation parser has no model for it, so a Gen 1 function
template with a function URL was skipped and its ``GetAtt LambdaFunctionUrl.FunctionUrl`` output
crashed the stack update. Here it is a real function URL config in moto's Lambda backend (the
URL is not served); ``GetAtt`` ``FunctionUrl`` / ``FunctionArn``; updated in place; deleted with
the stack. As in AWS, a target function that does not exist fails the resource, and a function
has at most one URL."""

from __future__ import annotations

from typing import Any

from moto.awslambda.models import lambda_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.core.exceptions import JsonRESTError
from moto.utilities.utils import get_partition

from .base import CfnResource, register

CONFIG_KEYS = ("AuthType", "Cors", "InvokeMode")


def _backend(account_id: str, region_name: str) -> Any:
    return lambda_backends[account_id][region_name]


class CfnFunctionUrl(CfnResource):
    """The stack's handle on a function's URL config."""

    def __init__(self, function_arn: str, url: str, account_id: str, region_name: str):
        self.function_arn = function_arn
        self.url = url
        self.account_id = account_id
        self.region_name = region_name
        self.partition = get_partition(region_name)

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Lambda::Url"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("FunctionUrl", "FunctionArn")

    @property
    def physical_resource_id(self) -> str:
        return self.function_arn

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "FunctionUrl":
            return self.url
        if attribute_name == "FunctionArn":
            return self.function_arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnFunctionUrl:
        props = cloudformation_json["Properties"]
        target = str(props["TargetFunctionArn"])
        config = {k: props[k] for k in CONFIG_KEYS if k in props}
        backend = _backend(account_id, region_name)
        try:
            function = backend.get_function(target)
            if function.url_config is not None:
                raise _failed(
                    f"FunctionUrlConfig exists for this Lambda function {function.function_arn}",
                    "AlreadyExists",
                )
            created = backend.create_function_url_config(target, config)
        except JsonRESTError as exc:
            raise _failed(getattr(exc, "message", None) or str(exc), "NotFound") from None
        return cls(created.function.function_arn, created.url, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnFunctionUrl,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnFunctionUrl:
        props = cloudformation_json["Properties"]
        if str(props["TargetFunctionArn"]) != original_resource.function_arn:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(
                new_resource_name, cloudformation_json, account_id, region_name
            )
        config = {k: props[k] for k in CONFIG_KEYS if k in props}
        _backend(account_id, region_name).update_function_url_config(original_resource.function_arn, config)
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _backend(account_id, region_name).delete_function_url_config(self.function_arn)
        except Exception:  # noqa: BLE001 - the function (and its URL) is already gone
            pass


def _failed(message: str, code: str) -> ValidationError:
    """A resource handler's failure, worded as CloudFormation words it."""
    return ValidationError(
        message=f'Resource handler returned message: "{message}" '
        f"(Service: Lambda, Status Code: 400, HandlerErrorCode: {code})"
    )


def install() -> None:
    register(CfnFunctionUrl)
