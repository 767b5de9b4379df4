"""The sandbox's fixed facts: where it listens, its region and account.

Everything that names the port, the endpoint or the region reads them from here, so the CLI,
the server, the AWS profile writer and the test fixtures cannot disagree. The keys clients sign
with are not fixed: the server issues new ones at each start (:mod:`.credentials`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from amplify_core.plugin import UsageError

if TYPE_CHECKING:
    from .credentials import SandboxKeys

#: The only address the sandbox ever binds: nothing is reachable beyond loopback.
HOST = "127.0.0.1"

#: Default port. Not localstack's 4566 (nor its 4510–4559 range) and not moto's 5000 (macOS
#: AirPlay, Flask), so the sandbox can run next to either.
DEFAULT_PORT = 4577

#: Overrides :data:`DEFAULT_PORT` when ``--port`` is not given.
PORT_ENV = "AMPLIFY_SANDBOX_PORT"

REGION = "us-east-1"
ACCOUNT_ID = "123456789012"  # moto's fixed account
#: The fixed keys of moto *in-process* (``mock_aws``, the ``sandbox_inprocess`` fixture), which
#: never goes through the server. The server refuses them like any key it did not issue.
INPROCESS_ACCESS_KEY_ID = "testing"
INPROCESS_SECRET_ACCESS_KEY = "testing"

#: The AWS profile ``amplify sandbox env --write-profile`` writes unless told another name.
DEFAULT_PROFILE = "amplify-sandbox"


def default_port() -> int:
    """``$AMPLIFY_SANDBOX_PORT`` if set, else :data:`DEFAULT_PORT`."""
    raw = os.environ.get(PORT_ENV, "").strip()
    if not raw:
        return DEFAULT_PORT
    return check_port(raw, source=PORT_ENV)


def check_port(value: int | str, *, source: str = "--port") -> int:
    """A valid TCP port (0 lets the system choose a free one) or a UsageError naming ``source``."""
    try:
        port = int(value)
    except (TypeError, ValueError):
        raise UsageError(f"{source}: {value!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise UsageError(f"{source}: {port} is not between 0 and 65535")
    return port


def endpoint_url(port: int) -> str:
    return f"http://{HOST}:{port}"


def client_env(port: int, keys: SandboxKeys) -> dict[str, str]:
    """The environment that points boto3, the AWS CLI and amplify at a sandbox on ``port``,
    signing with ``keys`` (the running sandbox's: :func:`.credentials.read_keys`)."""
    return {
        "AWS_ENDPOINT_URL": endpoint_url(port),
        "AWS_ACCESS_KEY_ID": keys.access_key_id,
        "AWS_SECRET_ACCESS_KEY": keys.secret_access_key,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
    }


#: The header moto's admin API (``/moto-api/…``: reset, state dumps) requires, whose value must be
#: this start's admin token (:mod:`.credentials`, readable only by the owner). A web page cannot
#: send it (a custom header needs a CORS preflight, which the admin API refuses), so no page a
#: browser opens can wipe or read the sandbox; requests carrying an ``Origin`` are refused too.
ADMIN_HEADER = "X-Amplify-Sandbox-Admin"
