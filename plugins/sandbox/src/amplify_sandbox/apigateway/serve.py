"""Answer one request to a deployed stage: route, authorize, invoke the Lambda proxy integration.

API Gateway's own answers, kept as AWS gives them (status, ``{"message": …}`` body and
``x-amzn-ErrorType``), with the headers of the API's ``DEFAULT_4XX`` / ``DEFAULT_5XX`` gateway
responses (Gen 1 APIs put their CORS headers there):

* no resource or method for the path: 403 ``Missing Authentication Token``;
* an ``AWS_IAM`` method without a SigV4 ``Authorization`` header: 403 ``Missing Authentication
  Token``; a malformed one: 403 ``IncompleteSignatureException``;
* a ``COGNITO_USER_POOLS`` method without a valid token of the authorizer's pool (signature,
  issuer, app client, expiry, token use and scopes, as API Gateway checks them): 401 ``Unauthorized``;
* the function is missing, fails or returns something that is not a proxy response: 502/500
  ``Internal server error``.

The sandbox checks a signature's presence and form, not the caller's IAM policy.
"""

from __future__ import annotations

import json
import time
from typing import Any

from werkzeug.wrappers import Request, Response

from . import proxy
from .routes import Target, find_resource

_LAMBDA_URI = "/functions/"


def _backends() -> Any:
    from moto.apigateway.models import apigateway_backends

    return apigateway_backends


def _find_api(api_id: str) -> tuple[str, str, Any] | None:
    for account_id, regions in list(_backends().items()):
        for region, backend in list(regions.items()):
            if api_id in backend.apis:
                return account_id, region, backend.apis[api_id]
    return None


def _gateway_answer(api: Any, status: int, message: str, error_type: str) -> Response:
    response = Response(json.dumps({"message": message}), status=status, content_type="application/json")
    response.headers["x-amzn-ErrorType"] = error_type
    kind = "DEFAULT_4XX" if status < 500 else "DEFAULT_5XX"
    gateway = (getattr(api, "gateway_responses", None) or {}).get(kind)
    for key, value in (getattr(gateway, "response_parameters", None) or {}).items():
        if key.startswith("gatewayresponse.header."):
            response.headers[key.removeprefix("gatewayresponse.header.")] = str(value).strip("'")
    return response


def serve_rest_api(target: Target, request: Request) -> Response:
    found = _find_api(target.api_id)
    if found is None:
        return Response(
            json.dumps({"message": f"No REST API {target.api_id} in the sandbox"}),
            status=404,
            content_type="application/json",
        )
    account_id, region, api = found
    if target.stage not in api.stages:
        return _gateway_answer(api, 403, "Forbidden", "ForbiddenException")
    routed = find_resource(list(api.resources.values()), target.path)
    method_name = request.method.upper()
    method = None
    if routed is not None:
        methods = routed[0].resource_methods
        method = methods.get(method_name) or methods.get("ANY")
    if routed is None or method is None:
        return _gateway_answer(
            api, 403, "Missing Authentication Token", "MissingAuthenticationTokenException"
        )
    resource, path_parameters = routed
    authorizer, refusal = _authorize(api, method, request, region)
    if refusal is not None:
        return refusal
    integration = method.method_integration
    if integration is None:
        return _gateway_answer(api, 500, "Internal server error", "InternalServerErrorException")
    if integration.integration_type == "MOCK":
        return _mock(integration)
    if integration.integration_type != "AWS_PROXY" or _LAMBDA_URI not in (integration.uri or ""):
        return _gateway_answer(
            api,
            500,
            f"The sandbox serves Lambda proxy and mock integrations only, not {integration.integration_type}",
            "InternalServerErrorException",
        )
    event = proxy.event(
        method=method_name,
        path=target.path,
        resource_path=resource.get_path(),
        stage=target.stage,
        api_id=api.id,
        account_id=account_id,
        headers=list(request.headers.items()),
        query=list(request.args.items(multi=True)),
        path_parameters=path_parameters,
        body=request.get_data(),
        source_ip=request.remote_addr or "127.0.0.1",
        authorizer=authorizer,
    )
    return _invoke(api, integration.uri, event)


def _authorize(
    api: Any, method: Any, request: Request, region: str
) -> tuple[dict[str, Any] | None, Response | None]:
    header = request.headers.get("Authorization", "")
    if method.authorization_type == "AWS_IAM":
        if not header:
            return None, _gateway_answer(
                api, 403, "Missing Authentication Token", "MissingAuthenticationTokenException"
            )
        if not header.startswith("AWS4-HMAC-SHA256 ") or not all(
            f"{part}=" in header for part in ("Credential", "SignedHeaders", "Signature")
        ):
            return None, _gateway_answer(
                api,
                403,
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters "
                "(AWS Signature Version 4).",
                "IncompleteSignatureException",
            )
        return None, None
    if method.authorization_type == "COGNITO_USER_POOLS":
        claims = _user_pool_claims(api, method, header, region)
        if claims is None:
            return None, _gateway_answer(api, 401, "Unauthorized", "UnauthorizedException")
        return {"claims": claims}, None
    return None, None


def _user_pool_claims(api: Any, method: Any, token: str, region: str) -> dict[str, Any] | None:
    """The token's claims when API Gateway would accept it, else None.

    As API Gateway checks a ``COGNITO_USER_POOLS`` token: signed by the pool's key, issued by
    the authorizer's pool (``iss`` is exactly ``https://cognito-idp.<region>.amazonaws.com/<pool
    id>``), not expired, and for one of the pool's app clients. A method without OAuth scopes
    takes an ID token (``token_use`` ``id``, the client in ``aud``); one with scopes takes an
    access token (``client_id``) granting one of them (``scope``).
    """
    from joserfc import jwt
    from joserfc.errors import JoseError
    from moto.cognitoidp.models import cognitoidp_backends

    authorizer = api.authorizers.get(method.authorizer_id) if method.authorizer_id else None
    if authorizer is None or not token:
        return None
    token = token.removeprefix("Bearer ").strip()
    scopes = list(getattr(method, "authorization_scopes", None) or [])
    for arn in authorizer.provider_arns or []:
        parts = str(arn).split(":")
        if len(parts) < 6:
            continue
        pool_id = parts[5].removeprefix("userpool/")
        pool = cognitoidp_backends[parts[4]][parts[3]].user_pools.get(pool_id)
        if pool is None:
            continue
        try:
            claims = dict(jwt.decode(token, pool.json_web_key, algorithms=["RS256"]).claims)
        except (JoseError, ValueError):
            continue
        if claims.get("iss") != f"https://cognito-idp.{parts[3]}.amazonaws.com/{pool_id}":
            continue
        try:
            expired = float(claims.get("exp", 0)) <= time.time()
        except (TypeError, ValueError):
            continue
        if expired:
            continue
        if scopes:
            granted = str(claims.get("scope", "")).split()
            if (
                claims.get("token_use") == "access"
                and claims.get("client_id") in pool.clients
                and any(s in granted for s in scopes)
            ):
                return claims
        elif claims.get("token_use") == "id" and claims.get("aud") in pool.clients:
            return claims
    return None


def _mock(integration: Any) -> Response:
    responses = integration.integration_responses or {}
    chosen = next((r for r in responses.values() if not r.selection_pattern), None)
    response = Response("", status=int(chosen.status_code) if chosen else 200)
    for key, value in ((chosen.response_parameters if chosen else None) or {}).items():
        if key.startswith("method.response.header."):
            response.headers[key.removeprefix("method.response.header.")] = str(value).strip("'")
    return response


def _invoke(api: Any, uri: str, event: dict[str, Any]) -> Response:
    from moto.awslambda.models import lambda_backends

    function_arn = uri.split(_LAMBDA_URI, 1)[1].removesuffix("/invocations")
    parts = function_arn.split(":")
    if len(parts) < 7:
        return _gateway_answer(api, 500, "Internal server error", "InternalServerErrorException")
    region, account_id = parts[3], parts[4]
    response_headers: dict[str, str] = {}
    try:
        payload = lambda_backends[account_id][region].invoke(
            function_arn, None, json.dumps(event), {}, response_headers
        )
    except Exception:  # noqa: BLE001 - a missing function: API Gateway's "Internal server error"
        return _gateway_answer(api, 500, "Internal server error", "InternalServerErrorException")
    if response_headers.get("x-amz-function-error"):
        return _gateway_answer(api, 502, "Internal server error", "InternalServerErrorException")
    try:
        status, headers, body = proxy.response(payload or b"")
    except proxy.MalformedResponse:
        return _gateway_answer(api, 502, "Internal server error", "InternalServerErrorException")
    response = Response(body, status=status)
    response.headers.pop("Content-Type", None)
    for name, value in headers:
        response.headers.add(name, value)
    if "Content-Type" not in response.headers:
        response.headers["Content-Type"] = "application/json"
    return response
