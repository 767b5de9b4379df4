"""The Cognito CloudFormation types the sandbox learns (in-process), and the failures AWS has."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError


def pool_template(
    *,
    extra_pool: dict | None = None,
    groups: dict | None = None,
    domain: str | None = None,
    guests: bool = False,
) -> str:
    pool = {
        "UserPoolName": "notes-users",
        "UsernameAttributes": ["email"],
        "AutoVerifiedAttributes": ["email"],
        "Schema": [{"Name": "email", "Required": True, "Mutable": True}],
        "Policies": {
            "PasswordPolicy": {
                "MinimumLength": 10,
                "RequireNumbers": True,
                "RequireLowercase": False,
                "RequireUppercase": False,
                "RequireSymbols": False,
            }
        },
        **(extra_pool or {}),
    }
    resources = {
        "UserPool": {"Type": "AWS::Cognito::UserPool", "Properties": pool},
        "WebClient": {
            "Type": "AWS::Cognito::UserPoolClient",
            "Properties": {
                "UserPoolId": {"Ref": "UserPool"},
                "ClientName": "web",
                "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            },
        },
        "NativeClient": {
            "Type": "AWS::Cognito::UserPoolClient",
            "Properties": {"UserPoolId": {"Ref": "UserPool"}, "ClientName": "native"},
        },
        "Role": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": "sts:AssumeRoleWithWebIdentity",
                            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                        }
                    ],
                }
            },
        },
        "IdentityPool": {
            "Type": "AWS::Cognito::IdentityPool",
            "Properties": {
                "IdentityPoolName": "notes_identities",
                "AllowUnauthenticatedIdentities": guests,
                "CognitoIdentityProviders": [
                    {
                        "ClientId": {"Ref": "WebClient"},
                        "ProviderName": {"Fn::GetAtt": ["UserPool", "ProviderName"]},
                    }
                ],
            },
        },
        "RoleMap": {
            "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
            "Properties": {
                "IdentityPoolId": {"Ref": "IdentityPool"},
                "Roles": {
                    "authenticated": {"Fn::GetAtt": ["Role", "Arn"]},
                    "unauthenticated": {"Fn::GetAtt": ["Role", "Arn"]},
                },
            },
        },
    }
    for name, precedence in (groups or {}).items():
        resources[f"{name}Group"] = {
            "Type": "AWS::Cognito::UserPoolGroup",
            "Properties": {
                "GroupName": name,
                "Precedence": precedence,
                "UserPoolId": {"Ref": "UserPool"},
                "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
            },
        }
    if domain:
        resources["Domain"] = {
            "Type": "AWS::Cognito::UserPoolDomain",
            "Properties": {"Domain": domain, "UserPoolId": {"Ref": "UserPool"}},
        }
    outputs = {
        "UserPoolId": {"Value": {"Ref": "UserPool"}},
        "Arn": {"Value": {"Fn::GetAtt": ["UserPool", "Arn"]}},
        "WebClientId": {"Value": {"Ref": "WebClient"}},
        "NativeClientId": {"Value": {"Ref": "NativeClient"}},
        "IdentityPoolId": {"Value": {"Ref": "IdentityPool"}},
        "IdentityPoolName": {"Value": {"Fn::GetAtt": ["IdentityPool", "Name"]}},
    }
    return json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources, "Outputs": outputs})


@pytest.fixture
def aws(sandbox_inprocess):
    return {
        name: sandbox_inprocess.client(name) for name in ("cloudformation", "cognito-idp", "cognito-identity")
    }


def outputs(cfn, stack: str) -> dict[str, str]:
    described = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs") or []}


def sign_up(idp, client_id: str, email: str, password: str, attributes=None):
    return idp.sign_up(
        ClientId=client_id,
        Username=email,
        Password=password,
        UserAttributes=attributes if attributes is not None else [{"Name": "email", "Value": email}],
    )


def test_a_stack_makes_a_pool_users_can_sign_up_and_in_to(aws):
    cfn, idp, identity = aws["cloudformation"], aws["cognito-idp"], aws["cognito-identity"]
    cfn.create_stack(
        StackName="auth",
        TemplateBody=pool_template(groups={"Admins": 1, "Editors": 4}),
        Capabilities=["CAPABILITY_IAM"],
    )
    out = outputs(cfn, "auth")
    pool = idp.describe_user_pool(UserPoolId=out["UserPoolId"])["UserPool"]
    assert (
        pool["Name"] == "notes-users"
        and pool["UsernameAttributes"] == ["email"]
        and pool["Arn"] == out["Arn"]
    )
    assert {a["Name"] for a in pool["SchemaAttributes"]} >= {"email", "name", "phone_number", "sub"}
    assert sorted(
        (g["GroupName"], g["Precedence"]) for g in idp.list_groups(UserPoolId=out["UserPoolId"])["Groups"]
    ) == [("Admins", 1), ("Editors", 4)]
    described = identity.describe_identity_pool(IdentityPoolId=out["IdentityPoolId"])
    assert described["IdentityPoolName"] == out["IdentityPoolName"] == "notes_identities"
    assert (
        described["CognitoIdentityProviders"][0]["ProviderName"]
        == f"cognito-idp.us-east-1.amazonaws.com/{out['UserPoolId']}"
    )

    with pytest.raises(ClientError, match="InvalidPasswordException"):
        sign_up(idp, out["WebClientId"], "ann@example.com", "no-digits-here")
    sign_up(idp, out["WebClientId"], "ann@example.com", "digits-123456")
    with pytest.raises(ClientError, match="UserNotConfirmedException"):
        idp.initiate_auth(
            ClientId=out["WebClientId"],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann@example.com", "PASSWORD": "digits-123456"},
        )
    idp.admin_confirm_sign_up(UserPoolId=out["UserPoolId"], Username="ann@example.com")
    tokens = idp.initiate_auth(
        ClientId=out["WebClientId"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann@example.com", "PASSWORD": "digits-123456"},
    )
    assert tokens["AuthenticationResult"]["IdToken"]


def test_the_client_and_the_schema_decide_what_aws_would_refuse(aws):
    cfn, idp = aws["cloudformation"], aws["cognito-idp"]
    by_username = pool_template(extra_pool={"UsernameAttributes": []})
    cfn.create_stack(StackName="auth", TemplateBody=by_username, Capabilities=["CAPABILITY_IAM"])
    out = outputs(cfn, "auth")
    with pytest.raises(ClientError, match="USER_PASSWORD_AUTH flow not enabled for this client"):
        idp.initiate_auth(
            ClientId=out["NativeClientId"],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "x@example.com", "PASSWORD": "digits-123456"},
        )
    with pytest.raises(ClientError, match="email: The attribute email is required"):
        sign_up(idp, out["WebClientId"], "someone", "digits-123456", attributes=[])
    sign_up(idp, out["WebClientId"], "someone", "digits-123456")  # with the email: accepted


def test_update_changes_the_pool_in_place_and_groups_follow(aws):
    cfn, idp, identity = aws["cloudformation"], aws["cognito-idp"], aws["cognito-identity"]
    cfn.create_stack(
        StackName="auth", TemplateBody=pool_template(groups={"Admins": 1}), Capabilities=["CAPABILITY_IAM"]
    )
    before = outputs(cfn, "auth")
    cfn.update_stack(
        StackName="auth",
        Capabilities=["CAPABILITY_IAM"],
        TemplateBody=pool_template(
            extra_pool={"MfaConfiguration": "OPTIONAL", "EnabledMfas": ["SOFTWARE_TOKEN_MFA"]},
            groups={"Readers": 2},
            guests=True,
        ),
    )
    after = outputs(cfn, "auth")
    assert after["UserPoolId"] == before["UserPoolId"] and after["WebClientId"] == before["WebClientId"]
    mfa = idp.get_user_pool_mfa_config(UserPoolId=after["UserPoolId"])
    assert mfa["MfaConfiguration"] == "OPTIONAL" and mfa["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    assert [g["GroupName"] for g in idp.list_groups(UserPoolId=after["UserPoolId"])["Groups"]] == ["Readers"]
    assert (
        identity.describe_identity_pool(IdentityPoolId=after["IdentityPoolId"])[
            "AllowUnauthenticatedIdentities"
        ]
        is True
    )
    cfn.delete_stack(StackName="auth")
    assert idp.list_user_pools(MaxResults=10)["UserPools"] == []
    assert identity.list_identity_pools(MaxResults=10)["IdentityPools"] == []


@pytest.mark.parametrize(
    "extra, reason",
    [
        ({"AliasAttributes": ["preferred_username"]}, "Only one of UsernameAttributes or AliasAttributes"),
        ({"MfaConfiguration": "ON"}, "SMS configuration is required"),
    ],
)
def test_templates_aws_rejects_are_rejected(aws, extra, reason):
    cfn, idp = aws["cloudformation"], aws["cognito-idp"]
    try:
        cfn.create_stack(
            StackName="bad", TemplateBody=pool_template(extra_pool=extra), Capabilities=["CAPABILITY_IAM"]
        )
    except ClientError as exc:
        assert reason in str(exc)
    else:
        stack = cfn.describe_stacks(StackName="bad")["Stacks"][0]
        assert stack["StackStatus"] in ("CREATE_FAILED", "ROLLBACK_COMPLETE")
        events = cfn.describe_stack_events(StackName="bad")["StackEvents"]
        assert any(reason in (e.get("ResourceStatusReason") or "") for e in events)
    assert idp.list_user_pools(MaxResults=10)["UserPools"] == []


def test_a_domain_another_pool_holds_is_refused(aws):
    cfn = aws["cloudformation"]
    cfn.create_stack(
        StackName="first", TemplateBody=pool_template(domain="notes-login"), Capabilities=["CAPABILITY_IAM"]
    )
    assert (
        aws["cognito-idp"].describe_user_pool_domain(Domain="notes-login")["DomainDescription"]["UserPoolId"]
        == outputs(cfn, "first")["UserPoolId"]
    )
    # As in CloudFormation: CreateStack is accepted, the domain fails, the stack rolls back.
    cfn.create_stack(
        StackName="second", TemplateBody=pool_template(domain="notes-login"), Capabilities=["CAPABILITY_IAM"]
    )
    assert cfn.describe_stacks(StackName="second")["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    reasons = [
        e.get("ResourceStatusReason") or ""
        for e in cfn.describe_stack_events(StackName="second")["StackEvents"]
        if e["ResourceStatus"] == "CREATE_FAILED"
    ]
    assert any("Domain already associated with another user pool" in r for r in reasons), reasons
    pools = aws["cognito-idp"].list_user_pools(MaxResults=10)["UserPools"]
    assert [p["Id"] for p in pools] == [outputs(cfn, "first")["UserPoolId"]]  # nothing half-made
