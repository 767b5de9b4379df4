"""One loopback port per hosted site: ``http://127.0.0.1:<port>/`` works in every client.

The ``*.localhost`` names need a client that resolves them (browsers do; many HTTP libraries
and tools do not), and the path-based ``/_site/<bucket>/`` form breaks a site's absolute links.
A port of its own serves the site at the root, as its real domain would, so ``/assets/app.js``
and deep links work from any client.

The ports are recorded in ``<amplify home>/sandbox/site-ports.json`` (next to the snapshot) as
soon as one is given out, and the same ports are bound again at the next start, so a site's
URL survives ``sandbox stop`` / ``start``. A recorded port that something else holds by then is
replaced by a free one (and the record updated). A site gets its port when the sandbox first
lists it (``/_sandbox/status``: ``sandbox status``, ``publish``, ``status``) or at start.
"""

from __future__ import annotations

import itertools
import logging
import socket
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from amplify_core.plugin import UsageError, read_json, write_json
from werkzeug.wrappers import Request

from ..config import HOST
from ..state import sandbox_dir
from .routes import Target

log = logging.getLogger(__name__)

#: Serves one site's request: (kind, name, path inside the site, request) -> WSGI response.
SiteServer = Callable[[Target, Request], Any]


def ports_path(home: Path | None = None) -> Path:
    return sandbox_dir(home) / "site-ports.json"


def site_key(kind: str, name: str) -> str:
    """The record's key for a site; distribution ids are compared case-insensitively."""
    return f"{kind}:{name.lower() if kind == 'cloudfront' else name}"


def read_ports(home: Path | None = None) -> dict[str, int]:
    try:
        data = read_json(ports_path(home), default={})
    except UsageError:
        return {}  # a damaged record: hand out new ports
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int) and 0 < v < 65536}


def local_url(port: int) -> str:
    return f"http://{HOST}:{port}/"


class SitePorts:
    """The running listeners, one per site, all answering from the sandbox's own backends."""

    def __init__(self, serve_site: SiteServer, first_port: int):
        self._serve_site = serve_site
        self._first_port = first_port
        self._lock = threading.Lock()
        self._ports = read_ports()
        self._servers: dict[str, Any] = {}

    def port_for(self, kind: str, name: str) -> int | None:
        """The site's port, bound now if it is not yet (None if no port can be bound)."""
        key = site_key(kind, name)
        with self._lock:
            if key in self._servers:
                return int(self._servers[key].server_address[1])
            server = self._bind(key, kind, name)
            if server is None:
                return None
            self._servers[key] = server
            threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.5},
                name=f"amplify-site-{key}",
                daemon=True,
            ).start()
            return int(server.server_address[1])

    def _bind(self, key: str, kind: str, name: str) -> Any:
        from werkzeug.serving import make_server

        app = _SiteApp(self._serve_site, kind, name)
        recorded = self._ports.get(key)
        taken = set(self._ports.values())
        free = (p for p in range(self._first_port, 65536) if p not in taken)
        for port in itertools.chain([recorded] if recorded else [], free):
            listener = _listen(port)
            if listener is None:
                continue
            with listener:  # werkzeug serves a duplicate of it (werkzeug's own bind exits on failure)
                server = make_server(HOST, port, app, threaded=True, fd=listener.fileno())
            if port != recorded:
                if recorded:
                    log.warning("Port %s for %s is in use; the site is now on port %s.", recorded, key, port)
                self._ports[key] = port
                write_json(ports_path(), self._ports)
            return server
        return None

    def close(self) -> None:
        """Stop listening (the server is stopping). The listeners' threads are daemons, so
        their sockets are closed without waiting for each loop to notice a shutdown request."""
        with self._lock:
            servers, self._servers = list(self._servers.values()), {}
        for server in servers:
            threading.Thread(target=server.shutdown, daemon=True).start()  # ends its loop, soon
            server.server_close()


def _listen(port: int) -> socket.socket | None:
    """A listening socket on ``port`` of 127.0.0.1, or None if it cannot be bound."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, port))
        listener.listen(128)
    except OSError:
        listener.close()
        return None
    return listener


class _SiteApp:
    """The WSGI application on one site's port: every path is a path inside that site."""

    def __init__(self, serve_site: SiteServer, kind: str, name: str):
        self.serve_site, self.kind, self.name = serve_site, kind, name

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        target = Target(self.kind, self.name, request.path or "/")  # type: ignore[arg-type]
        return self.serve_site(target, request)(environ, start_response)
