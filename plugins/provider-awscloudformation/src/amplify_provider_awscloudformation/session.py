"""The one module that makes AWS sessions and clients (everything else receives them).

botocore does the credential work: named profiles, ``credential_process``, SSO, environment
variables, instance roles, and assume-role profiles (``role_arn``, ``source_profile``,
``mfa_serial``, ``external_id``, ``duration_seconds``). We add two things to its assume-role
provider: our MFA prompt and our file cache (:mod:`.role_cache`). Endpoints also come from
botocore's own settings (``AWS_ENDPOINT_URL``, ``endpoint_url`` in a profile), which is how the
local sandbox is reached. Every client uses :func:`client_config` (botocore's *standard* retry
mode with :data:`MAX_ATTEMPTS` attempts), so throttling and dropped connections are retried,
not surfaced; other plugins get the same configuration through ``Provider.client_config``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from amplify_core.plugin import UsageError

from .home_files import load_keys
from .role_cache import RoleCredentialCache, role_labels

if TYPE_CHECKING:  # botocore is imported when a session is opened: a push with nothing to
    # deploy and no AWS access configured (or status, env list …) never pays for it
    from botocore.config import Config

#: Attempts per call (the first one included): survives a burst of 9 throttles or dropped
#: connections in a row; standard mode backs off exponentially (up to 20 s) between them.
MAX_ATTEMPTS = 10


MfaPrompt = Callable[[str], str]


def client_config(**overrides: Any) -> Config:
    """Every client's settings (standard retries, :data:`MAX_ATTEMPTS`, timeouts) with
    ``overrides`` (any ``botocore.config.Config`` option).

    A new object each call: botocore writes ``total_max_attempts`` into the ``retries`` dict of
    the config a client is made with, so a shared one would change under its other users."""
    from botocore.config import Config

    config = Config(
        retries={"mode": "standard", "max_attempts": MAX_ATTEMPTS},
        user_agent_extra="amplify-python",
        connect_timeout=10,
        read_timeout=60,
    )
    return config.merge(Config(**overrides)) if overrides else config


@dataclass
class AwsSession:
    """A botocore session resolved for one project environment, and its clients."""

    botocore_session: Any
    region: str | None
    description: str
    _clients: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)

    def client(self, service: str) -> Any:
        if not self.region:
            raise UsageError(
                f"No AWS region is configured for {self.description}.",
                hint="Set `region` in the profile, or AWS_REGION, or pass --providers with a region.",
            )
        key = (service, self.region)
        if key not in self._clients:
            self._clients[key] = self.botocore_session.create_client(
                service, region_name=self.region, config=client_config()
            )
        return self._clients[key]

    def in_region(self, region: str | None) -> AwsSession:
        """The same credentials in another region (clients are shared per region)."""
        if not region or region == self.region:
            return self
        return AwsSession(self.botocore_session, region, self.description, self._clients)

    def credentials(self) -> Any:
        """The resolved credentials (asks for an MFA code now if the profile needs one)."""
        creds = self.botocore_session.get_credentials()
        if creds is None:
            return None
        return creds.get_frozen_credentials()


def available_profiles() -> list[str]:
    """Profile names in ``AWS_CONFIG_FILE`` / ``AWS_SHARED_CREDENTIALS_FILE`` (no network)."""
    session = _plain_session()
    try:
        return sorted(session.available_profiles)
    except Exception:  # noqa: BLE001 - an unreadable config file means no profiles to offer
        return []


def profile_config(name: str) -> dict[str, Any]:
    """The merged config of profile ``name`` (config and credentials files), or ``{}``."""
    session = _plain_session()
    return dict(session.full_config.get("profiles", {}).get(name) or {})


def profile_region(name: str | None) -> str | None:
    if name is None:
        return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    return profile_config(name).get("region")


def open_session(aws_info: dict[str, Any], *, region: str | None, mfa_prompt: MfaPrompt) -> AwsSession:
    """A session for a ``local-aws-info.json`` entry.

    :param region: the region to use (an existing environment's ``Region``); when ``None``
        the region comes from the keys file, the profile, or ``AWS_REGION``.
    """
    import botocore.session
    from botocore.exceptions import ProfileNotFound

    level = aws_info.get("configLevel", "project")
    if level == "general":
        session = botocore.session.Session()
        try:
            session.get_scoped_config()
        except ProfileNotFound:
            raise UsageError(
                f"AWS_PROFILE={os.environ.get('AWS_PROFILE')} names a profile that does not exist "
                f"in {config_files_label()}."
            ) from None
        _wire_assume_role(session, mfa_prompt)
        region = region or session.get_config_variable("region")
        description = "the AWS SDK's default credential chain"
        if os.environ.get("AWS_PROFILE"):
            description += f" (AWS_PROFILE={os.environ['AWS_PROFILE']})"
    elif aws_info.get("useProfile"):
        name = aws_info.get("profileName") or "default"
        try:
            session = botocore.session.Session(profile=name)
            session.get_scoped_config()
        except ProfileNotFound:
            raise UsageError(
                f"The AWS profile {name!r} does not exist in {config_files_label()}.",
                hint="Create it (`aws configure --profile NAME`) or run `amplify configure project`.",
            ) from None
        _wire_assume_role(session, mfa_prompt)
        region = region or session.get_config_variable("region")
        description = f"profile {name}"
    elif aws_info.get("awsConfigFilePath"):
        keys = load_keys(aws_info["awsConfigFilePath"])
        session = _plain_session()
        session.set_credentials(keys["accessKeyId"], keys["secretAccessKey"], keys.get("sessionToken"))
        region = region or keys.get("region")
        description = "access keys"
    else:
        raise UsageError(
            "local-aws-info.json has no usable entry for this environment "
            "(neither a profile, nor an access keys file, nor configLevel general).",
            hint="Run `amplify configure project` to choose how to reach AWS.",
        )
    # botocore reads AWS_DEFAULT_REGION; Gen 1 (the JavaScript SDK) also read AWS_REGION.
    region = region or os.environ.get("AWS_REGION") or None
    return AwsSession(session, region, description)


def config_files_label() -> str:
    config = os.environ.get("AWS_CONFIG_FILE", "~/.aws/config")
    creds = os.environ.get("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
    return f"{config} or {creds}"


def _plain_session() -> Any:
    """A botocore session that ignores a dangling ``AWS_PROFILE`` for listing purposes."""
    import botocore.session
    from botocore.exceptions import ProfileNotFound

    session = botocore.session.Session()
    try:
        session.get_scoped_config()
    except ProfileNotFound:
        session = botocore.session.Session(profile="default")
    return session


def _wire_assume_role(session: Any, mfa_prompt: MfaPrompt) -> None:
    """Give botocore's assume-role provider our cache file and our MFA prompt."""
    resolver = session.get_component("credential_provider")
    provider = resolver.get_provider("assume-role")
    if provider is None:
        return
    profiles = session.full_config.get("profiles", {})
    provider.cache = RoleCredentialCache(role_labels(profiles))
    provider._prompter = mfa_prompt  # botocore's documented way to replace getpass
