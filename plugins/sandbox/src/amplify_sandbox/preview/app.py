"""The sandbox's WSGI application: moto's AWS API with the site preview and a status endpoint.

Requests addressed to a hosted site (see :mod:`.routes`) or to a deployed REST API stage
(:mod:`amplify_sandbox.apigateway`) are answered here; ``/_sandbox/status``
reports the server (the CLI uses it to tell a live sandbox from a stale record); an unsigned S3
request S3 would refuse is answered 403 here, and so is any request to moto's admin API
(``/moto-api``) from a web page or without :data:`..config.ADMIN_HEADER` (see :mod:`..moto_extensions.s3_access`); everything
else goes to moto unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.wrappers import Request, Response

from ..apigateway.routes import match as rest_api_target
from ..apigateway.serve import serve_rest_api
from ..config import ADMIN_HEADER
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
        if request.path.startswith("/moto-api") and (
            "Origin" in request.headers or ADMIN_HEADER not in request.headers or request.method == "OPTIONS"
        ):
            message = {
                "error": f"moto's admin API takes requests with the {ADMIN_HEADER} header and no Origin "
                "(not from web pages)."
            }
            return Response(json.dumps(message), status=403, content_type="application/json")(
                environ, start_response
            )
        api = rest_api_target(request.path)
        if api is not None:
            return serve_rest_api(api, request)(environ, start_response)
        target = match(request.host, request.path)
        if target is None:
            denied = anonymous_denial(environ)
            if denied is not None:
                response = Response(denied, status=403, content_type="application/xml")
                return response(environ, start_response)
            return self.moto_app(environ, start_response)
        return self.serve_site(target, request)(environ, start_response)

    def serve_site(self, target: Target, request: Request) -> Response:
        """A hosted site's answer, whichever URL form (or site port) the request came by."""
        if target.kind == WEBSITE:
            return serve_website(target.name, target.path, request, target.base)
        return serve_distribution(target.name, target.path, request, target.base)
