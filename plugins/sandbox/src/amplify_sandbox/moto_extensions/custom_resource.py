"""Lambda-backed custom resources (``Custom::*``, ``AWS::CloudFormation::CustomResource``).

moto starts the function in a background thread inside docker (which the sandbox does not use),
returns at once, and never waits: the resource "succeeds" with no data, its update and delete
send nothing, and ``AWS::CloudFormation::CustomResource`` is not known at all. Here, as in
CloudFormation, each create, update and delete (rollback and stack deletion included) invokes the
``ServiceToken`` function — locally, through :mod:`.lambda_invoke` — with the documented request
event (``RequestType``, ``ResponseURL``, ``StackId``, ``RequestId``, ``ResourceType``,
``LogicalResourceId``, ``PhysicalResourceId`` and ``OldResourceProperties`` where they apply,
``ResourceProperties`` with scalars as strings). ``ResponseURL`` is a presigned-S3-like PUT URL
that this server answers on 127.0.0.1 (:func:`receive`). The response decides the outcome:

- ``SUCCESS``: its ``PhysicalResourceId`` is the resource's, its ``Data`` what ``Fn::GetAtt``
  reads; an update that returns a new physical id is a replacement (the old one gets ``Delete``
  in the cleanup phase);
- ``FAILED``: the resource fails with "Received response status [FAILED] from custom resource.
  Message returned: <Reason> …" and the stack rolls back (:mod:`.stack_operations`); a create
  that answered FAILED still gets ``Delete`` in that rollback, as CloudFormation sends it;
- no response: CloudFormation waits an hour; here the resource fails as soon as the function's
  run has ended without one, with CloudFormation's message for that (plus the function's error
  when it threw, e.g. an AWS SDK module the local Node.js runner does not have).

A ServiceToken that is an SNS topic is refused (the sandbox delivers to Lambda only); changing a
resource's ServiceToken fails as in CloudFormation.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
import urllib.parse
import uuid
from typing import Any

from moto.awslambda.utils import get_backend as lambda_backend
from moto.cloudformation import parsing

from . import lambda_invoke
from .base import CfnResource, register
from .stack_operations import after_success

#: Path prefix of the response URLs (CloudFormation's bucket is named like this, per region).
PREFIX = "/cloudformation-custom-resource-response-"
MAX_RESPONSE_BYTES = 4096
_SECRET = secrets.token_bytes(16)
_LOCK = threading.Lock()
#: request id → the response body PUT for it (``None`` while awaited).
_RESPONSES: dict[str, bytes | None] = {}


class CustomResourceFailed(Exception):
    """The resource's request failed; the message is CloudFormation's status reason.

    ``response`` is the function's FAILED answer, when there was one."""

    def __init__(self, message: str, response: dict[str, Any] | None = None):
        super().__init__(message)
        self.response = response
        #: set on a failed create: the resource the rollback sends ``Delete`` (see stack_operations)
        self.leftover: CustomResource | None = None


def _signature(key: str) -> str:
    return hmac.new(_SECRET, key.encode("utf-8"), hashlib.sha256).hexdigest()


def response_url(region: str, stack_id: str, logical_id: str, request_id: str) -> str:
    key = f"{stack_id}|{logical_id}|{request_id}"
    query = urllib.parse.urlencode(
        {
            "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
            "X-Amz-Date": time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()),
            "X-Amz-Expires": "7200",
            "X-Amz-SignedHeaders": "host",
            "X-Amz-Signature": _signature(key),
        }
    )
    base = lambda_invoke.ENDPOINT or lambda_invoke.UNREACHABLE
    return f"{base}{PREFIX}{region.replace('-', '')}/{urllib.parse.quote(key, safe='')}?{query}"


def receive(path: str, signature: str, body: bytes) -> tuple[int, str]:
    """A PUT to a response URL: (HTTP status, S3-style XML error or ``""``)."""
    key = urllib.parse.unquote(path.split("/", 2)[-1])
    request_id = key.rsplit("|", 1)[-1]
    if not hmac.compare_digest(signature, _signature(key)):
        return 403, "<Error><Code>SignatureDoesNotMatch</Code></Error>"
    with _LOCK:
        if request_id not in _RESPONSES:
            return 403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
        _RESPONSES[request_id] = body
    return 200, ""


def _as_strings(value: Any) -> Any:
    """CloudFormation passes every scalar property to the function as a string."""
    if isinstance(value, dict):
        return {k: _as_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_strings(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _send(
    request_type: str,
    *,
    account_id: str,
    region: str,
    stack_id: str,
    logical_id: str,
    resource_type: str,
    properties: dict[str, Any],
    physical_id: str | None = None,
    old_properties: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Invoke the ServiceToken with one request; the SUCCESS response, or CustomResourceFailed."""
    token = str(properties.get("ServiceToken") or "")
    if token.startswith("arn:aws:sns:"):
        raise CustomResourceFailed(
            f"ServiceToken {token} is an SNS topic: the sandbox sends custom resource requests to "
            "Lambda functions only (use the function's ARN)."
        )
    try:
        function = lambda_backend(account_id, region).get_function(token)
    except Exception:  # noqa: BLE001 - moto's not-found error
        raise CustomResourceFailed(f"Invalid ServiceToken: function {token} does not exist.") from None
    request_id = str(uuid.uuid4())
    event: dict[str, Any] = {
        "RequestType": request_type,
        "ServiceToken": token,
        "ResponseURL": response_url(region, stack_id, logical_id, request_id),
        "StackId": stack_id,
        "RequestId": request_id,
        "LogicalResourceId": logical_id,
        "ResourceType": resource_type,
        "ResourceProperties": _as_strings(properties),
    }
    if physical_id is not None:
        event["PhysicalResourceId"] = physical_id
    if old_properties is not None:
        event["OldResourceProperties"] = _as_strings(old_properties)
    with _LOCK:
        _RESPONSES[request_id] = None
    payload, errored = "", False
    try:
        payload, errored, _logs = function._invoke_lambda(event=event)  # type: ignore[arg-type]  # the sandbox's runner (lambda_invoke) takes the event object
    finally:
        with _LOCK:
            body = _RESPONSES.pop(request_id, None)
    if body is None:
        raise CustomResourceFailed(
            "CloudFormation did not receive a response from your Custom Resource. Please check your "
            f"logs for requestId [{request_id}]. If you are using the Python cfn-response module, you "
            "may need to update your Lambda function code so that CloudFormation can attach the "
            "updated version." + _function_error(payload, errored)
        )
    if len(body) > MAX_RESPONSE_BYTES:
        raise CustomResourceFailed("Response object is too long.")
    try:
        response = json.loads(body)
        status = response["Status"]
    except (ValueError, KeyError, TypeError):
        raise CustomResourceFailed(
            f"Invalid response object: {body[:200]!r} is not a JSON response object."
        ) from None
    if status == "FAILED":
        raise CustomResourceFailed(
            "Received response status [FAILED] from custom resource. Message returned: "
            f"{response.get('Reason') or ''} (RequestId: {request_id})",
            response,
        )
    if status != "SUCCESS":
        raise CustomResourceFailed(
            f"Invalid response object: Status must be SUCCESS or FAILED, not {status!r}."
        )
    if not response.get("PhysicalResourceId"):
        raise CustomResourceFailed("Invalid PhysicalResourceId")
    data = response.get("Data")
    response["Data"] = data if isinstance(data, dict) else {}
    return dict(response)


def _function_error(payload: str, errored: bool) -> str:
    """The sandbox's addition to that message: the function's own error, when it threw (AWS
    leaves it in the log group, which a push does not show)."""
    if not errored:
        return ""
    try:
        error = json.loads(payload)
        text = f"{error.get('errorType', 'Error')}: {error.get('errorMessage', '')}"
    except (ValueError, AttributeError):
        text = payload[:300]
    return f" (The function failed: {text})"


class CustomResource(CfnResource):
    """One custom resource of a stack: the function's answer, and what to send it next."""

    def __init__(
        self,
        *,
        account_id: str,
        region: str,
        stack_id: str,
        logical_id: str,
        resource_type: str,
        properties: dict[str, Any],
        response: dict[str, Any],
    ):
        self.account_id = account_id
        self.region = region
        self.stack_id = stack_id
        self.logical_id = logical_id
        self.resource_type = resource_type
        self.properties = properties
        self.physical_id = str(response["PhysicalResourceId"])
        self.data: dict[str, Any] = response["Data"]

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFormation::CustomResource"

    @property
    def physical_resource_id(self) -> str:
        return self.physical_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return True  # whatever the function's Data holds

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name in self.data:
            return self.data[attribute_name]
        raise CustomResourceFailed(
            f"CustomResource attribute error: Vendor response doesn't contain {attribute_name} key in "
            f"object {self.stack_id}|{self.logical_id}"
        )

    def _common(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "region": self.region,
            "stack_id": self.stack_id,
            "logical_id": self.logical_id,
            "resource_type": self.resource_type,
        }

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CustomResource:
        properties = dict(cloudformation_json.get("Properties") or {})
        if "ServiceToken" not in properties:
            raise CustomResourceFailed(
                f"Properties validation failed for resource {kwargs['LogicalId']} with message: "
                "#: required key [ServiceToken] not found"
            )
        common = {
            "account_id": account_id,
            "region": region_name,
            "stack_id": kwargs["StackId"],
            "logical_id": kwargs["LogicalId"],
            "resource_type": kwargs["ResourceType"],
        }
        try:
            response = _send("Create", properties=properties, **common)
        except CustomResourceFailed as exc:
            # CloudFormation sends Delete during the rollback to a resource that answered FAILED
            answer = exc.response or {}
            if answer.get("PhysicalResourceId"):
                exc.leftover = cls(properties=properties, response={**answer, "Data": {}}, **common)
            raise
        return cls(properties=properties, response=response, **common)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CustomResource,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CustomResource:
        old = original_resource
        properties = dict(cloudformation_json.get("Properties") or {})
        if properties.get("ServiceToken") != old.properties.get("ServiceToken"):
            raise CustomResourceFailed("Modifying service token is not allowed.")
        if properties == old.properties:
            return old
        response = _send(
            "Update",
            properties=properties,
            physical_id=old.physical_id,
            old_properties=old.properties,
            **old._common(),
        )
        new = cls(properties=properties, response=response, **old._common())
        if new.physical_id != old.physical_id:
            after_success(old.delete_quietly)  # a replacement: the old resource goes at cleanup
        return new

    def delete(self, account_id: str, region_name: str) -> None:
        """Send ``Delete``; a FAILED (or missing) response fails the deletion."""
        try:
            _send("Delete", properties=self.properties, physical_id=self.physical_id, **self._common())
        except (TypeError, AttributeError) as exc:  # moto would take these for "no delete method"
            raise CustomResourceFailed(str(exc)) from exc

    def delete_quietly(self) -> None:
        try:
            self.delete(self.account_id, self.region)
        except CustomResourceFailed:
            pass  # CloudFormation records DELETE_FAILED for the old resource and carries on


def install() -> None:
    register(CustomResource)
    setattr(parsing, "CustomModel", CustomResource)  # every Custom::* type
