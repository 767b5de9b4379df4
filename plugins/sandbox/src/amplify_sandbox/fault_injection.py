"""``amplify sandbox start --faults SPEC``: the proxy's faults, applied inside the server.

The same rules and spec as :mod:`.faults` (``"throttle=10%,latency=50ms,drop_response=every20"``,
parsed by :func:`.faults.parse_faults`), for users who want to rehearse their CI against a
flaky AWS: they apply to AWS API calls only, never to the site preview, the status endpoint
or moto's admin API. ``reset`` closes the connection before moto sees the request;
``drop_response`` lets moto act, then closes the connection without an answer.
"""

from __future__ import annotations

import io
import random
import socket
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from .faults import Fault, Seen, _throttle_response


class FaultInjector:
    """WSGI middleware in front of moto's app."""

    def __init__(self, app: Callable[..., Iterable[bytes]], faults: list[Fault], seed: int | None = None):
        self.app = app
        self.faults = faults
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def _seen(self, environ: dict[str, Any]) -> Seen:
        action = ""
        if environ.get("REQUEST_METHOD") == "POST" and "form-urlencoded" in str(
            environ.get("CONTENT_TYPE", "")
        ):
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(body)
            action = (parse_qs(body.decode("utf-8", "replace")).get("Action") or [""])[0]
        return Seen(str(environ.get("REQUEST_METHOD", "")), str(environ.get("PATH_INFO", "")), action)

    @staticmethod
    def _close(environ: dict[str, Any]) -> list[bytes]:
        connection = environ.get("werkzeug.socket")
        if connection is not None:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        return []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        seen = self._seen(environ)
        with self._lock:
            fired = [fault for fault in self.faults if fault.applies(seen, self._rng)]
        kinds = {fault.kind for fault in fired}
        for fault in fired:
            if fault.kind == "latency":
                time.sleep(fault.seconds)
        if "reset" in kinds:
            return self._close(environ)
        if "throttle" in kinds:
            status, reason, payload, content_type = _throttle_response(seen, environ.get("HTTP_X_AMZ_TARGET"))
            start_response(
                f"{status} {reason}", [("Content-Type", content_type), ("Content-Length", str(len(payload)))]
            )
            return [payload]
        if "drop_response" in kinds:
            for _ in self.app(environ, lambda *args, **kwargs: None):
                pass
            return self._close(environ)
        return self.app(environ, start_response)
