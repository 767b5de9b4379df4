"""The sandbox's WSGI application: moto's AWS API with the site preview and a status endpoint.

Requests addressed to a hosted site (see :mod:`.routes`) or to a deployed REST API stage
(:mod:`amplify_sandbox.apigateway`) are answered here; ``/_sandbox/status``
reports the server (the CLI uses it to tell a live sandbox from a stale record). Moto's admin
API (``/moto-api``) and ``POST /_sandbox/keys`` (a test registers a key with the owner's rights)
take only requests with :data:`..config.ADMIN_HEADER` set to this start's admin token and no
``Origin`` (no web page). An AWS API request signed with a key the sandbox did not issue is
refused (:mod:`..request_auth`), and an unsigned S3 request S3 would refuse is answered 403
(:mod:`..moto_extensions.s3_access`); a custom resource's response (a PUT to its
``ResponseURL``) goes to :mod:`..moto_extensions.custom_resource`; everything else goes to moto
unchanged.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.wrappers import Request, Response

from .. import credentials, request_auth
from ..apigateway.routes import match as rest_api_target
from ..apigateway.serve import serve_rest_api
from ..config import ADMIN_HEADER
from ..moto_extensions import custom_resource
from ..moto_extensions.s3_access import anonymous_denial
from ..state import STATUS_PATH, SandboxState
from .cloudfront import serve_distribution
from .routes import WEBSITE, Target, match
from .site_ports import SitePorts
from .sites import list_sites
from .website import serve_website


class SandboxApp:
    def __init__(self, moto_app: Callable[..., Iterable[bytes]], state: SandboxState):
        self.moto_app = moto_app
        self.state = state
        self.site_ports = SitePorts(self.serve_site, first_port=state.port + 1)

    def status(self) -> dict[str, Any]:
        return {
            "pid": self.state.pid,
            "host": self.state.host,
            "port": self.state.port,
            "endpoint": self.state.endpoint,
            "started_at": self.state.started_at,
            "sites": list_sites(self.state.port, self.site_ports.port_for),
        }

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        if request.path == STATUS_PATH:
            response = Response(json.dumps(self.status()), content_type="application/json")
            return response(environ, start_response)
        if request.path.startswith(("/moto-api", KEYS_PATH)):
            if not _is_admin(request):
                message = {
                    "error": f"moto's admin API takes requests with the {ADMIN_HEADER} header (the "
                    "sandbox's admin token) and no Origin (not from web pages)."
                }
                return Response(json.dumps(message), status=403, content_type="application/json")(
                    environ, start_response
                )
            if request.path == KEYS_PATH:
                return _register_key(request)(environ, start_response)
            return self.moto_app(environ, start_response)
        if request.method == "PUT" and request.path.startswith(custom_resource.PREFIX):
            status, error = custom_resource.receive(
                request.path, request.args.get("X-Amz-Signature", ""), request.get_data()
            )
            return Response(error, status=status, content_type="application/xml")(environ, start_response)
        api = rest_api_target(request.path)
        if api is not None:
            return serve_rest_api(api, request)(environ, start_response)
        target = match(request.host, request.path)
        if target is None:
            refused = request_auth.check(environ)
            if refused is not None:
                return refused(environ, start_response)
            try:
                denied = anonymous_denial(environ)
                if denied is not None:
                    response = Response(denied, status=403, content_type="application/xml")
                    return response(environ, start_response)
                return self.moto_app(environ, start_response)
            finally:
                request_auth.set_principal(None)
        return self.serve_site(target, request)(environ, start_response)

    def serve_site(self, target: Target, request: Request) -> Response:
        """A hosted site's answer, whichever URL form (or site port) the request came by."""
        if target.kind == WEBSITE:
            return serve_website(target.name, target.path, request, target.base)
        return serve_distribution(target.name, target.path, request, target.base)


#: ``POST`` ``{"access_key_id": …, "secret_access_key": …}``: a key with the owner's rights until
#: the server stops (the test kit's :meth:`~amplify_sandbox.testing.SandboxProcess.add_key`).
KEYS_PATH = "/_sandbox/keys"


def _is_admin(request: Request) -> bool:
    token = request.headers.get(ADMIN_HEADER, "")
    keys = credentials.CURRENT
    return (
        keys is not None
        and "Origin" not in request.headers
        and request.method != "OPTIONS"
        and hmac.compare_digest(token.encode(), keys.admin_token.encode())
    )


def _register_key(request: Request) -> Response:
    try:
        data = json.loads(request.get_data() or b"{}")
        key, secret = str(data["access_key_id"]), str(data["secret_access_key"])
    except (ValueError, KeyError, TypeError):
        return Response('{"error": "expected access_key_id and secret_access_key"}', status=400)
    if request.method != "POST" or not key or not secret:
        return Response('{"error": "POST a non-empty key and secret"}', status=400)
    credentials.FULL_ACCESS[key] = secret
    return Response("{}", content_type="application/json")
