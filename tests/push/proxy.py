"""A recording reverse proxy in front of the sandbox, for tests only.

The ``amplify`` subprocess talks to the proxy (``AWS_ENDPOINT_URL``), the proxy forwards
every request unchanged to the sandbox server and records it. Tests use it to prove that a
command sent no request at all, and to hold one request (say ``UpdateStack``) in flight
while they start a second push or send Ctrl-C.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "expect"}


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    action: str  # query-protocol Action (CloudFormation, STS, IAM) or "" for REST (S3)

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.action}".strip()


class Gate:
    """Holds the first request matching ``match`` until :meth:`release`."""

    def __init__(self, match: Callable[[Seen], bool]):
        self.match = match
        self.arrived = threading.Event()
        self._open = threading.Event()
        self.done = threading.Event()
        self.used = False

    def release(self) -> None:
        self._open.set()

    def wait_open(self, timeout: float) -> bool:
        return self._open.wait(timeout)


class RecordingProxy:
    def __init__(self, target: str):
        parsed = urlparse(target)
        self.target_host, self.target_port = parsed.hostname, parsed.port
        self.requests: list[Seen] = []
        self.gates: list[Gate] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    chunks = []
                    while True:
                        size = int(self.rfile.readline().strip().split(b";")[0], 16)
                        if size == 0:
                            self.rfile.readline()
                            break
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()
                    return b"".join(chunks)
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _any(self):
                body = self._body()
                action = ""
                if self.command == "POST" and b"Action=" in body[:4096]:
                    action = (parse_qs(body.decode("utf-8", "replace")).get("Action") or [""])[0]
                seen = Seen(self.command, self.path, action)
                gate = proxy._record(seen)
                if gate is not None:
                    gate.arrived.set()
                    gate.wait_open(120)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                headers["Content-Length"] = str(len(body))
                upstream = http.client.HTTPConnection(proxy.target_host, proxy.target_port, timeout=120)
                try:
                    upstream.request(self.command, self.path, body=body, headers=headers)
                    response = upstream.getresponse()
                    payload = response.read()
                    if gate is not None:
                        gate.done.set()
                    self.send_response(response.status, response.reason)
                    for key, value in response.getheaders():
                        if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                            self.send_header(key, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client went away (killed, interrupted): the upstream call still ran
                finally:
                    upstream.close()

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def _record(self, seen: Seen) -> Gate | None:
        with self._lock:
            self.requests.append(seen)
            for gate in self.gates:
                if not gate.used and gate.match(seen):
                    gate.used = True
                    return gate
        return None

    def hold(self, match: Callable[[Seen], bool]) -> Gate:
        gate = Gate(match)
        with self._lock:
            self.gates.append(gate)
        return gate

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()
            for gate in self.gates:
                gate.release()
            self.gates.clear()

    def actions(self) -> list[str]:
        return [r.action for r in self.requests if r.action]

    def close(self) -> None:
        self.clear()
        self.server.shutdown()
        self.server.server_close()
