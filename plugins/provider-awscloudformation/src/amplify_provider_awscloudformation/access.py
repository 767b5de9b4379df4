"""How a project reaches AWS: turn ``--providers`` JSON, prompt answers or ``--yes`` into a
``local-aws-info.json`` entry (never holding a secret).

Gen 1's order of checks (``determineAuthFlow``) is kept: explicit parameters first, then, with
``--yes``, what the environment offers, then prompts. Access keys are written to a file under
``amplify_home()`` and referenced by path.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from amplify_core.plugin import Choice, Question, UsageError

from . import session as aws_session
from .constants import PLACEHOLDER_KEYS
from .home_files import save_keys
from .regions import DEFAULT_REGION, REGIONS

if TYPE_CHECKING:
    from amplify_core.plugin import AmplifyContext

PROVIDERS_FLAG = "--providers '{\"awscloudformation\": {…}}'"

METHODS = {
    "profile": "AWS profile",
    "accessKeys": "AWS access keys",
    "general": "The AWS SDK's default chain (environment variables, AWS_PROFILE, SSO, instance role)",
}


def general() -> dict[str, Any]:
    return {"configLevel": "general"}


def profile(name: str) -> dict[str, Any]:
    return {"configLevel": "project", "useProfile": True, "profileName": name}


def method_of(aws_info: dict[str, Any] | None) -> str | None:
    if not aws_info:
        return None
    if aws_info.get("configLevel") == "general":
        return "general"
    if aws_info.get("useProfile"):
        return "profile"
    if aws_info.get("awsConfigFilePath"):
        return "accessKeys"
    return None


def describe(aws_info: dict[str, Any] | None) -> str:
    """One line for ``configure project``: how this environment reaches AWS."""
    method = method_of(aws_info)
    aws_info = aws_info or {}
    if method == "profile":
        return f"AWS profile: {aws_info['profileName']}"
    if method == "accessKeys":
        return f"AWS access keys (kept in {aws_info['awsConfigFilePath']})"
    if method == "general":
        return "The AWS SDK's default chain"
    return "not configured"


def from_params(
    params: dict[str, Any], *, current: dict[str, Any] | None = None, check_profile: bool = True
) -> dict[str, Any]:
    """A schema-valid ``--providers.awscloudformation`` block → ``local-aws-info`` entry."""
    if params.get("configLevel") == "general":
        return general()
    if params.get("useProfile") is True or (
        params.get("useProfile") is None and params.get("profileName") and not params.get("accessKeyId")
    ):
        name = params.get("profileName")
        if not name:
            raise UsageError("project level config set useProfile to true, but profile name is missing.")
        if check_profile:
            require_profile(name)
        return profile(name)
    if params.get("awsConfigFilePath") and not params.get("accessKeyId"):
        return {
            "configLevel": "project",
            "useProfile": False,
            "awsConfigFilePath": params["awsConfigFilePath"],
        }
    key, secret, region = params.get("accessKeyId"), params.get("secretAccessKey"), params.get("region")
    if not (key and secret and region):
        raise UsageError(
            "project level config set useProfile to false, but access key or region is missing.",
            hint=f"Pass accessKeyId, secretAccessKey and region in {PROVIDERS_FLAG}.",
        )
    if key in PLACEHOLDER_KEYS or secret in PLACEHOLDER_KEYS:
        raise UsageError("The access keys are the placeholders from the sample; use your own keys.")
    reuse = (current or {}).get("awsConfigFilePath")
    path = save_keys(key, secret, region, params.get("sessionToken"), reuse=reuse)
    return {"configLevel": "project", "useProfile": False, "awsConfigFilePath": path}


def require_profile(name: str) -> None:
    if name not in aws_session.available_profiles():
        raise UsageError(
            f"The AWS profile {name!r} does not exist in {aws_session.config_files_label()}.",
            hint="Create it with `aws configure --profile NAME`, or choose another profile.",
        )


def autodetect() -> dict[str, Any]:
    """``--yes`` without ``--providers``: what this machine offers, in Gen 1's order.

    ``AWS_PROFILE``, then ``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY`` (kept in the
    environment, not copied to disk: configLevel general), then the ``default`` profile, then
    anything else the AWS SDK's chain finds (SSO, container or instance role).
    """
    tried = []
    profiles = aws_session.available_profiles()
    env_profile = os.environ.get("AWS_PROFILE")
    if env_profile:
        if env_profile in profiles:
            return profile(env_profile)
        tried.append(f"AWS_PROFILE={env_profile} (no such profile)")
    else:
        tried.append("AWS_PROFILE (not set)")
    if os.environ.get("AWS_ACCESS_KEY_ID") and os.environ.get("AWS_SECRET_ACCESS_KEY"):
        return general()
    tried.append("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (not set)")
    if "default" in profiles:
        return profile("default")
    tried.append(f"profile 'default' in {aws_session.config_files_label()} (not found)")
    if not env_profile and _chain_has_credentials():
        return general()
    tried.append(
        "the AWS SDK's default chain (SSO, credential_process, container and instance roles: nothing found)"
    )
    raise UsageError(
        "Failed to resolve AWS credentials with --yes flag.\nTried:\n" + "\n".join(f"  - {t}" for t in tried),
        hint=f"Pass {PROVIDERS_FLAG} (a profile, access keys, or configLevel general), or set AWS_PROFILE.",
    )


def _chain_has_credentials() -> bool:
    import botocore.session

    try:
        return botocore.session.Session().get_credentials() is not None
    except Exception:  # noqa: BLE001 - a broken chain is the same as no credentials here
        return False


def ask(ctx: AmplifyContext, current: dict[str, Any] | None = None) -> dict[str, Any]:
    """The interactive flow: method, then a profile or keys (defaults from ``current``)."""
    profiles = aws_session.available_profiles()
    choices = [Choice(key, name=label) for key, label in METHODS.items() if key != "profile" or profiles]
    default_method = method_of(current) or ("profile" if profiles else "accessKeys")
    method = ctx.prompter.ask(
        [
            Question(
                id="authMethod",
                message="Select the authentication method you want to use:",
                kind="select",
                choices=choices,
                default=default_method,
                flag=PROVIDERS_FLAG,
            )
        ]
    )["authMethod"]
    if method == "general":
        return general()
    if method == "profile":
        preferred = (current or {}).get("profileName") or os.environ.get("AWS_PROFILE") or "default"
        name = ctx.prompter.ask(
            [
                Question(
                    id="profileName",
                    message="Please choose the profile you want to use",
                    kind="select",
                    choices=profiles,
                    default=preferred if preferred in profiles else profiles[0],
                    flag='--providers \'{"awscloudformation": {"useProfile": true, "profileName": …}}\'',
                )
            ]
        )["profileName"]
        return profile(name)
    answers = ctx.prompter.ask(
        [
            Question(
                id="accessKeyId",
                message="accessKeyId:",
                validate=_check_key_id,
                flag='--providers \'{"awscloudformation": {"accessKeyId": …}}\'',
            ),
            Question(
                id="secretAccessKey",
                message="secretAccessKey:",
                kind="password",
                validate=_check_secret,
                flag='--providers \'{"awscloudformation": {"secretAccessKey": …}}\'',
            ),
            Question(
                id="region",
                message="region:",
                kind="select",
                choices=list(REGIONS),
                default=aws_session.profile_region(None) or DEFAULT_REGION,
                flag='--providers \'{"awscloudformation": {"region": …}}\'',
            ),
        ]
    )
    return from_params({"useProfile": False, **answers}, current=current)


def _check_key_id(value: Any) -> str | None:
    if not isinstance(value, str) or not value.isalnum() or value in PLACEHOLDER_KEYS:
        return "An access key id is letters and digits (e.g. AKIA…)."
    return None


def _check_secret(value: Any) -> str | None:
    if (
        not isinstance(value, str)
        or not value.strip()
        or any(c.isspace() for c in value)
        or value in PLACEHOLDER_KEYS
    ):
        return "The secret access key cannot be empty or contain spaces."
    return None
