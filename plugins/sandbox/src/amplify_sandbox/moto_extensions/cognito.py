"""Cognito in the sandbox: the CloudFormation types auth templates use, and sign-in rules.

moto 5 has working cognito-idp and cognito-identity backends but no CloudFormation types for
them, so a Gen 1 auth stack would be skipped
silently. This module teaches moto's template parser:

* ``AWS::Cognito::UserPool`` — a real pool (``Ref`` → pool id; ``GetAtt`` ``Arn``,
  ``ProviderName``, ``ProviderURL``, ``UserPoolId``), every standard attribute present as in
  AWS, updated in place, replaced when ``UsernameAttributes``/``AliasAttributes`` change.
* ``AWS::Cognito::UserPoolClient`` (``Ref`` → client id; ``GetAtt`` ``ClientId``, ``Name``,
  ``ClientSecret``), ``AWS::Cognito::UserPoolGroup`` (``Ref`` → group name),
  ``AWS::Cognito::UserPoolDomain`` (``Ref`` → domain; ``GetAtt CloudFrontDistribution``).
* ``AWS::Cognito::IdentityPool`` (``Ref`` → pool id; ``GetAtt`` ``Name``, ``Id``) and
  ``AWS::Cognito::IdentityPoolRoleAttachment`` (roles kept on the pool).

And, so that the sandbox fails where AWS fails: templates AWS rejects are rejected (both
``UsernameAttributes`` and ``AliasAttributes``; MFA by SMS without ``SmsConfiguration``; a
domain another pool holds; role attachments to a missing pool or with malformed role ARNs);
``InitiateAuth`` honours the client's ``ExplicitAuthFlows`` (moto allows every flow); and
``SignUp`` requires the pool's required attributes (moto accepts any).

:func:`install` registers it all (the ``cognito`` gap of :mod:`amplify_sandbox.moto_extensions`).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.cognitoidentity.models import cognitoidentity_backends
from moto.cognitoidp.exceptions import InvalidParameterException, ResourceNotFoundError
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPoolAttribute, cognitoidp_backends
from moto.core.exceptions import JsonRESTError

from .base import CfnResource, as_bool, register

_INSTALLED = False

#: Flows a client allows when its template sets no ``ExplicitAuthFlows`` (AWS's default).
DEFAULT_FLOWS = ("ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
_FLOW_PERMISSION = {
    "USER_SRP_AUTH": ("ALLOW_USER_SRP_AUTH",),
    "USER_PASSWORD_AUTH": ("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"),
    "REFRESH_TOKEN_AUTH": ("ALLOW_REFRESH_TOKEN_AUTH",),
    "REFRESH_TOKEN": ("ALLOW_REFRESH_TOKEN_AUTH",),
    "CUSTOM_AUTH": ("ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"),
}
_ROLE_ARN = re.compile(r"^arn:aws[\w-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")


def install() -> None:
    """Register the resource types and the sign-in rules (safe to call more than once)."""
    global _INSTALLED
    if _INSTALLED:
        return
    for model in RESOURCE_TYPES:
        for method in ("create_from_cloudformation_json", "update_from_cloudformation_json"):
            setattr(model, method, classmethod(_as_stack_error(getattr(model, method).__func__)))
        register(model)
    _enforce_auth_flows()
    _enforce_required_attributes()
    _INSTALLED = True


# --- helpers ------------------------------------------------------------------------------------


def _as_stack_error(handler: Any) -> Any:
    """A Cognito error while a stack creates or updates a resource is a stack error, worded as
    CloudFormation words a resource handler's failure (moto would return the service's raw
    JSON error inside CloudFormation's XML answer)."""

    @functools.wraps(handler)
    def wrapped(cls: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return handler(cls, *args, **kwargs)
        except JsonRESTError as exc:
            service = (
                "CognitoIdentity" if "cognitoidentity" in type(exc).__module__ else "CognitoIdentityProvider"
            )
            message = getattr(exc, "message", None) or str(exc)
            raise ValidationError(
                message=f'Resource handler returned message: "{message}" '
                f"(Service: {service}, Status Code: 400, HandlerErrorCode: InvalidRequest)"
            ) from None

    return wrapped


def _idp(account_id: str, region: str) -> CognitoIdpBackend:
    return cognitoidp_backends[account_id][region]


def _identity(account_id: str, region: str) -> Any:
    return cognitoidentity_backends[account_id][region]


def _list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


class _Resource(CfnResource):
    """A stack resource that lives in moto's Cognito backends of its account and region."""

    account_id: str
    region: str


# --- AWS::Cognito::UserPool ---------------------------------------------------------------------

_POOL_KEYS = (
    "Policies",
    "LambdaConfig",
    "AutoVerifiedAttributes",
    "AliasAttributes",
    "UsernameAttributes",
    "SmsVerificationMessage",
    "EmailVerificationMessage",
    "EmailVerificationSubject",
    "VerificationMessageTemplate",
    "SmsAuthenticationMessage",
    "MfaConfiguration",
    "DeviceConfiguration",
    "EmailConfiguration",
    "SmsConfiguration",
    "UserPoolTags",
    "AdminCreateUserConfig",
    "UserPoolAddOns",
    "UsernameConfiguration",
    "AccountRecoverySetting",
    "DeletionProtection",
)
_REPLACING = ("UsernameAttributes", "AliasAttributes")


def pool_config(properties: dict[str, Any]) -> dict[str, Any]:
    """CloudFormation properties → moto's ``CreateUserPool`` config, checked as AWS checks them."""
    name = properties.get("UserPoolName")
    if name is not None and not re.fullmatch(r"[\w\s+=,.@-]{1,128}", str(name)):
        raise InvalidParameterException(
            f"1 validation error detected: Value '{name}' at 'poolName' failed to satisfy constraint"
        )
    config = {k: properties[k] for k in _POOL_KEYS if properties.get(k) not in (None, "", [])}
    for key in ("AutoVerifiedAttributes", "AliasAttributes", "UsernameAttributes"):
        if key in config:
            config[key] = _list(config[key])
    if config.get("UsernameAttributes") and config.get("AliasAttributes"):
        raise InvalidParameterException(
            "Invalid Request: Only one of UsernameAttributes or AliasAttributes can be set."
        )
    policy = (config.get("Policies") or {}).get("PasswordPolicy")
    if policy:
        fixed = dict(policy)
        for key in ("MinimumLength", "TemporaryPasswordValidityDays"):
            if key in fixed:
                fixed[key] = int(float(fixed[key]))
        for key in ("RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols"):
            if key in fixed:
                fixed[key] = as_bool(fixed[key])
        if not 6 <= fixed.get("MinimumLength", 8) <= 99:
            raise InvalidParameterException("Password policy MinimumLength must be between 6 and 99.")
        config["Policies"] = {**config["Policies"], "PasswordPolicy": fixed}
    mfa = str(config.get("MfaConfiguration", "OFF"))
    enabled = _list(properties.get("EnabledMfas"))
    if mfa != "OFF" and (not enabled or "SMS_MFA" in enabled) and not config.get("SmsConfiguration"):
        raise InvalidParameterException(
            "SMS configuration is required to enable SMS MFA (SmsConfiguration is missing)."
        )
    if properties.get("Schema"):
        config["Schema"] = [dict(a) for a in properties["Schema"]]
        for attribute in config["Schema"]:
            for key in ("Required", "Mutable", "DeveloperOnlyAttribute"):
                if key in attribute:
                    attribute[key] = as_bool(attribute[key])
    return config


class CfnUserPool(_Resource):
    def __init__(self, pool_id: str, account_id: str, region: str, properties: dict[str, Any]):
        self.pool_id = pool_id
        self.account_id = account_id
        self.region = region
        self.properties = properties

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Cognito::UserPool"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Arn", "ProviderName", "ProviderURL", "UserPoolId")

    @property
    def physical_resource_id(self) -> str:
        return self.pool_id

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        pool = _idp(self.account_id, self.region).describe_user_pool(self.pool_id)
        provider = f"cognito-idp.{self.region}.amazonaws.com/{self.pool_id}"
        values = {
            "Arn": pool.arn,
            "ProviderName": provider,
            "ProviderURL": f"https://{provider}",
            "UserPoolId": self.pool_id,
        }
        if attribute_name not in values:
            raise UnformattedGetAttTemplateException()
        return values[attribute_name]

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnUserPool:
        properties = cloudformation_json.get("Properties") or {}
        config = pool_config(properties)
        backend = _idp(account_id, region_name)
        pool = backend.create_user_pool(str(properties.get("UserPoolName") or resource_name), config)
        for name, schema in CognitoIdpUserPoolAttribute.STANDARD_SCHEMA.items():
            if name not in pool.schema_attributes:  # AWS pools always have every standard attribute
                pool.schema_attributes[name] = CognitoIdpUserPoolAttribute(name, False, schema)
        _apply_mfa(backend, pool.id, properties)
        return cls(pool.id, account_id, region_name, properties)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnUserPool,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnUserPool:
        properties = cloudformation_json.get("Properties") or {}
        if any(_list(properties.get(k)) != _list(original_resource.properties.get(k)) for k in _REPLACING):
            replacement = cls.create_from_cloudformation_json(
                new_resource_name, cloudformation_json, account_id, region_name
            )
            original_resource.delete(account_id, region_name)
            return replacement
        if _schema_names(properties) != _schema_names(original_resource.properties):
            raise InvalidParameterException(
                "Invalid Request: Existing schema attributes cannot be modified or deleted."
            )
        config = pool_config(properties)
        config.pop("Schema", None)
        backend = _idp(account_id, region_name)
        backend.update_user_pool(original_resource.pool_id, config)
        pool = backend.describe_user_pool(original_resource.pool_id)
        pool.name = str(properties.get("UserPoolName") or pool.name)
        pool.mfa_config = str(config.get("MfaConfiguration", "OFF"))
        _apply_mfa(backend, pool.id, properties)
        original_resource.properties = properties
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _idp(self.account_id, self.region).delete_user_pool(self.pool_id)
        except ResourceNotFoundError:
            pass


def _schema_names(properties: dict[str, Any]) -> list[tuple[str, bool]]:
    return sorted((str(a.get("Name")), as_bool(a.get("Required"))) for a in properties.get("Schema") or [])


def _apply_mfa(backend: CognitoIdpBackend, pool_id: str, properties: dict[str, Any]) -> None:
    mode = str(properties.get("MfaConfiguration") or "OFF")
    enabled = _list(properties.get("EnabledMfas")) or (["SMS_MFA"] if mode != "OFF" else [])
    sms = None
    if "SMS_MFA" in enabled:
        sms = {
            "SmsAuthenticationMessage": properties.get("SmsAuthenticationMessage") or "Your code is {####}",
            "SmsConfiguration": properties.get("SmsConfiguration") or {},
        }
    token = {"Enabled": True} if "SOFTWARE_TOKEN_MFA" in enabled else None
    backend.set_user_pool_mfa_config(pool_id, sms, token, mode)  # type: ignore[arg-type]


# --- AWS::Cognito::UserPoolClient ---------------------------------------------------------------

_CLIENT_KEYS = (
    "ClientName",
    "RefreshTokenValidity",
    "AccessTokenValidity",
    "IdTokenValidity",
    "TokenValidityUnits",
    "ReadAttributes",
    "WriteAttributes",
    "ExplicitAuthFlows",
    "SupportedIdentityProviders",
    "CallbackURLs",
    "LogoutURLs",
    "DefaultRedirectURI",
    "AllowedOAuthFlows",
    "AllowedOAuthScopes",
    "AllowedOAuthFlowsUserPoolClient",
    "PreventUserExistenceErrors",
    "EnableTokenRevocation",
    "AuthSessionValidity",
)


def client_config(properties: dict[str, Any]) -> dict[str, Any]:
    config = {k: properties[k] for k in _CLIENT_KEYS if properties.get(k) is not None}
    for key in ("RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity", "AuthSessionValidity"):
        if key in config:
            config[key] = int(float(config[key]))
    for key in (
        "ReadAttributes",
        "WriteAttributes",
        "ExplicitAuthFlows",
        "SupportedIdentityProviders",
        "CallbackURLs",
        "LogoutURLs",
        "AllowedOAuthFlows",
        "AllowedOAuthScopes",
    ):
        if key in config:
            config[key] = _list(config[key])
    flows = config.get("ExplicitAuthFlows") or []
    legacy = {"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"}
    if any(f.startswith("ALLOW_") for f in flows) and any(f in legacy for f in flows):
        raise InvalidParameterException("ExplicitAuthFlows can not have both ALLOW_XXX and legacy values.")
    return config


class CfnUserPoolClient(_Resource):
    def __init__(self, pool_id: str, client_id: str, account_id: str, region: str, generate_secret: bool):
        self.pool_id = pool_id
        self.client_id = client_id
        self.account_id = account_id
        self.region = region
        self.generate_secret = generate_secret

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Cognito::UserPoolClient"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("ClientId", "ClientSecret", "Name")

    @property
    def physical_resource_id(self) -> str:
        return self.client_id

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        client = _idp(self.account_id, self.region).describe_user_pool_client(self.pool_id, self.client_id)
        if attribute_name == "ClientId":
            return self.client_id
        if attribute_name == "Name":
            return client.extended_config.get("ClientName")
        if attribute_name == "ClientSecret" and client.generate_secret:
            return client.secret
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnUserPoolClient:
        properties = cloudformation_json.get("Properties") or {}
        pool_id = str(properties.get("UserPoolId") or "")
        secret = as_bool(properties.get("GenerateSecret"))
        config = client_config(properties)
        config.setdefault("ClientName", resource_name)
        client = _idp(account_id, region_name).create_user_pool_client(pool_id, secret, config)
        return cls(pool_id, client.id, account_id, region_name, secret)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnUserPoolClient,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnUserPoolClient:
        properties = cloudformation_json.get("Properties") or {}
        if (
            str(properties.get("UserPoolId")) != original_resource.pool_id
            or as_bool(properties.get("GenerateSecret")) != original_resource.generate_secret
        ):
            replacement = cls.create_from_cloudformation_json(
                new_resource_name, cloudformation_json, account_id, region_name
            )
            original_resource.delete(account_id, region_name)
            return replacement
        client = _idp(account_id, region_name).describe_user_pool_client(
            original_resource.pool_id, original_resource.client_id
        )
        config = client_config(properties)
        for key in _CLIENT_KEYS:  # a property removed from the template goes back to its default
            if key not in config and key != "ClientName":
                client.extended_config.pop(key, None)
        client.extended_config.update(config)
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _idp(self.account_id, self.region).delete_user_pool_client(self.pool_id, self.client_id)
        except ResourceNotFoundError:
            pass  # the pool went first and took its clients, as in AWS


# --- AWS::Cognito::UserPoolGroup ----------------------------------------------------------------


class CfnUserPoolGroup(_Resource):
    def __init__(self, pool_id: str, name: str, account_id: str, region: str):
        self.pool_id, self.name = pool_id, name
        self.account_id, self.region = account_id, region

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Cognito::UserPoolGroup"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @staticmethod
    def _values(properties: dict[str, Any]) -> tuple[str, Any, Any]:
        precedence = properties.get("Precedence")
        role = properties.get("RoleArn")
        if role and not _ROLE_ARN.match(str(role)):
            raise InvalidParameterException(f"RoleArn {role!r} is not a valid IAM role ARN.")
        return (
            str(properties.get("Description") or ""),
            role,
            int(float(precedence)) if precedence not in (None, "") else None,
        )

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnUserPoolGroup:
        properties = cloudformation_json.get("Properties") or {}
        pool_id = str(properties.get("UserPoolId") or "")
        name = str(properties.get("GroupName") or resource_name)
        description, role, precedence = cls._values(properties)
        _idp(account_id, region_name).create_group(pool_id, name, description, role, precedence)
        return cls(pool_id, name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnUserPoolGroup,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnUserPoolGroup:
        properties = cloudformation_json.get("Properties") or {}
        if (
            str(properties.get("UserPoolId")) != original_resource.pool_id
            or str(properties.get("GroupName") or original_resource.name) != original_resource.name
        ):
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(
                new_resource_name, cloudformation_json, account_id, region_name
            )
        description, role, precedence = cls._values(properties)
        _idp(account_id, region_name).update_group(
            original_resource.pool_id, original_resource.name, description, role, precedence
        )
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _idp(self.account_id, self.region).delete_group(self.pool_id, self.name)
        except ResourceNotFoundError:
            pass


# --- AWS::Cognito::UserPoolDomain ---------------------------------------------------------------


class CfnUserPoolDomain(_Resource):
    def __init__(self, pool_id: str, domain: str, account_id: str, region: str):
        self.pool_id, self.domain = pool_id, domain
        self.account_id, self.region = account_id, region

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Cognito::UserPoolDomain"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "CloudFrontDistribution"

    @property
    def physical_resource_id(self) -> str:
        return self.domain

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "CloudFrontDistribution":
            found = _idp(self.account_id, self.region).describe_user_pool_domain(self.domain)
            return found.to_json(extended=True)["CloudFrontDistribution"] if found else ""
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnUserPoolDomain:
        properties = cloudformation_json.get("Properties") or {}
        pool_id, domain = str(properties.get("UserPoolId") or ""), str(properties.get("Domain") or "")
        custom = properties.get("CustomDomainConfig")
        if not custom and not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", domain):
            raise InvalidParameterException(
                f"Domain {domain!r}: lower-case letters, digits and hyphens only."
            )
        backend = _idp(account_id, region_name)
        if backend.describe_user_pool_domain(domain) is not None:
            raise InvalidParameterException("Domain already associated with another user pool.")
        backend.create_user_pool_domain(pool_id, domain, custom)
        return cls(pool_id, domain, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnUserPoolDomain,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnUserPoolDomain:
        properties = cloudformation_json.get("Properties") or {}
        if (
            str(properties.get("Domain")) == original_resource.domain
            and str(properties.get("UserPoolId")) == original_resource.pool_id
        ):
            if properties.get("CustomDomainConfig"):
                _idp(account_id, region_name).update_user_pool_domain(
                    original_resource.domain, properties["CustomDomainConfig"]
                )
            return original_resource
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name
        )

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _idp(self.account_id, self.region).delete_user_pool_domain(self.domain)
        except ResourceNotFoundError:
            pass


# --- AWS::Cognito::IdentityPool -----------------------------------------------------------------


def _identity_args(properties: dict[str, Any], name: str) -> dict[str, Any]:
    if "AllowUnauthenticatedIdentities" not in properties:
        raise InvalidParameterException("Property AllowUnauthenticatedIdentities cannot be empty.")
    providers = [
        {
            "ClientId": str(p.get("ClientId")),
            "ProviderName": str(p.get("ProviderName")),
            "ServerSideTokenCheck": as_bool(p.get("ServerSideTokenCheck")),
        }
        for p in properties.get("CognitoIdentityProviders") or []
    ]
    return {
        "identity_pool_name": name,
        "allow_unauthenticated_identities": as_bool(properties.get("AllowUnauthenticatedIdentities")),
        "supported_login_providers": dict(properties.get("SupportedLoginProviders") or {}),
        "developer_provider_name": str(properties.get("DeveloperProviderName") or ""),
        "open_id_connect_provider_arns": _list(properties.get("OpenIdConnectProviderARNs")),
        "cognito_identity_providers": providers,
        "saml_provider_arns": _list(properties.get("SamlProviderARNs")),
        "tags": {t["Key"]: t["Value"] for t in properties.get("IdentityPoolTags") or []},
    }


class CfnIdentityPool(_Resource):
    def __init__(self, pool_id: str, name: str, account_id: str, region: str):
        self.pool_id, self.name = pool_id, name
        self.account_id, self.region = account_id, region

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Cognito::IdentityPool"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Name", "Id")

    @property
    def physical_resource_id(self) -> str:
        return self.pool_id

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Name":
            return self.name
        if attribute_name == "Id":
            return self.pool_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnIdentityPool:
        import json

        properties = cloudformation_json.get("Properties") or {}
        name = str(properties.get("IdentityPoolName") or resource_name.replace("-", "_"))
        created = json.loads(
            _identity(account_id, region_name).create_identity_pool(**_identity_args(properties, name))
        )
        return cls(created["IdentityPoolId"], name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnIdentityPool,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnIdentityPool:
        properties = cloudformation_json.get("Properties") or {}
        name = str(properties.get("IdentityPoolName") or original_resource.name)
        args = _identity_args(properties, name)
        pool = _identity(account_id, region_name).identity_pools[original_resource.pool_id]
        pool.identity_pool_name = name
        pool.allow_unauthenticated_identities = args["allow_unauthenticated_identities"]
        pool.supported_login_providers = args["supported_login_providers"]
        pool.cognito_identity_providers = args["cognito_identity_providers"]
        pool.open_id_connect_provider_arns = args["open_id_connect_provider_arns"]
        pool.saml_provider_arns = args["saml_provider_arns"]
        original_resource.name = name
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _identity(self.account_id, self.region)
        if self.pool_id in backend.identity_pools:
            backend.delete_identity_pool(self.pool_id)


# --- AWS::Cognito::IdentityPoolRoleAttachment ---------------------------------------------------


class CfnIdentityPoolRoleAttachment(_Resource):
    def __init__(self, pool_id: str, account_id: str, region: str):
        self.pool_id = pool_id
        self.account_id, self.region = account_id, region

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Cognito::IdentityPoolRoleAttachment"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @property
    def physical_resource_id(self) -> str:
        return self.pool_id

    @staticmethod
    def _attach(properties: dict[str, Any], account_id: str, region_name: str) -> str:
        pool_id = str(properties.get("IdentityPoolId") or "")
        backend = _identity(account_id, region_name)
        if pool_id not in backend.identity_pools:
            raise ResourceNotFoundError(f"IdentityPool '{pool_id}' not found.")
        roles = {str(k): str(v) for k, v in (properties.get("Roles") or {}).items()}
        for key, arn in roles.items():
            if key not in ("authenticated", "unauthenticated"):
                raise InvalidParameterException(
                    f"Roles: unknown key {key!r} (authenticated or unauthenticated)."
                )
            if not _ROLE_ARN.match(arn):
                raise InvalidParameterException(f"Roles.{key}: {arn!r} is not a valid IAM role ARN.")
        pool = backend.identity_pools[pool_id]
        pool.roles = roles  # what GetCredentialsForIdentity would hand out
        pool.role_mappings = dict(properties.get("RoleMappings") or {})
        return pool_id

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnIdentityPoolRoleAttachment:
        pool_id = cls._attach(cloudformation_json.get("Properties") or {}, account_id, region_name)
        return cls(pool_id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnIdentityPoolRoleAttachment,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnIdentityPoolRoleAttachment:
        pool_id = cls._attach(cloudformation_json.get("Properties") or {}, account_id, region_name)
        return cls(pool_id, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        pool = _identity(self.account_id, self.region).identity_pools.get(self.pool_id)
        if pool is not None:
            pool.roles = {}


RESOURCE_TYPES = (
    CfnUserPool,
    CfnUserPoolClient,
    CfnUserPoolGroup,
    CfnUserPoolDomain,
    CfnIdentityPool,
    CfnIdentityPoolRoleAttachment,
)


# --- sign-in rules moto skips -----------------------------------------------------------------


def allowed_flows(client: Any) -> list[str]:
    return list(client.extended_config.get("ExplicitAuthFlows") or DEFAULT_FLOWS)


def _enforce_auth_flows() -> None:
    """``InitiateAuth`` with a flow the app client does not allow fails, as in AWS."""
    original = CognitoIdpBackend.initiate_auth

    def initiate_auth(
        self: CognitoIdpBackend, client_id: str, auth_flow: str, auth_parameters: dict[str, str]
    ) -> Any:
        for pool in self.user_pools.values():
            client = pool.clients.get(client_id)
            if client is not None:
                needed = _FLOW_PERMISSION.get(str(auth_flow), ())
                if needed and not set(needed) & set(allowed_flows(client)):
                    raise InvalidParameterException(f"{auth_flow} flow not enabled for this client")
        return original(self, client_id, auth_flow, auth_parameters)

    CognitoIdpBackend.initiate_auth = initiate_auth


def _enforce_required_attributes() -> None:
    """``SignUp`` without one of the pool's required attributes fails, as in AWS."""
    original = CognitoIdpBackend.sign_up

    def sign_up(
        self: CognitoIdpBackend,
        client_id: str,
        username: str,
        password: str,
        attributes: list[dict[str, str]],
    ) -> Any:
        for pool in self.user_pools.values():
            if client_id in pool.clients:
                given = {a.get("Name") for a in attributes or []}
                given |= set(pool.extended_config.get("UsernameAttributes") or []) & {"email", "phone_number"}
                missing = sorted(
                    n
                    for n, a in pool.schema_attributes.items()
                    if a.required and n not in given and n != "sub"
                )  # sub: Cognito's own
                if missing:
                    raise InvalidParameterException(
                        "Attributes did not conform to the schema: "
                        + ", ".join(f"{n}: The attribute {n} is required" for n in missing)
                    )
        return original(self, client_id, username, password, attributes)

    CognitoIdpBackend.sign_up = sign_up
