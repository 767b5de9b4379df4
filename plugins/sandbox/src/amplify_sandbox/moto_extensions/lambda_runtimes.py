"""Lambda runtimes as AWS accepts them, and inline ``ZipFile`` code as CloudFormation packages it.

moto creates a function with any runtime string, so a template whose function uses
``nodejs8.10`` deployed in the sandbox and failed only on AWS. Here CreateFunction with a runtime
past its *block function create* date, and UpdateFunctionConfiguration / UpdateFunctionCode of a
function past its *block function update* date, answer ``InvalidParameterValueException``
("The runtime parameter of … is no longer supported …"), from the core's one table
(``local_lambda.blocked_for_create``). A CloudFormation create of such a function therefore fails
that resource with the same message and the stack rolls back.

moto packs a template's inline ``Code.ZipFile`` as ``index.py`` whatever the runtime (with its own
``cfnresponse``) and its update path hands the plain text to the base64 decoder. Here the package
is the core's :func:`local_lambda.inline_code_zip`: ``index.js`` + ``cfn-response`` for Node.js,
``index.py`` + ``cfnresponse`` for Python, on create and update alike.
"""

from __future__ import annotations

import base64
import copy
from typing import Any

from amplify_core.plugin import local_lambda
from moto.awslambda.exceptions import InvalidParameterValueException
from moto.awslambda.models import LambdaBackend, LambdaFunction


def _check_create(runtime: Any) -> None:
    if isinstance(runtime, str) and local_lambda.blocked_for_create(runtime):
        raise InvalidParameterValueException(local_lambda.no_longer_supported(runtime))


def _check_update(runtime: Any) -> None:
    if isinstance(runtime, str) and local_lambda.blocked_for_update(runtime):
        raise InvalidParameterValueException(local_lambda.no_longer_supported(runtime))


def create_function(self: Any, spec: dict[str, Any]) -> Any:
    _check_create(spec.get("Runtime"))
    return _moto_create_function(self, spec)


def update_configuration(self: Any, config_updates: dict[str, Any]) -> Any:
    _check_update(config_updates.get("Runtime", self.run_time))
    if "Runtime" in config_updates and config_updates["Runtime"] != self.run_time:
        _check_create(config_updates["Runtime"])
    return _moto_update_configuration(self, config_updates)


def update_function_code(self: Any, updated_spec: dict[str, Any]) -> Any:
    _check_update(self.run_time)
    return _moto_update_function_code(self, updated_spec)


def _with_inline_zip(cloudformation_json: dict[str, Any]) -> dict[str, Any]:
    """The resource with ``Code.ZipFile`` text replaced by the base64 package Lambda receives."""
    properties = cloudformation_json.get("Properties") or {}
    code = properties.get("Code") or {}
    if not isinstance(code.get("ZipFile"), str):
        return cloudformation_json
    runtime = str(properties.get("Runtime") or "")
    _check_create(runtime)  # before packaging: no local runner knows a retired runtime's family
    try:
        package = local_lambda.inline_code_zip(code["ZipFile"], runtime)
    except Exception as exc:  # noqa: BLE001 - a runtime with no inline support
        raise InvalidParameterValueException(
            f"ZipFile cannot be used with runtime {runtime}: {exc}"
        ) from None
    resource = copy.deepcopy(cloudformation_json)
    resource["Properties"]["Code"] = {"ZipFile": base64.b64encode(package).decode("ascii")}
    return resource


def create_from_cloudformation_json(
    cls: Any,
    resource_name: str,
    cloudformation_json: dict[str, Any],
    account_id: str,
    region_name: str,
    **kwargs: Any,
) -> Any:
    resource = _with_inline_zip(cloudformation_json)
    properties = resource["Properties"]
    if "ZipFile" in (properties.get("Code") or {}):
        # moto would pack the (already packed) code again as index.py: hand it the zip bytes.
        properties = {**properties, "Code": {"ZipFile": properties["Code"]["ZipFile"]}}
        spec = {
            "Code": properties["Code"],
            "FunctionName": resource_name,
            "Handler": properties.get("Handler"),
            "Role": properties["Role"],
            "Runtime": properties.get("Runtime"),
        }
        for key in ("Description", "MemorySize", "Publish", "Timeout", "VpcConfig", "Environment"):
            if key in properties:
                spec[key] = properties[key]
        from moto.awslambda.utils import get_backend

        return get_backend(account_id, region_name).create_function(spec)
    return _moto_cfn_create(cls, resource_name, resource, account_id, region_name, **kwargs)


def update_from_cloudformation_json(
    cls: Any,
    original_resource: Any,
    new_resource_name: str,
    cloudformation_json: dict[str, Any],
    account_id: str,
    region_name: str,
) -> Any:
    resource = _with_inline_zip(cloudformation_json)
    return _moto_cfn_update(cls, original_resource, new_resource_name, resource, account_id, region_name)


_moto_create_function = LambdaBackend.create_function
_moto_update_configuration = LambdaFunction.update_configuration
_moto_update_function_code = LambdaFunction.update_function_code
_moto_cfn_create = LambdaFunction.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
_moto_cfn_update = LambdaFunction.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]


def install() -> None:
    LambdaBackend.create_function = create_function
    LambdaFunction.update_configuration = update_configuration
    LambdaFunction.update_function_code = update_function_code
    LambdaFunction.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)  # type: ignore[assignment]
    LambdaFunction.update_from_cloudformation_json = classmethod(update_from_cloudformation_json)  # type: ignore[assignment]
