"""The sandbox server process: moto's AWS API plus site preview, on 127.0.0.1 only.

``amplify sandbox start`` runs :func:`serve` in the foreground, or ``start --detach`` launches
``python -m amplify_sandbox.server`` as a background process; the pytest fixtures launch the
same module. The process writes the state record once it listens and removes it when it stops
(Ctrl-C or SIGTERM), so the record names a live server whenever the server is up.
"""

from __future__ import annotations

import argparse
import faulthandler
import io
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from amplify_core.plugin import AmplifyError, OperationError

from .config import HOST, check_port
from .state import SandboxState, remove_state, write_state


def port_in_use(port: int, reason: OSError) -> OperationError:
    return OperationError(
        f"Port {port} on {HOST} is already in use ({reason.strerror or reason}).",
        hint="Stop whatever listens there, or choose another port: "
        "amplify sandbox start --port <N> (or set AMPLIFY_SANDBOX_PORT).",
    )


def check_port_free(port: int) -> None:
    """Fail fast, before moto loads, if ``port`` cannot be bound on loopback."""
    if port == 0:
        return
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((HOST, port))
    except OSError as exc:
        raise port_in_use(port, exc) from None
    finally:
        probe.close()


#: Services whose moto app depends only on the request's host and SigV4 credential scope.
#: Seconds after SIGTERM at which a stop still in progress writes every thread's stack to the log.
STOP_DIAGNOSIS_AFTER = 20.0

_CACHEABLE_SERVICES = frozenset({"s3", "cloudformation", "cloudfront", "iam", "sts"})


def cached_dispatcher(base: type) -> type:
    """moto's dispatcher, remembering which app serves a signed request.

    For every request moto re-derives the service from host patterns, a scan of its package
    folders and the Authorization header: about a tenth of the server's CPU per S3 upload.
    For SigV4 requests to the services our templates use, the answer depends only on the Host
    header and the credential scope, so it is looked up once per such pair.
    """

    class CachedDispatcher(base):
        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self._apps: dict[tuple[str, str, str], Any] = {}

        def get_application(self, environ: dict[str, Any]) -> Any:
            key = _dispatch_key(environ)
            if key is None:
                return super().get_application(environ)
            app = self._apps.get(key)
            if app is None:
                app = self._apps[key] = super().get_application(environ)
            return app

    return CachedDispatcher


def _dispatch_key(environ: dict[str, Any]) -> tuple[str, str, str] | None:
    auth = environ.get("HTTP_AUTHORIZATION", "")
    path = environ.get("PATH_INFO", "")
    if not auth.startswith("AWS4-HMAC-SHA256 ") or path.startswith(("/moto-api", "/latest/", "/v20180820/")):
        return None
    scope = auth.split(",")[0].split()[-1].split("/")
    if len(scope) != 5 or scope[3] not in _CACHEABLE_SERVICES:
        return None
    return environ.get("HTTP_HOST", ""), scope[2], scope[3]


def keep_alive_handler(base: Any) -> type:
    """moto's request handler, keeping HTTP/1.1 connections alive as S3 does.

    werkzeug answers every request with ``Connection: close``, because after a response it
    drains whatever the client sent next from the socket. So each request cost both sides a
    new TCP connection and the server a new thread: a third of the server's time per small
    upload. Here a request with a ``Content-Length`` body is read in full before the app runs
    and the drain is pointed at an empty buffer, so the connection can serve the next request.
    Chunked bodies, ``Connection: close`` from the client and HTTP/1.0 close as before.
    """

    class KeepAliveHandler(base):
        _keep_alive = False
        # werkzeug writes the headers and the body separately: on a kept-alive connection
        # Nagle's algorithm would hold the body until the client's delayed ACK (~40 ms).
        disable_nagle_algorithm = True

        _socket_file: Any = None
        rfile: Any  # the socket file (werkzeug), or a drained stand-in while the app runs

        def make_environ(self) -> dict[str, Any]:
            environ = super().make_environ()
            length = self.headers.get("Content-Length")
            self._keep_alive = (
                self.request_version == "HTTP/1.1"
                and not self.close_connection
                and "chunked" not in self.headers.get("Transfer-Encoding", "").lower()
                and (length is None or length.isdigit())
            )
            if self._keep_alive:
                body = self.rfile.read(int(length)) if length else b""
                environ["wsgi.input"] = io.BytesIO(body)
                self._socket_file, self.rfile = self.rfile, io.BytesIO()  # what werkzeug drains
            return environ

        def send_header(self, keyword: str, value: str) -> None:
            if self._keep_alive and keyword.lower() == "connection" and value.lower() == "close":
                return
            super().send_header(keyword, value)

        def run_wsgi(self) -> None:
            try:
                super().run_wsgi()
            finally:
                if self._keep_alive:
                    self.rfile = self._socket_file
                    self._keep_alive = False

    return KeepAliveHandler


def _not_yet_serving(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """The app until :func:`make_server` puts the sandbox's in its place (before serving)."""
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"starting"]


def make_server(port: int, faults: str | None = None) -> Any:
    """Bind ``port`` on 127.0.0.1 and return the (not yet serving) werkzeug server."""
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server as werkzeug_server

    from .moto_extensions import install
    from .preview.app import SandboxApp

    install()
    try:
        server = werkzeug_server(
            HOST,
            port,
            _not_yet_serving,
            threaded=True,
            request_handler=keep_alive_handler(MotoRequestHandler),
        )
    except OSError as exc:
        raise port_in_use(port, exc) from None
    state = SandboxState(pid=os.getpid(), port=server.server_address[1], started_at=time.time())
    from .moto_extensions import lambda_invoke

    lambda_invoke.ENDPOINT = state.endpoint  # handlers the sandbox runs call back here
    moto_app: Any = cached_dispatcher(DomainDispatcherApplication)(create_backend_app)
    if faults:
        from .fault_injection import FaultInjector
        from .faults import parse_faults

        moto_app = FaultInjector(moto_app, parse_faults(faults))
    server.app = SandboxApp(moto_app, state)
    return server


class _Stop(Exception):
    """Raised by the SIGTERM handler to leave ``serve_forever``."""


def _raise_stop(signum: int, frame: Any) -> None:
    raise _Stop()


def serve(
    port: int,
    *,
    quiet: bool = False,
    fresh: bool = False,
    faults: str | None = None,
    on_ready: Callable[[SandboxState], None] | None = None,
) -> None:
    """Serve until Ctrl-C or SIGTERM; keep the state record for exactly that long.

    The state of the last clean stop is restored first (``fresh`` deletes it instead), and
    saved again on the way out (:mod:`.snapshot`). New keys are issued (:mod:`.credentials`)
    and every AWS profile written for the sandbox is rewritten with them.
    """
    from . import credentials, profile, snapshot

    check_port_free(port)
    if quiet:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server(port, faults)
    try:
        if fresh:
            snapshot.discard()
        else:
            snapshot.load()
    except AmplifyError:
        server.server_close()
        raise
    state: SandboxState = server.app.state
    keys = credentials.issue()  # this start's keys: those of the last start stop working
    refreshed = profile.refresh_profiles(state.port, keys)
    server.app.status()  # binds the site ports again, so restored sites answer where they did
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    try:
        if refreshed:
            print(
                "Updated AWS profile(s) with this start's keys: " + ", ".join(refreshed),
                file=sys.stderr,
                flush=True,
            )
        if on_ready is not None:
            on_ready(state)  # before the record: whoever finds the record has seen the message
        write_state(state)
        server.serve_forever(poll_interval=0.2)
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        # A stop that hangs says where: every thread's stack goes to the server's log.
        faulthandler.dump_traceback_later(STOP_DIAGNOSIS_AFTER, exit=False)
        try:
            snapshot.save()  # first: the state is what a stop must not lose
        finally:
            try:
                server.server_close()
                server.app.site_ports.close()
            finally:
                faulthandler.cancel_dump_traceback_later()
                credentials.remove_keys(keys)
                remove_state(state.pid)


def main(argv: list[str] | None = None) -> int:
    """``python -m amplify_sandbox.server [--port N] [--quiet]``: the detached server."""
    parser = argparse.ArgumentParser(prog="python -m amplify_sandbox.server")
    parser.add_argument("--port", required=True)
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    parser.add_argument("--fresh", action="store_true", help="delete the saved state and start empty")
    parser.add_argument("--faults", default=None, help="faults to inject into API calls (see sandbox start)")
    args = parser.parse_args(argv)

    def ready(state: SandboxState) -> None:
        print(f"amplify sandbox listening on {state.endpoint} (pid {state.pid})", flush=True)

    try:
        serve(check_port(args.port), quiet=args.quiet, fresh=args.fresh, faults=args.faults, on_ready=ready)
    except AmplifyError as exc:
        print(
            f"Error: {exc.message}" + (f"\nHint: {exc.hint}" if exc.hint else ""), file=sys.stderr, flush=True
        )
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
