"""The object the core calls for the auth category (``ctx.category("auth")``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import Category

from . import SERVICE
from .resource import build_resource

USER_AGENT = "aws-amplify-cli/0.1.0"


class AuthCategory(Category):
    """Services ``Cognito`` and ``Cognito-UserPool-Groups``."""

    def __init__(self, context: Any):
        super().__init__(context)
        self._built: dict[Path, tuple[dict[str, Any], dict[str, Any]]] = {}

    def _build(self, resource_dir: Path, resource: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        folder = Path(resource_dir)
        if folder not in self._built:
            self._built[folder] = build_resource(folder, folder.name, resource)
        return self._built[folder]

    def template(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        """Generated from ``cli-inputs.json``, or the committed Gen 1 template (refused by name
        when it needs what no installed plugin offers)."""
        return self._build(resource_dir, resource)[0]

    def parameters(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        """The template's values (the core adds ``team-provider-info.json``'s per-environment ones)."""
        return self._build(resource_dir, resource)[1]

    def frontend_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """Gen 1's ``aws-exports.js`` keys of a user pool, in Gen 1's order."""
        output = resource.get("output") or {}
        if resource.get("service") != SERVICE or not output.get("UserPoolId"):
            return {}
        keys: dict[str, Any] = {}
        if output.get("IdentityPoolId"):
            keys["aws_cognito_identity_pool_id"] = output["IdentityPoolId"]
        keys["aws_cognito_region"] = region_of(output)
        keys["aws_user_pools_id"] = output["UserPoolId"]
        keys["aws_user_pools_web_client_id"] = output.get("AppClientIDWeb", "")
        keys["oauth"] = {}
        auth = resource.get("frontendAuthConfig") or {}
        for key, name in _FRONTEND_AUTH_KEYS:
            if key in auth:
                keys[name] = auth[key]
        return keys

    def native_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """``awsconfiguration.json`` sections and the ``auth`` block of ``amplifyconfiguration.json``
        (native apps use the native app client, as in Gen 1)."""
        output = resource.get("output") or {}
        if resource.get("service") != SERVICE or not output.get("UserPoolId"):
            return {}
        region = region_of(output)
        sections: dict[str, Any] = {}
        if output.get("IdentityPoolId"):
            sections["CredentialsProvider"] = {
                "CognitoIdentity": {"Default": {"PoolId": output["IdentityPoolId"], "Region": region}}
            }
        sections["CognitoUserPool"] = {
            "Default": {
                "PoolId": output["UserPoolId"],
                "AppClientId": output.get("AppClientID", ""),
                "Region": region,
            }
        }
        auth = resource.get("frontendAuthConfig") or {}
        sections["Auth"] = {"Default": {"authenticationFlowType": "USER_SRP_AUTH", **auth}}
        plugin = {"UserAgent": USER_AGENT, "Version": "0.1.0", "IdentityManager": {"Default": {}}, **sections}
        return {
            "awsconfiguration": sections,
            "amplifyconfiguration": {"auth": {"plugins": {"awsCognitoAuthPlugin": plugin}}},
        }


_FRONTEND_AUTH_KEYS = (
    ("usernameAttributes", "aws_cognito_username_attributes"),
    ("socialProviders", "aws_cognito_social_providers"),
    ("signupAttributes", "aws_cognito_signup_attributes"),
    ("mfaConfiguration", "aws_cognito_mfa_configuration"),
    ("mfaTypes", "aws_cognito_mfa_types"),
    ("passwordProtectionSettings", "aws_cognito_password_protection_settings"),
    ("verificationMechanisms", "aws_cognito_verification_mechanisms"),
)


def region_of(output: dict[str, Any]) -> str:
    """The pool's region: the prefix of its id (``us-east-1_AbC…``)."""
    return str(output.get("UserPoolId", "")).split("_", 1)[0]
