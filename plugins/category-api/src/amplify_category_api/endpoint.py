"""The URL an app calls: API Gateway's ``RootUrl``, or, against a local AWS, its path form.

A local AWS (the amplify sandbox, LocalStack) has no ``<id>.execute-api.<region>.amazonaws.com``
host; both serve a deployed stage at
``<endpoint>/restapis/<api id>/<stage>/_user_request_/<path>`` on the AWS endpoint itself, so
that is the endpoint written to the frontend config when the project's AWS endpoint is on
this machine.
"""

from __future__ import annotations

import re
from typing import Any

from amplify_core.plugin import AmplifyContext, env_session, is_local_endpoint

_ROOT = re.compile(
    r"^https://(?P<id>[^.]+)\.execute-api\.(?P<region>[^.]+)\.amazonaws\.com/(?P<stage>[^/]+)/?$"
)


def local_url(aws_endpoint: str, api_id: str, stage: str) -> str:
    return f"{aws_endpoint.rstrip('/')}/restapis/{api_id}/{stage}/_user_request_"


def parse_root_url(root_url: str) -> dict[str, str] | None:
    """``{"id", "region", "stage"}`` of an API Gateway ``RootUrl``, or None."""
    match = _ROOT.match(root_url or "")
    return match.groupdict() if match else None


def aws_endpoint(ctx: AmplifyContext) -> str | None:
    """The API Gateway endpoint the project's provider would call, when set (no network)."""
    try:
        client: Any = env_session(ctx, ctx.project).client("apigateway")
    except Exception:  # noqa: BLE001 - no credentials or config here: the cloud URL stands
        return None
    return str(client.meta.endpoint_url)


def endpoint_for(ctx: AmplifyContext, output: dict[str, Any]) -> tuple[str, str]:
    """(endpoint, region) of a deployed API from its outputs."""
    root = str(output.get("RootUrl") or "")
    parts = parse_root_url(root)
    if parts is None:
        return root, str(output.get("Region") or "")
    local = aws_endpoint(ctx)
    if is_local_endpoint(local):
        return local_url(str(local), output.get("ApiId") or parts["id"], parts["stage"]), parts["region"]
    return root, parts["region"]
