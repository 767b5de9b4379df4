"""REST APIs defined by a Swagger/OpenAPI ``Body`` (``AWS::ApiGateway::RestApi``), as every Gen 1
REST API is: moto creates the API but ignores ``Body``, so it has no resources or methods, and
the stack's ``AWS::ApiGateway::Deployment`` then fails ("No method defined"). moto also cannot
update or delete such an API through a stack, and does not know
``AWS::ApiGateway::GatewayResponse``.

Here ``Body`` becomes resources, methods (``x-amazon-apigateway-any-method`` → ``ANY``; a
``sigv4`` security requirement → ``AWS_IAM``; ``cognito_user_pools`` → a
``COGNITO_USER_POOLS`` authorizer) and integrations (``x-amazon-apigateway-integration``); an
update rebuilds them in place (the API keeps its id, so its URL survives a push); a delete
removes the API. A Body API Gateway would reject fails the resource with API Gateway's words.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from moto.apigateway import models as apigw
from moto.cloudformation.exceptions import ValidationError

from .base import CfnResource, register

ANY = "x-amazon-apigateway-any-method"
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch"}
AUTH_TYPES = {"awssigv4": "AWS_IAM", "cognito_user_pools": "COGNITO_USER_POOLS"}
INTEGRATION_TYPES = {"aws", "aws_proxy", "http", "http_proxy", "mock"}
_SEGMENT = re.compile(r"^(\{[a-zA-Z0-9._-]+\+?\}|[a-zA-Z0-9._:-]+)$")


def _fail(api_name: str, message: str) -> ValidationError:
    return ValidationError(
        message=f'Resource handler returned message: "Errors found during import:\n\t{message}" '
        f"(Service: ApiGateway, Status Code: 400, HandlerErrorCode: InvalidRequest) "
        f"[RestApi {api_name}]"
    )


def check_body(name: str, body: Any) -> None:
    """What API Gateway's import rejects, before anything is created."""
    if not isinstance(body, dict) or not ("swagger" in body or "openapi" in body):
        raise _fail(
            name, "Body is not a Swagger 2.0 or OpenAPI 3 definition (no 'swagger' / 'openapi' field)"
        )
    paths = body.get("paths")
    if not isinstance(paths, dict):
        raise _fail(name, "Body has no 'paths' object")
    definitions = (
        body.get("securityDefinitions") or (body.get("components") or {}).get("securitySchemes") or {}
    )
    for path, operations in paths.items():
        if not str(path).startswith("/") or not all(
            _SEGMENT.match(s) for s in str(path).strip("/").split("/") if s
        ):
            raise _fail(name, f"Invalid resource path {path!r}")
        for key, operation in (operations or {}).items():
            if key not in HTTP_METHODS and key != ANY:
                continue
            integration = (operation or {}).get("x-amazon-apigateway-integration")
            if integration is None:
                continue
            kind = str(integration.get("type", "")).lower()
            if kind not in INTEGRATION_TYPES:
                raise _fail(name, f"Unsupported integration type {integration.get('type')!r} on {key} {path}")
            if kind != "mock" and not integration.get("uri"):
                raise _fail(name, f"Integration of {key} {path} has no uri")
            for requirement in operation.get("security") or body.get("security") or []:
                for scheme in requirement:
                    if scheme not in definitions:
                        raise _fail(name, f"Security scheme {scheme!r} of {key} {path} is not defined")


def _resource_for(backend: Any, api: Any, path: str) -> Any:
    current = api.get_resource_for_path("/")
    walked = ""
    for part in [p for p in path.split("/") if p]:
        walked += "/" + part
        found = api.get_resource_for_path(walked)
        current = found or backend.create_resource(api.id, current.id, part)
    return current


def _authorization(
    backend: Any, api: Any, body: dict[str, Any], operation: dict[str, Any], authorizers: dict[str, str]
) -> tuple[str, str | None]:
    definitions = (
        body.get("securityDefinitions") or (body.get("components") or {}).get("securitySchemes") or {}
    )
    for requirement in operation.get("security") or body.get("security") or []:
        for scheme in requirement:
            definition = definitions[scheme]
            kind = AUTH_TYPES.get(str(definition.get("x-amazon-apigateway-authtype", "")).lower())
            if kind == "COGNITO_USER_POOLS":
                if scheme not in authorizers:
                    spec = definition.get("x-amazon-apigateway-authorizer") or {}
                    authorizers[scheme] = backend.create_authorizer(
                        api.id,
                        name=scheme,
                        authorizer_type="COGNITO_USER_POOLS",
                        provider_arns=list(spec.get("providerARNs") or []),
                        identity_source=f"method.request.header.{definition.get('name', 'Authorization')}",
                    ).id
                return kind, authorizers[scheme]
            if kind:
                return kind, None
    return "NONE", None


def apply_body(backend: Any, api: Any, body: dict[str, Any]) -> None:
    """Make ``api``'s resources, methods and integrations those ``body`` defines (replacing any)."""
    api.resources = {}
    api.authorizers = {}
    api.default = api.add_child("/")
    api.root_resource_id = api.default.id
    authorizers: dict[str, str] = {}
    for path in sorted(body["paths"]):
        resource = _resource_for(backend, api, path)
        for key, operation in (body["paths"][path] or {}).items():
            if key not in HTTP_METHODS and key != ANY:
                continue
            operation = operation or {}
            method = "ANY" if key == ANY else key.upper()
            auth_type, authorizer_id = _authorization(backend, api, body, operation, authorizers)
            backend.put_method(api.id, resource.id, method, auth_type, authorizer_id=authorizer_id)
            integration = operation.get("x-amazon-apigateway-integration")
            if integration is not None:
                backend.put_integration(
                    api.id,
                    resource.id,
                    method,
                    str(integration["type"]).upper(),
                    integration.get("uri"),
                    integration.get("httpMethod"),
                    request_templates=integration.get("requestTemplates"),
                    passthrough_behavior=integration.get("passthroughBehavior"),
                )
                for pattern, response in (integration.get("responses") or {}).items():
                    backend.put_integration_response(
                        api.id,
                        resource.id,
                        method,
                        str(response.get("statusCode", "200")),
                        "" if pattern == "default" else pattern,
                        response.get("responseTemplates") or {},
                        response.get("responseParameters") or {},
                    )


def _create(original: Any) -> Any:
    @functools.wraps(original)
    def create(
        cls: Any,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> Any:
        properties = cloudformation_json.get("Properties") or {}
        body = properties.get("Body")
        if body is not None:
            check_body(properties.get("Name") or resource_name, body)
        api = original.__func__(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        if body is not None:
            apply_body(apigw.apigateway_backends[account_id][region_name], api, body)
        return api

    return classmethod(create)


def _update(
    cls: Any,
    original_resource: Any,
    new_resource_name: str,
    cloudformation_json: dict[str, Any],
    account_id: str,
    region_name: str,
) -> Any:
    """The same API (same id, same URL) with its new name, description and Body."""
    properties = cloudformation_json.get("Properties") or {}
    body = properties.get("Body")
    if body is not None:
        check_body(properties.get("Name") or new_resource_name, body)
        apply_body(apigw.apigateway_backends[account_id][region_name], original_resource, body)
    original_resource.name = properties.get("Name", original_resource.name)
    original_resource.description = properties.get("Description", original_resource.description)
    return original_resource


def _delete(
    cls: Any, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
) -> None:
    backend = apigw.apigateway_backends[account_id][region_name]
    backend.apis.pop(resource_name, None)


class GatewayResponse(CfnResource):
    """``AWS::ApiGateway::GatewayResponse``: API Gateway's own answers (4XX/5XX) and their headers."""

    def __init__(self, api_id: str, response_type: str):
        self.api_id = api_id
        self.response_type = response_type

    @property
    def physical_resource_id(self) -> str:
        return f"{self.api_id}-{self.response_type}"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ApiGateway::GatewayResponse"

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> GatewayResponse:
        properties = cloudformation_json["Properties"]
        backend = apigw.apigateway_backends[account_id][region_name]
        api_id, kind = properties["RestApiId"], properties["ResponseType"]
        backend.get_rest_api(api_id)
        backend.put_gateway_response(
            api_id,
            kind,
            properties.get("StatusCode"),
            dict(properties.get("ResponseParameters") or {}),
            dict(properties.get("ResponseTemplates") or {}),
        )
        return cls(api_id, kind)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: Any,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> GatewayResponse:
        return cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name
        )

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        api_id, _, kind = resource_name.rpartition("-")
        api = apigw.apigateway_backends[account_id][region_name].apis.get(api_id)
        if api is not None:
            api.gateway_responses.pop(kind, None)


def install() -> None:
    apigw.RestAPI.create_from_cloudformation_json = _create(apigw.RestAPI.create_from_cloudformation_json)
    setattr(apigw.RestAPI, "update_from_cloudformation_json", classmethod(_update))
    setattr(apigw.RestAPI, "delete_from_cloudformation_json", classmethod(_delete))
    register(GatewayResponse)
