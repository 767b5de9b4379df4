"""The sandbox server process: moto's AWS API plus site preview, on 127.0.0.1 only.

``amplify sandbox start`` runs :func:`serve` in the foreground, or ``start --detach`` launches
``python -m amplify_sandbox.server`` as a background process; the pytest fixtures launch the
same module. The process writes the state record once it listens and removes it when it stops
(Ctrl-C or SIGTERM), so the record names a live server whenever the server is up.
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import io
import logging
import os
import selectors
import signal
import socket
import sys
import threading
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

#: werkzeug's access log (``--quiet`` sets it to ERROR).
_REQUEST_LOG = logging.getLogger("werkzeug")

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
            scope = _presigned_scope(environ)
            if scope is not None:
                # AWS tells services apart by host name; here one endpoint serves them all, and
                # moto reads the service from the Authorization header alone — a presigned
                # ``GET /?Action=DescribeStacks…`` would be taken for S3's ListBuckets. The
                # URL's credential scope names the service it was signed for.
                environ = {**environ, "HTTP_AUTHORIZATION": f"AWS4-HMAC-SHA256 Credential={scope}, "}
            key = _dispatch_key(environ)
            if key is None:
                return super().get_application(environ)
            app = self._apps.get(key)
            if app is None:
                app = self._apps[key] = super().get_application(environ)
            return app

    return CachedDispatcher


def _presigned_scope(environ: dict[str, Any]) -> str | None:
    """The credential scope of a presigned SigV4 request (``X-Amz-Credential``) for a service
    other than S3, else None."""
    if environ.get("HTTP_AUTHORIZATION"):
        return None
    query = str(environ.get("QUERY_STRING", ""))
    if "X-Amz-Credential=" not in query:
        return None
    from urllib.parse import parse_qs

    credential = (parse_qs(query).get("X-Amz-Credential") or [""])[0]
    scope = credential.split("/")
    return credential if len(scope) == 5 and scope[3] != "s3" else None  # S3's own routing serves S3


def _dispatch_key(environ: dict[str, Any]) -> tuple[str, str, str] | None:
    auth = environ.get("HTTP_AUTHORIZATION", "")
    path = environ.get("PATH_INFO", "")
    if not auth.startswith("AWS4-HMAC-SHA256 ") or path.startswith(("/moto-api", "/latest/", "/v20180820/")):
        return None
    scope = auth.split(",")[0].split()[-1].split("/")
    if len(scope) != 5 or scope[3] not in _CACHEABLE_SERVICES:
        return None
    return environ.get("HTTP_HOST", ""), scope[2], scope[3]


class _ResponseWriter:
    """The connection's writer while werkzeug writes a response on a kept-alive connection.

    werkzeug writes the status line and headers, then the body, then flushes: two sends, two
    packets, and two wake-ups of the client per small response. What is written between two
    flushes goes out in one send here (a body of 64 KiB or more is sent on its own, not copied).
    """

    def __init__(self, raw: Any):
        self.raw = raw
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        if len(data) >= 65536:
            self._send()
            self.raw.write(data)
        else:
            self._parts.append(data)
        return len(data)

    def _send(self) -> None:
        if self._parts:
            data = self._parts[0] if len(self._parts) == 1 else b"".join(self._parts)
            self._parts = []
            self.raw.write(data)

    def flush(self) -> None:
        self._send()
        self.raw.flush()


class _NoDrain:
    """werkzeug's after-response drain, on a kept-alive connection: there is nothing to drain."""

    def register(self, fileobj: Any, events: int) -> None:
        pass

    def select(self, timeout: float | None = None) -> list[Any]:
        return []

    def close(self) -> None:
        pass


_KEPT_ALIVE = threading.local()
_DATE: tuple[int, str] = (-1, "")  # (second, the Date header for it)


class _DrainSelectors:
    """What ``werkzeug.serving`` sees as the ``selectors`` module (its only use is the drain).

    After every response werkzeug opens an epoll selector on the socket and waits up to 10 ms
    for more bytes to discard (four system calls and a wait). A kept-alive request's body was
    read in full before the app ran and the drain reads an empty buffer anyway, so a thread
    serving one gets :class:`_NoDrain`; every other connection drains as werkzeug does.
    """

    EVENT_READ = selectors.EVENT_READ

    def DefaultSelector(self) -> Any:  # the name werkzeug calls
        if getattr(_KEPT_ALIVE, "active", False):
            return _NoDrain()
        return selectors.DefaultSelector()


def keep_alive_handler(base: Any) -> type:
    """moto's request handler, keeping HTTP/1.1 connections alive as S3 does.

    werkzeug answers every request with ``Connection: close``, because after a response it
    drains whatever the client sent next from the socket. So each request cost both sides a
    new TCP connection and the server a new thread: a third of the server's time per small
    upload. Here a request with a ``Content-Length`` body is read in full before the app runs
    and the drain is pointed at an empty buffer (and skipped, :class:`_DrainSelectors`), so
    the connection can serve the next request; the response goes out in one send
    (:class:`_ResponseWriter`). Chunked bodies, ``Connection: close`` from the client and
    HTTP/1.0 close as before.

    Per request it also leaves out what costs CPU and changes nothing: http.server's own
    ``100 Continue`` (werkzeug's ``run_wsgi`` sends one too; the client needs one), the
    formatting of the access-log line when the log is off (``--quiet``), and the formatting of
    the ``Date`` header more than once a second.
    """
    import werkzeug.serving

    werkzeug.serving.selectors = _DrainSelectors()  # type: ignore[assignment]

    class KeepAliveHandler(base):
        _keep_alive = False
        # werkzeug writes the headers and the body separately: on a kept-alive connection
        # Nagle's algorithm would hold the body until the client's delayed ACK (~40 ms).
        disable_nagle_algorithm = True

        _socket_file: Any = None
        _socket_writer: Any = None
        rfile: Any  # the socket file (werkzeug), or a drained stand-in while the app runs
        wfile: Any  # the socket writer, or a :class:`_ResponseWriter` while the app runs

        def handle_expect_100(self) -> bool:
            return True  # werkzeug's run_wsgi answers "Expect: 100-continue" before reading

        def date_time_string(self, timestamp: float | None = None) -> str:
            if timestamp is not None:
                return str(super().date_time_string(timestamp))
            global _DATE
            second, date = _DATE
            if second != int(time.time()):  # formatted once a second, not once a response
                second = int(time.time())
                date = str(super().date_time_string(second))
                _DATE = (second, date)
            return date

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            if _REQUEST_LOG.level <= logging.INFO:  # NOTSET: werkzeug sets INFO on first use
                super().log_request(code, size)

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
                self._socket_writer, self.wfile = self.wfile, _ResponseWriter(self.wfile)
                _KEPT_ALIVE.active = True
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
                    writer = self.wfile
                    self.rfile, self.wfile = self._socket_file, self._socket_writer
                    self._keep_alive = False
                    _KEPT_ALIVE.active = False
                    writer.flush()  # werkzeug leaves a chunked body's last chunk unflushed

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
        # moto and its ~40 backends are a quarter of a million objects that live as long as the
        # server; the garbage collector's full passes walked them all every few thousand
        # requests (~5% of the CPU of small uploads). They are set aside once, after the
        # garbage of loading them is collected; what requests create is collected as before.
        gc.collect()
        gc.freeze()
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
