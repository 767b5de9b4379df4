"""A recording, fault-injecting reverse proxy on 127.0.0.1 in front of the sandbox.

The ``amplify`` subprocess talks to the proxy (``AWS_ENDPOINT_URL``), the proxy forwards
every request to the sandbox server and records it. Tests use it to prove that a command sent
no request at all, to hold one request (say ``UpdateStack``) in flight while they start a
second push or send Ctrl-C, and to inject the faults a real network and a real AWS produce:

- ``throttle``: answer ``400 ThrottlingException`` (query and JSON protocols) or
  ``503 SlowDown`` (S3) without forwarding;
- ``drop_response``: forward the request (it takes effect upstream), then close the
  connection without answering: a lost response;
- ``reset``: close the connection before forwarding: the request never arrived;
- ``latency``: wait this many seconds before forwarding.
- ``server_error``: answer ``500`` with an HTML page, not AWS's XML or JSON, without
  forwarding: what a crashed endpoint or a proxy in between answers.

``RecordingProxy(target, connect_delay=0.05)`` also waits that long once per new client
connection, like a TLS handshake, so a benchmark can tell a client that keeps its connections
alive from one that does not. ``continue_delay`` is the wait before the interim ``100
Continue`` answer to a request sent with ``Expect: 100-continue``: over a real link that answer
costs the client a round trip before it may send the body. The proxy keeps one upstream
connection per client connection.

``proxy.inject(Fault("throttle", match=lambda s: s.action == "CreateStack", times=5))`` or
``proxy.inject(*parse_faults("throttle=every10x5,latency=50ms"))``.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
    "te",
    "trailer",
    "expect",
}


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    action: str  # query-protocol Action (CloudFormation, STS, IAM) or "" for REST (S3)

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.action}".strip()


def _any_request(seen: Seen) -> bool:
    return True


@dataclass
class Fault:
    """One fault rule. ``kind`` is throttle, drop_response, reset, latency or server_error.

    It applies to requests that ``match``; of those, to every ``every``-th one (1: each), in
    bursts of ``burst`` consecutive requests, or at random with probability ``rate``; at most
    ``times`` times in all (``None``: without limit). ``seconds`` is the latency's delay.
    """

    kind: str
    match: Callable[[Seen], bool] = _any_request
    every: int = 1
    burst: int = 1
    rate: float | None = None
    times: int | None = None
    seconds: float = 0.0
    fired: int = 0
    _seen: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {self.kind!r}; known: {', '.join(FAULT_KINDS)}")

    def applies(self, seen: Seen, rng: random.Random) -> bool:
        """Count ``seen`` and say whether this rule fires for it (called under the proxy lock)."""
        if not self.match(seen) or (self.times is not None and self.fired >= self.times):
            return False
        self._seen += 1
        if self.rate is not None:
            hit = rng.random() < self.rate
        else:
            hit = (self._seen - 1) % max(self.every, 1) < self.burst
        if hit:
            self.fired += 1
        return hit


FAULT_KINDS = ("throttle", "drop_response", "reset", "latency", "server_error")
_NOT_FORWARDED = frozenset({"throttle", "reset"})
_SPEC = re.compile(
    r"^(?P<kind>[a-z_]+)=(?:(?P<pct>[\d.]+)%|every(?P<every>\d+)(?:x(?P<burst>\d+))?|(?P<ms>[\d.]+)ms)$"
)


def parse_faults(spec: str) -> list[Fault]:
    """Parse ``"throttle=10%,drop_response=every20,throttle=every10x5,latency=50ms"``.

    ``N%`` fires at random with that probability; ``everyK`` on every K-th request;
    ``everyKxB`` in bursts of B consecutive requests out of every K; ``Nms`` is a latency.
    """
    faults: list[Fault] = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        m = _SPEC.match(part)
        if m is None or m["kind"] not in FAULT_KINDS:
            raise ValueError(
                f"bad fault {part!r}: use kind=N% | kind=everyK | kind=everyKxB | latency=Nms "
                f"with kind one of {', '.join(FAULT_KINDS)}"
            )
        kind = m["kind"]
        if kind == "latency":
            if m["ms"] is None:
                raise ValueError(f"bad fault {part!r}: latency takes milliseconds, e.g. latency=50ms")
            faults.append(Fault(kind, seconds=float(m["ms"]) / 1000))
        elif m["ms"] is not None:
            raise ValueError(f"bad fault {part!r}: only latency takes milliseconds")
        elif m["pct"] is not None:
            faults.append(Fault(kind, rate=float(m["pct"]) / 100))
        else:
            faults.append(Fault(kind, every=int(m["every"]), burst=int(m["burst"] or 1)))
    return faults


def _throttle_response(seen: Seen, target: str | None) -> tuple[int, str, bytes, str]:
    """The throttling answer AWS gives in the request's protocol (``target``: its X-Amz-Target)."""
    if seen.action:  # query protocol: CloudFormation, IAM, STS
        body = (
            "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
            "<Message>Rate exceeded</Message></Error><RequestId>fault</RequestId></ErrorResponse>"
        )
        return 400, "Bad Request", body.encode(), "text/xml"
    if target:  # JSON protocol: Cognito, DynamoDB, ...
        body = '{"__type":"ThrottlingException","message":"Rate exceeded"}'
        return 400, "Bad Request", body.encode(), "application/x-amz-json-1.1"
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code>'
        "<Message>Please reduce your request rate.</Message></Error>"
    )
    return 503, "Slow Down", body.encode(), "application/xml"


#: An HTML error page (no AWS error document), as web servers answer.
SERVER_ERROR = (
    500,
    "Internal Server Error",
    b"<!doctype html>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n",
    "text/html",
)


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
    """The proxy: ``.url`` to point clients at, ``.requests`` seen, ``.hold()``, ``.inject()``."""

    def __init__(
        self,
        target: str,
        faults: list[Fault] | None = None,
        seed: int = 0,
        connect_delay: float = 0.0,
        continue_delay: float = 0.0,
    ):
        parsed = urlparse(target)
        self.connect_delay = connect_delay
        self.continue_delay = continue_delay
        self.connections = 0  # client connections accepted so far
        self.in_flight = 0
        self.peak_in_flight = 0  # most requests in flight at once (reset by :meth:`clear`)
        if parsed.hostname is None:
            raise ValueError(f"not a URL: {target!r}")
        self.target_host, self.target_port = parsed.hostname, parsed.port
        self.requests: list[Seen] = []
        self.gates: list[Gate] = []
        self.faults: list[Fault] = list(faults or [])
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def setup(self):
                super().setup()
                self.upstream: http.client.HTTPConnection | None = None
                with proxy._lock:
                    proxy.connections += 1
                if proxy.connect_delay:
                    time.sleep(proxy.connect_delay)  # the handshake of a new connection

            def handle_expect_100(self) -> bool:
                if proxy.continue_delay:
                    time.sleep(proxy.continue_delay)  # the round trip of the interim answer
                return super().handle_expect_100()

            def finish(self):
                self._close_upstream()
                super().finish()

            def _close_upstream(self) -> None:
                if self.upstream is not None:
                    self.upstream.close()
                    self.upstream = None

            def _forward(
                self, body: bytes, headers: dict[str, str]
            ) -> tuple[http.client.HTTPResponse, bytes]:
                """Send the request on this connection's upstream connection (opened on first
                use); a kept-alive connection the sandbox closed meanwhile is reopened once."""
                for attempt in (0, 1):
                    reused = self.upstream is not None
                    if self.upstream is None:
                        self.upstream = http.client.HTTPConnection(
                            proxy.target_host, proxy.target_port, timeout=120
                        )
                    try:
                        self.upstream.request(self.command, self.path, body=body, headers=headers)
                        response = self.upstream.getresponse()
                        payload = response.read()
                    except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                        self._close_upstream()
                        if reused and attempt == 0:
                            continue
                        raise
                    if response.will_close:
                        self._close_upstream()
                    return response, payload
                raise AssertionError("unreachable")

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
                with proxy._lock:
                    proxy.in_flight += 1
                    proxy.peak_in_flight = max(proxy.peak_in_flight, proxy.in_flight)
                try:
                    self._relay()
                finally:
                    with proxy._lock:
                        proxy.in_flight -= 1

            def _relay(self):
                body = self._body()
                action = ""
                if self.command == "POST" and b"Action=" in body[:4096]:
                    action = (parse_qs(body.decode("utf-8", "replace")).get("Action") or [""])[0]
                elif self.command == "GET" and "Action=" in self.path:  # a presigned query API call
                    action = (parse_qs(urlparse(self.path).query).get("Action") or [""])[0]
                seen = Seen(self.command, self.path, action)
                gate, faults = proxy._record(seen)
                for fault in faults:
                    if fault.kind == "latency":
                        time.sleep(fault.seconds)
                kinds = {f.kind for f in faults}
                if "reset" in kinds:
                    self.close_connection = True
                    return
                if "throttle" in kinds or "server_error" in kinds:
                    status, reason, payload, ctype = (
                        _throttle_response(seen, self.headers.get("X-Amz-Target"))
                        if "throttle" in kinds
                        else SERVER_ERROR
                    )
                    self.send_response(status, reason)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(payload)
                    return
                if gate is not None:
                    gate.arrived.set()
                    gate.wait_open(120)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                headers["Content-Length"] = str(len(body))
                try:
                    try:
                        response, payload = self._forward(body, headers)
                    except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                        self.close_connection = True
                        return
                    if gate is not None:
                        gate.done.set()
                    if "drop_response" in kinds:
                        self.close_connection = True
                        return
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

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def _record(self, seen: Seen) -> tuple[Gate | None, list[Fault]]:
        with self._lock:
            self.requests.append(seen)
            fired = [fault for fault in self.faults if fault.applies(seen, self._rng)]
            if any(fault.kind in _NOT_FORWARDED for fault in fired):
                return None, fired  # a gate waits for a request that reaches the sandbox
            for gate in self.gates:
                if not gate.used and gate.match(seen):
                    gate.used = True
                    return gate, fired
        return None, fired

    def inject(self, *faults: Fault) -> None:
        """Add fault rules; :meth:`clear` removes them."""
        with self._lock:
            self.faults.extend(faults)

    def hold(self, match: Callable[[Seen], bool]) -> Gate:
        gate = Gate(match)
        with self._lock:
            self.gates.append(gate)
        return gate

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()
            self.peak_in_flight = self.in_flight
            for gate in self.gates:
                gate.release()
            self.gates.clear()
            self.faults.clear()

    def actions(self) -> list[str]:
        return [r.action for r in self.requests if r.action]

    def close(self) -> None:
        self.clear()
        self.server.shutdown()
        self.server.server_close()
