"""The hosting plugin's AWS clients, made once per command and handed to the code that
needs them (nothing deeper creates a client).

Credentials, region and endpoint come from the project's provider (its botocore session:
profiles, assume-role with MFA, ``AWS_ENDPOINT_URL`` for the sandbox). The S3 client gets
its own configuration for publishing: a connection pool as large as the upload pool,
botocore's standard retry mode, and checksums only where S3 requires them (we send
``Content-MD5`` ourselves, which S3 verifies; botocore's default CRC32 trailer would make
every small upload a chunked request).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from amplify_core.context import AmplifyContext
from amplify_core.errors import UsageError
from amplify_core.state.project import Project


@dataclass
class HostingClients:
    """An S3 client (shared by every upload thread) and, made on first use, a CloudFront one."""

    s3: Any
    region: str
    session: Any = None
    _cloudfront: Any = None

    @property
    def cloudfront(self) -> Any:
        if self._cloudfront is None:
            self._cloudfront = self.session.create_client(
                "cloudfront", region_name=self.region, config=client_config(1)
            )
        return self._cloudfront

    @property
    def endpoint_url(self) -> str:
        return self.s3.meta.endpoint_url

    def is_local(self) -> bool:
        """True when the endpoint is on this machine (the sandbox, or another local AWS)."""
        host = urlparse(self.endpoint_url).hostname or ""
        return host in ("127.0.0.1", "localhost", "::1") or host.endswith(".localhost")


def client_config(workers: int) -> Any:
    from botocore.config import Config

    return Config(
        retries={"mode": "standard", "max_attempts": 8},
        max_pool_connections=max(10, workers + 4),
        connect_timeout=10,
        read_timeout=120,
        user_agent_extra="amplify-python hosting",
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )


def botocore_session(ctx: AmplifyContext, project: Project) -> tuple[Any, str]:
    """The provider's botocore session for the current environment, and its region."""
    env_name = project.env_name
    meta_region = (project.amplify_meta().get("providers", {})
                   .get("awscloudformation", {}).get("Region"))
    config = project.project_config()
    provider = ctx.provider(config.providers[0] if config.providers else "awscloudformation")
    opener = getattr(provider, "session", None)
    if callable(opener):
        session = opener(env_name) if _takes_argument(opener) else opener()
        inner = getattr(session, "botocore_session", session)
        region = getattr(session, "region", None) or meta_region
        return inner, region or _region_of(inner)
    return _session_from_local_info(project, env_name, meta_region)


def _takes_argument(function: Any) -> bool:
    import inspect

    try:
        params = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
               for p in params)


def _region_of(session: Any) -> str:
    region = session.get_config_variable("region")
    if not region:
        raise UsageError("No AWS region is configured for this environment.")
    return region


def _session_from_local_info(project: Project, env_name: str, region: str | None) -> tuple[Any, str]:
    """A plain botocore session from ``local-aws-info.json`` (profile or default chain)."""
    import botocore.session

    info = project.local_aws_info().get(env_name) or {}
    if info.get("useProfile") and info.get("configLevel", "project") == "project":
        session = botocore.session.Session(profile=info.get("profileName") or "default")
    else:
        session = botocore.session.Session()
    return session, region or _region_of(session)


def open_clients(ctx: AmplifyContext, project: Project, *, workers: int) -> HostingClients:
    session, region = botocore_session(ctx, project)
    s3 = session.create_client("s3", region_name=region, config=client_config(workers))
    return HostingClients(s3=s3, region=region, session=session)
