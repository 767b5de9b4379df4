"""The CloudFormation templates of an auth resource and of the user-pool groups (pure).

Built from ``cli-inputs.json`` on every push, like Gen 1's ``build/`` templates, with plain
CloudFormation properties where Gen 1 used Lambda-backed custom resources: ``EnabledMfas`` for
TOTP, no app-client-secret callout (the secret is never copied into the project), and no
role-mapping Lambda for groups. Settings are written into the template rather than passed as
parameters; the parameters left are the ones that differ per environment or come from the
root stack (``env``, ``authRoleArn``, ``unauthRoleArn``) or from the auth stack
(``auth<resource>UserPoolId`` …), named as Gen 1 names them.
"""

from __future__ import annotations

import json
from typing import Any

from .inputs import has_identity_pool

NOT_ENV = "ShouldNotCreateEnvResources"

#: The web client allows password sign-in besides SRP: Amplify libraries can use either, and
#: it is the flow a script or test can run without an SRP implementation.
WEB_AUTH_FLOWS = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_CUSTOM_AUTH",
]
NATIVE_AUTH_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"]


def _env_name(base: str, separator: str = "-") -> dict[str, Any]:
    return {"Fn::If": [NOT_ENV, base, {"Fn::Join": ["", [base, separator, {"Ref": "env"}]]}]}


def _description(service: str) -> str:
    return json.dumps({"createdBy": "amplify-python", "stackType": f"auth-{service}"}, separators=(",", ":"))


def uses_sms(config: dict[str, Any]) -> bool:
    """SMS needs an SNS role: an SMS second factor, or phone numbers verified by code."""
    mfa_sms = config.get("mfaConfiguration", "OFF") != "OFF" and "SMS Text Message" in (
        config.get("mfaTypes") or []
    )
    return mfa_sms or "phone_number" in (config.get("autoVerifiedAttributes") or [])


def user_pool_template(config: dict[str, Any]) -> dict[str, Any]:
    """The ``Cognito`` resource: user pool, web and native clients, identity pool and roles."""
    identity = has_identity_pool(config)
    truncated = config.get("resourceNameTruncated") or config["resourceName"][:14]
    characters = set(config.get("passwordPolicyCharacters") or [])
    verified = list(config.get("autoVerifiedAttributes") or [])
    pool: dict[str, Any] = {
        "UserPoolName": _env_name(config["userPoolName"]),
        "Schema": [
            {"Name": a, "Required": True, "Mutable": True} for a in config.get("requiredAttributes") or []
        ],
        "AutoVerifiedAttributes": verified,
        "Policies": {
            "PasswordPolicy": {
                "MinimumLength": int(config.get("passwordPolicyMinLength") or 8),
                "RequireLowercase": "Requires Lowercase" in characters,
                "RequireUppercase": "Requires Uppercase" in characters,
                "RequireNumbers": "Requires Numbers" in characters,
                "RequireSymbols": "Requires Symbols" in characters,
            }
        },
        "MfaConfiguration": config.get("mfaConfiguration", "OFF"),
        "UsernameConfiguration": {"CaseSensitive": bool(config.get("usernameCaseSensitive", False))},
    }
    if not pool["Schema"]:
        del pool["Schema"]
    if "email" in verified:
        pool["EmailVerificationSubject"] = config.get("emailVerificationSubject")
        pool["EmailVerificationMessage"] = config.get("emailVerificationMessage")
    username_attributes = [
        a for a in config.get("usernameAttributes") or [] if a in ("email", "phone_number")
    ]
    if username_attributes:
        pool["UsernameAttributes"] = username_attributes
    elif config.get("aliasAttributes"):
        pool["AliasAttributes"] = list(config["aliasAttributes"])
    resources: dict[str, Any] = {}
    if pool["MfaConfiguration"] != "OFF":
        types = config.get("mfaTypes") or ["SMS Text Message"]
        pool["EnabledMfas"] = [
            m for t, m in (("SMS Text Message", "SMS_MFA"), ("TOTP", "SOFTWARE_TOKEN_MFA")) if t in types
        ]
        if "SMS Text Message" in types:
            pool["SmsAuthenticationMessage"] = config.get("smsAuthenticationMessage")
    if uses_sms(config):
        pool["SmsVerificationMessage"] = config.get("smsVerificationMessage")
        pool["SmsConfiguration"] = {
            "SnsCallerArn": {"Fn::GetAtt": ["SNSRole", "Arn"]},
            "ExternalId": f"{truncated}_role_external_id",
        }
        resources["SNSRole"] = _sns_role(truncated)
    resources["UserPool"] = {"Type": "AWS::Cognito::UserPool", "Properties": pool}
    validity = int(config.get("userpoolClientRefreshTokenValidity") or 30)
    for logical_id, name, flows, secret in (
        ("UserPoolClientWeb", f"{truncated}_app_clientWeb", WEB_AUTH_FLOWS, False),
        (
            "UserPoolClient",
            f"{truncated}_app_client",
            NATIVE_AUTH_FLOWS,
            bool(config.get("userpoolClientGenerateSecret")),
        ),
    ):
        client: dict[str, Any] = {
            "UserPoolId": {"Ref": "UserPool"},
            "ClientName": name,
            "RefreshTokenValidity": validity,
            "TokenValidityUnits": {"RefreshToken": "days"},
            "ExplicitAuthFlows": flows,
        }
        if secret:
            client["GenerateSecret"] = True
        if config.get("userpoolClientSetAttributes"):
            client["ReadAttributes"] = list(config.get("userpoolClientReadAttributes") or [])
            client["WriteAttributes"] = list(config.get("userpoolClientWriteAttributes") or [])
        resources[logical_id] = {"Type": "AWS::Cognito::UserPoolClient", "Properties": client}
    outputs: dict[str, Any] = {
        "UserPoolId": {"Value": {"Ref": "UserPool"}, "Description": "Id for the user pool"},
        "UserPoolArn": {"Value": {"Fn::GetAtt": ["UserPool", "Arn"]}, "Description": "Arn for the user pool"},
        "UserPoolName": {"Value": _env_name(config["userPoolName"])},
        "AppClientIDWeb": {
            "Value": {"Ref": "UserPoolClientWeb"},
            "Description": "The user pool app client id for web",
        },
        "AppClientID": {"Value": {"Ref": "UserPoolClient"}, "Description": "The user pool app client id"},
    }
    parameters: dict[str, Any] = {"env": {"Type": "String"}}
    if identity:
        provider = {
            "Fn::Sub": [
                "cognito-idp.${region}.amazonaws.com/${client}",
                {"region": {"Ref": "AWS::Region"}, "client": {"Ref": "UserPool"}},
            ]
        }
        resources["IdentityPool"] = {
            "Type": "AWS::Cognito::IdentityPool",
            "Properties": {
                "IdentityPoolName": _env_name(config["identityPoolName"], "__"),
                "CognitoIdentityProviders": [
                    {"ClientId": {"Ref": "UserPoolClient"}, "ProviderName": provider},
                    {"ClientId": {"Ref": "UserPoolClientWeb"}, "ProviderName": provider},
                ],
                "AllowUnauthenticatedIdentities": bool(config.get("allowUnauthenticatedIdentities", False)),
            },
        }
        resources["IdentityPoolRoleMap"] = {
            "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
            "Properties": {
                "IdentityPoolId": {"Ref": "IdentityPool"},
                "Roles": {
                    "unauthenticated": {"Ref": "unauthRoleArn"},
                    "authenticated": {"Ref": "authRoleArn"},
                },
            },
        }
        outputs["IdentityPoolId"] = {
            "Value": {"Ref": "IdentityPool"},
            "Description": "Id for the identity pool",
        }
        outputs["IdentityPoolName"] = {"Value": {"Fn::GetAtt": ["IdentityPool", "Name"]}}
        parameters["authRoleArn"] = {"Type": "String"}
        parameters["unauthRoleArn"] = {"Type": "String"}
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": _description("Cognito"),
        "Parameters": parameters,
        "Conditions": {NOT_ENV: {"Fn::Equals": [{"Ref": "env"}, "NONE"]}},
        "Resources": resources,
        "Outputs": outputs,
    }


def _sns_role(truncated: str) -> dict[str, Any]:
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "RoleName": _env_name(f"sns{truncated}"),
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "cognito-idp.amazonaws.com"},
                        "Action": ["sts:AssumeRole"],
                        "Condition": {"StringEquals": {"sts:ExternalId": f"{truncated}_role_external_id"}},
                    }
                ],
            },
            "Policies": [
                {
                    "PolicyName": f"{truncated}-sns-policy",
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Action": ["sns:Publish"], "Resource": "*"}],
                    },
                }
            ],
        },
    }


def root_parameters(config: dict[str, Any]) -> dict[str, Any]:
    """``build/parameters.json``: the root stack's roles, as Gen 1 passes them."""
    if not has_identity_pool(config):
        return {}
    return {
        "authRoleArn": {"Fn::GetAtt": ["AuthRole", "Arn"]},
        "unauthRoleArn": {"Fn::GetAtt": ["UnauthRole", "Arn"]},
    }


def groups_template(
    auth_resource: str, groups: list[dict[str, Any]], *, identity_pool: bool
) -> dict[str, Any]:
    """The ``Cognito-UserPool-Groups`` resource: one group per entry, and with an identity
    pool, one IAM role per group that its signed-in members can assume."""
    prefix = f"auth{auth_resource}"
    parameters: dict[str, Any] = {f"{prefix}UserPoolId": {"Type": "String"}}
    if identity_pool:
        parameters[f"{prefix}IdentityPoolId"] = {"Type": "String"}
    resources: dict[str, Any] = {}
    outputs: dict[str, Any] = {}
    for group in groups:
        name = group["groupName"]
        properties: dict[str, Any] = {
            "GroupName": name,
            "Precedence": int(group["precedence"]),
            "UserPoolId": {"Ref": f"{prefix}UserPoolId"},
        }
        if identity_pool:
            role = f"{name}GroupRole"
            properties["RoleArn"] = {"Fn::GetAtt": [role, "Arn"]}
            resources[role] = {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": {"Fn::Join": ["", [{"Ref": f"{prefix}UserPoolId"}, f"-{role}"]]},
                    "AssumeRolePolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Sid": "",
                                "Effect": "Allow",
                                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                                "Action": "sts:AssumeRoleWithWebIdentity",
                                "Condition": {
                                    "StringEquals": {
                                        "cognito-identity.amazonaws.com:aud": {
                                            "Ref": f"{prefix}IdentityPoolId"
                                        }
                                    },
                                    "ForAnyValue:StringLike": {
                                        "cognito-identity.amazonaws.com:amr": "authenticated"
                                    },
                                },
                            }
                        ],
                    },
                },
            }
            outputs[role] = {"Value": {"Fn::GetAtt": [role, "Arn"]}}
        resources[f"{name}Group"] = {"Type": "AWS::Cognito::UserPoolGroup", "Properties": properties}
    template: dict[str, Any] = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": _description("Cognito-UserPool-Groups"),
        "Parameters": parameters,
        "Resources": resources,
    }
    if outputs:
        template["Outputs"] = outputs
    return template


def groups_depends_on(auth_resource: str, *, identity_pool: bool) -> list[dict[str, Any]]:
    """The groups resource's ``dependsOn`` in ``backend-config.json`` (Gen 1's attributes)."""
    attributes = ["UserPoolId", "AppClientIDWeb", "AppClientID"] + (
        ["IdentityPoolId"] if identity_pool else []
    )
    return [{"category": "auth", "resourceName": auth_resource, "attributes": attributes}]
