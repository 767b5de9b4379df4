"""Lambda proxy integration: the event API Gateway sends and the response it expects (pure)."""

from __future__ import annotations

import base64
import json
import time
import uuid
from typing import Any

#: Integration response headers API Gateway does not pass on as they are: it sets its own and
#: returns the handler's as ``x-amzn-Remapped-<name>`` (a web framework's ``Content-Length`` or
#: ``Connection: keep-alive`` would otherwise be sent twice, or describe another connection).
REMAPPED = frozenset({"authorization", "connection", "content-length", "date", "server", "www-authenticate"})
#: Integration response headers API Gateway drops.
DROPPED = frozenset({"transfer-encoding"})


class MalformedResponse(Exception):
    """The handler's result is not a proxy response (API Gateway answers 502)."""


def _single(multi: dict[str, list[str]]) -> dict[str, str] | None:
    return {k: v[-1] for k, v in multi.items()} or None


def event(
    *,
    method: str,
    path: str,
    resource_path: str,
    stage: str,
    api_id: str,
    account_id: str,
    headers: list[tuple[str, str]],
    query: list[tuple[str, str]],
    path_parameters: dict[str, str],
    body: bytes,
    source_ip: str,
    authorizer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The REST API (v1) proxy event for one request."""
    multi_headers: dict[str, list[str]] = {}
    for name, value in headers:
        multi_headers.setdefault(name, []).append(value)
    multi_query: dict[str, list[str]] = {}
    for name, value in query:
        multi_query.setdefault(name, []).append(value)
    try:
        text, encoded = (body.decode("utf-8") if body else None), False
    except UnicodeDecodeError:
        text, encoded = base64.b64encode(body).decode("ascii"), True
    single_headers = _single(multi_headers) or {}
    context: dict[str, Any] = {
        "resourcePath": resource_path,
        "httpMethod": method,
        "path": f"/{stage}{path}",
        "stage": stage,
        "requestId": str(uuid.uuid4()),
        "accountId": account_id,
        "apiId": api_id,
        "protocol": "HTTP/1.1",
        "requestTimeEpoch": int(time.time() * 1000),
        "domainName": single_headers.get("Host", ""),
        "identity": {"sourceIp": source_ip, "userAgent": single_headers.get("User-Agent")},
    }
    if authorizer is not None:
        context["authorizer"] = authorizer
    return {
        "resource": resource_path,
        "path": path,
        "httpMethod": method,
        "headers": _single(multi_headers),
        "multiValueHeaders": multi_headers or None,
        "queryStringParameters": _single(multi_query),
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": path_parameters or None,
        "stageVariables": None,
        "requestContext": context,
        "body": text,
        "isBase64Encoded": encoded,
    }


def response(payload: bytes | str) -> tuple[int, list[tuple[str, str]], bytes]:
    """(status, headers, body) from a handler's proxy response.

    :raises MalformedResponse: not a JSON object with an integer ``statusCode`` and a string body.
    """
    try:
        result = json.loads(payload or b"null")
    except ValueError:
        raise MalformedResponse("not JSON") from None
    if not isinstance(result, dict) or not isinstance(result.get("statusCode"), int):
        raise MalformedResponse("no statusCode")
    body = result.get("body")
    if body is not None and not isinstance(body, str):
        raise MalformedResponse("body is not a string")
    data = base64.b64decode(body) if body and result.get("isBase64Encoded") else (body or "").encode("utf-8")
    headers = [(str(k), str(v)) for k, v in (result.get("headers") or {}).items()]
    for name, values in (result.get("multiValueHeaders") or {}).items():
        headers += [(str(name), str(v)) for v in values or []]
    headers = [
        (f"x-amzn-Remapped-{name}" if name.lower() in REMAPPED else name, value)
        for name, value in headers
        if name.lower() not in DROPPED
    ]
    return result["statusCode"], headers, data
