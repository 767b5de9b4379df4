"""The hosting plugin's AWS clients, made once per command and handed to the code that
needs them (nothing deeper creates a client).

Credentials, region and endpoint come from the project's provider (its botocore session:
profiles, assume-role with MFA, ``AWS_ENDPOINT_URL`` for the sandbox). Every client gets the
provider's shared configuration (one retry policy for every client of the project) plus what
publishing needs: a connection pool as large as the upload pool, checksums only where S3
requires them (we send ``Content-MD5`` ourselves, which S3 verifies; botocore's default CRC32 trailer would make
every small upload a chunked request), and ``Expect: 100-continue`` only for bodies of at
least :data:`EXPECT_CONTINUE_MIN` (botocore sends it with every upload, which costs each small
file an extra round trip).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from amplify_core.plugin import (
    AmplifyContext,
    Project,
    Provider,
    env_session,
    is_local_endpoint,
    project_provider,
)


@dataclass
class HostingClients:
    """An S3 client (shared by every upload thread) and, made on first use, a CloudFront one."""

    s3: Any
    region: str
    session: Any = None
    provider: Provider | None = None
    _cloudfront: Any = None

    @property
    def cloudfront(self) -> Any:
        if self._cloudfront is None:
            self._cloudfront = self.session.create_client(
                "cloudfront", region_name=self.region, config=client_config(self.provider, 1)
            )
        return self._cloudfront

    @property
    def endpoint_url(self) -> str:
        return self.s3.meta.endpoint_url

    def is_local(self) -> bool:
        return is_local_endpoint(self.endpoint_url)


#: Bodies at least this big ask the server first (``Expect: 100-continue``) before sending.
EXPECT_CONTINUE_MIN = 8 * 1024 * 1024


def _expect_continue_for_large_bodies(model: Any, params: dict[str, Any], **kwargs: Any) -> None:
    if model.http.get("method", "") not in ("PUT", "POST"):
        return
    body = params.get("body")
    if not hasattr(body, "read"):
        return
    from botocore.utils import determine_content_length

    size = determine_content_length(body)
    if size is None or size >= EXPECT_CONTINUE_MIN:
        params["headers"]["Expect"] = "100-continue"


def _lean_headers(request: Any, **kwargs: Any) -> None:
    """Drop the SDK's per-request diagnostics headers and shorten its User-Agent."""
    for name in ("amz-sdk-invocation-id", "amz-sdk-request"):
        if name in request.headers:
            del request.headers[name]
    request.headers["User-Agent"] = "amplify-python"


def tune_s3_client(s3: Any, *, local: bool = False) -> Any:
    """Replace botocore's always-on ``Expect: 100-continue`` by the size-aware one; for a
    local endpoint also send fewer headers (moto parses every header of every request, one
    request at a time, on the cores this command shares with it)."""
    from botocore.handlers import add_expect_header

    s3.meta.events.unregister("before-call.s3", add_expect_header)
    s3.meta.events.register("before-call.s3", _expect_continue_for_large_bodies)
    if local:
        s3.meta.events.register_first("before-sign.s3", _lean_headers)
    return s3


def client_config(provider: Provider | None, workers: int) -> Any:
    """The configuration of every client this plugin makes (:func:`open_clients`): the
    provider's shared one (``Provider.client_config``: retry mode and attempts, connect
    timeout, the one retry policy of every client of the project) with what publishing
    needs on top (pool size, checksums, a longer read timeout for large uploads)."""
    overrides: dict[str, Any] = {
        "max_pool_connections": max(10, workers + 4),
        "parameter_validation": False,  # our own code builds every request
        "read_timeout": 120,
        "user_agent_extra": "amplify-python hosting",
        "request_checksum_calculation": "when_required",
        "response_checksum_validation": "when_required",
    }
    shared = provider.client_config(**overrides) if provider is not None else None
    if shared is not None:
        return shared
    from botocore.config import Config

    return Config(**overrides)  # a provider without a shared configuration: the SDK's retries


def botocore_session(ctx: AmplifyContext, project: Project) -> tuple[Any, str]:
    """The provider's botocore session for the current environment, and its region (the
    provider resolves profiles, assume-role with MFA and endpoints)."""
    session = env_session(ctx, project, require_access=True)
    return session.botocore_session, session.region


def may_have_custom_endpoint() -> bool:
    """False when botocore surely resolves AWS's own endpoints: no ``AWS_ENDPOINT_URL*``
    variable and no ``endpoint_url`` in the AWS config file. Spares commands that only want
    to know "is this the sandbox?" (``amplify status``) the botocore import."""
    import os
    from pathlib import Path

    if any(name.startswith("AWS_ENDPOINT_URL") for name in os.environ):
        return True
    config = Path(os.environ.get("AWS_CONFIG_FILE") or Path.home() / ".aws" / "config").expanduser()
    try:
        return "endpoint_url" in config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def s3_endpoint(ctx: AmplifyContext, project: Project) -> str:
    """The S3 endpoint the project's provider resolves to (``AWS_ENDPOINT_URL``, profile, AWS)."""
    session, region = botocore_session(ctx, project)
    return str(session.create_client("s3", region_name=region).meta.endpoint_url)


def open_clients(ctx: AmplifyContext, project: Project, *, workers: int) -> HostingClients:
    session, region = botocore_session(ctx, project)
    provider = project_provider(ctx, project)
    s3 = session.create_client("s3", region_name=region, config=client_config(provider, workers))
    tune_s3_client(s3, local=is_local_endpoint(s3.meta.endpoint_url))
    return HostingClients(s3=s3, region=region, session=session, provider=provider)
