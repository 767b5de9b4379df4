"""``cli-inputs.json``: the resource's settings in Gen 1's ``cognitoConfig`` shape (CLI v7+).

It is the source of truth, as in Gen 1: the template is generated from it on every push, so
a project made by the Node CLI deploys from its own file, and one made here can go back to the
Node CLI. Everything here is pure (dicts in, dicts out).
"""

from __future__ import annotations

import secrets
from typing import Any

from . import SERVICE

VERSION = "1"

#: Headless / prompt vocabulary → Gen 1's cli-inputs vocabulary.
USERNAME_ATTRIBUTES = {
    "USERNAME": [],
    "EMAIL": ["email"],
    "PHONE_NUMBER": ["phone_number"],
    "EMAIL_AND_PHONE_NUMBER": ["email", "phone_number"],
}
PASSWORD_CHARACTERS = {
    "REQUIRE_LOWERCASE": "Requires Lowercase",
    "REQUIRE_UPPERCASE": "Requires Uppercase",
    "REQUIRE_DIGIT": "Requires Numbers",
    "REQUIRE_SYMBOL": "Requires Symbols",
}
MFA_TYPES = {"SMS": "SMS Text Message", "TOTP": "TOTP"}

DEFAULT_SMS = "Your authentication code is {####}"
DEFAULT_SMS_VERIFICATION = "Your verification code is {####}"
DEFAULT_EMAIL_SUBJECT = "Your verification code"
DEFAULT_EMAIL_MESSAGE = "Your verification code is {####}"


def attribute_name(value: str) -> str:
    """``GIVEN_NAME`` → ``given_name``; ``ZONE_INFO`` → ``zoneinfo`` (Cognito's spelling)."""
    lowered = value.lower()
    return {"zone_info": "zoneinfo"}.get(lowered, lowered)


def new_shared_id() -> str:
    return secrets.token_hex(4)


def default_resource_name(project_name: str, shared_id: str) -> str:
    """Gen 1: ``<project><8 hex>`` (letters and digits only)."""
    base = "".join(c for c in project_name if c.isalnum()) or "auth"
    return f"{base}{shared_id}"


def config_from_request(request: dict[str, Any], *, resource_name: str, shared_id: str) -> dict[str, Any]:
    """The ``cognitoConfig`` of a new resource from a validated ``AuthAddParams`` dict."""
    service = request["serviceConfiguration"]
    pool = service["userPoolConfiguration"]
    identity = service.get("identityPoolConfiguration") or {}
    include_identity = bool(service.get("includeIdentityPool", False))
    truncated = f"{resource_name[:6]}{shared_id}"
    signin = pool["signinMethod"]
    required = [attribute_name(a) for a in pool.get("requiredSignupAttributes") or []]
    username_attributes = USERNAME_ATTRIBUTES[signin]
    verified = pool.get("autoVerifiedAttributes")
    if verified is None:  # Gen 1 verifies what users sign in with (email when by username)
        verified = [{"type": "PHONE_NUMBER"}] if signin == "PHONE_NUMBER" else [{"type": "EMAIL"}]
    config: dict[str, Any] = {
        "identityPoolName": identity.get("identityPoolName") or f"{resource_name}_identitypool_{shared_id}",
        "allowUnauthenticatedIdentities": bool(identity.get("unauthenticatedLogin", False)),
        "resourceNameTruncated": truncated,
        "userPoolName": pool.get("userPoolName") or f"{resource_name}_userpool_{shared_id}",
        "autoVerifiedAttributes": [],
        "mfaConfiguration": "OFF",
        "mfaTypes": ["SMS Text Message"],
        "smsAuthenticationMessage": DEFAULT_SMS,
        "smsVerificationMessage": DEFAULT_SMS_VERIFICATION,
        "emailVerificationSubject": DEFAULT_EMAIL_SUBJECT,
        "emailVerificationMessage": DEFAULT_EMAIL_MESSAGE,
        "defaultPasswordPolicy": False,
        "passwordPolicyMinLength": 8,
        "passwordPolicyCharacters": [],
        "requiredAttributes": required,
        "aliasAttributes": [attribute_name(a) for a in pool.get("aliasAttributes") or []],
        "userpoolClientGenerateSecret": False,
        "userpoolClientRefreshTokenValidity": 30,
        "userpoolClientWriteAttributes": required,
        "userpoolClientReadAttributes": required,
        "userpoolClientLambdaRole": f"{truncated}_userpoolclient_lambda_role",
        "userpoolClientSetAttributes": False,
        "sharedId": shared_id,
        "resourceName": resource_name,
        "authSelections": "identityPoolAndUserPool" if include_identity else "userPoolOnly",
        "useDefault": "manual",
        "usernameAttributes": username_attributes,
        "userPoolGroups": False,
        "adminQueries": False,
        "triggers": {},
        "hostedUI": False,
        "userPoolGroupList": [],
        "serviceName": SERVICE,
        "usernameCaseSensitive": bool(pool.get("usernameCaseSensitive", False)),
        "useEnabledMfas": True,
    }
    apply_pool_settings(config, pool, verified=verified)
    return config


def apply_pool_settings(
    config: dict[str, Any], pool: dict[str, Any], *, verified: list[dict[str, Any]] | None
) -> None:
    """Write the modifiable user-pool settings of a request (add or update) into ``config``."""
    if verified is not None:
        config["autoVerifiedAttributes"] = [attribute_name(v["type"]) for v in verified]
        for item in verified:
            if item["type"] == "EMAIL":
                config["emailVerificationSubject"] = (
                    item.get("verificationSubject") or config["emailVerificationSubject"]
                )
                config["emailVerificationMessage"] = (
                    item.get("verificationMessage") or config["emailVerificationMessage"]
                )
            elif item.get("verificationMessage"):
                config["smsVerificationMessage"] = item["verificationMessage"]
    mfa = pool.get("mfa")
    if mfa is not None:
        config["mfaConfiguration"] = mfa["mode"]
        config["mfaTypes"] = [MFA_TYPES[t] for t in (mfa.get("mfaTypes") or ["SMS"])]
        if mfa.get("smsMessage"):
            config["smsAuthenticationMessage"] = mfa["smsMessage"]
    policy = pool.get("passwordPolicy")
    if policy is not None:
        config["defaultPasswordPolicy"] = True
        config["passwordPolicyMinLength"] = policy.get("minimumLength") or 8
        config["passwordPolicyCharacters"] = [
            PASSWORD_CHARACTERS[c] for c in policy.get("additionalConstraints") or []
        ]
    if pool.get("refreshTokenPeriod") is not None:
        config["userpoolClientRefreshTokenValidity"] = pool["refreshTokenPeriod"]
    groups = pool.get("userPoolGroups")
    if groups is not None:
        config["userPoolGroups"] = bool(groups)
        config["userPoolGroupList"] = [g["groupName"] for g in groups]


def apply_modification(config: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
    """``config`` after a validated ``AuthUpdateParams`` dict (a new dict; the input is kept)."""
    updated = dict(config)
    service = request["serviceModification"]
    pool = service.get("userPoolModification") or {}
    apply_pool_settings(updated, pool, verified=pool.get("autoVerifiedAttributes"))
    if service.get("includeIdentityPool") is not None:
        updated["authSelections"] = (
            "identityPoolAndUserPool" if service["includeIdentityPool"] else "userPoolOnly"
        )
    identity = service.get("identityPoolModification") or {}
    if identity.get("unauthenticatedLogin") is not None:
        updated["allowUnauthenticatedIdentities"] = identity["unauthenticatedLogin"]
    if identity.get("identityPoolName"):
        updated["identityPoolName"] = identity["identityPoolName"]
    return updated


def groups_with_precedence(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``user-pool-group-precedence.json``: ``[{"groupName", "precedence"}]``, list order by default."""
    return [
        {"groupName": g["groupName"], "precedence": g["precedence"] if g.get("precedence") is not None else i}
        for i, g in enumerate(groups, start=1)
    ]


def has_identity_pool(config: dict[str, Any]) -> bool:
    return config.get("authSelections", "identityPoolAndUserPool") == "identityPoolAndUserPool"


def _upper(values: list[str]) -> list[str]:
    return [v.upper() for v in values]


def frontend_auth_config(config: dict[str, Any]) -> dict[str, Any]:
    """The ``frontendAuthConfig`` block Gen 1 keeps in ``backend-config.json``."""
    mfa_types = ["TOTP" if t == "TOTP" else "SMS" for t in config.get("mfaTypes") or []]
    characters = [c.upper().replace(" ", "_") for c in config.get("passwordPolicyCharacters") or []]
    return {
        "socialProviders": [],
        "usernameAttributes": _upper(config.get("usernameAttributes") or []),
        "signupAttributes": _upper(config.get("requiredAttributes") or []),
        "passwordProtectionSettings": {
            "passwordPolicyMinLength": int(config.get("passwordPolicyMinLength") or 8),
            "passwordPolicyCharacters": characters,
        },
        "mfaConfiguration": config.get("mfaConfiguration", "OFF"),
        "mfaTypes": mfa_types,
        "verificationMechanisms": _upper(config.get("autoVerifiedAttributes") or []),
    }
