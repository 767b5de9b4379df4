"""Cognito identities and other temporary credentials get only their role's rights, and Cognito
refuses what AWS refuses (issue 12 item 7, issue 14's "a guest cannot")."""

from __future__ import annotations

import json

import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

BUCKET = "identity-files"


def trust(pool: dict | str, amr: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": pool},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr},
                },
            }
        ],
    }


def template(guest_trust_pool: dict | str | None = None) -> str:
    guest_policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": f"arn:aws:s3:::{BUCKET}/public/*"},
            {"Effect": "Allow", "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"},
            {"Effect": "Deny", "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{BUCKET}/public/*"},
            {
                "Effect": "Allow",
                "Action": "s3:PutObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/mine/${{cognito-identity.amazonaws.com:sub}}/*",
            },
        ],
    }
    pool = {"Ref": "Pool"}
    return json.dumps(
        {
            "Resources": {
                "Files": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": BUCKET}},
                "Pool": {
                    "Type": "AWS::Cognito::IdentityPool",
                    "Properties": {"AllowUnauthenticatedIdentities": True},
                },
                "GuestRole": {
                    "Type": "AWS::IAM::Role",
                    "Properties": {
                        "AssumeRolePolicyDocument": trust(guest_trust_pool or pool, "unauthenticated"),
                        "Policies": [{"PolicyName": "files", "PolicyDocument": guest_policy}],
                    },
                },
                "Roles": {
                    "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                    "Properties": {
                        "IdentityPoolId": pool,
                        "Roles": {"unauthenticated": {"Fn::GetAtt": ["GuestRole", "Arn"]}},
                    },
                },
            },
            "Outputs": {"Pool": {"Value": pool}},
        }
    )


def deploy(server, body: str) -> str:
    cfn = server.client("cloudformation")
    cfn.create_stack(StackName="identities", TemplateBody=body, Capabilities=["CAPABILITY_IAM"])
    [stack] = cfn.describe_stacks(StackName="identities")["Stacks"]
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack
    return stack["Outputs"][0]["OutputValue"]


def unsigned(server):
    return server.client("cognito-identity", config=Config(signature_version=UNSIGNED))


def error(call) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as raised:
        call()
    response = raised.value.response
    return (
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Message"],
    )


def test_a_guest_gets_the_unauthenticated_role_and_only_its_rights(sandbox_server_env):
    server = sandbox_server_env
    pool = deploy(server, template())
    identity = unsigned(server)
    guest = identity.get_id(IdentityPoolId=pool)["IdentityId"]
    found = identity.get_credentials_for_identity(IdentityId=guest)["Credentials"]
    assert found["AccessKeyId"].startswith("ASIA") and found["SessionToken"]
    s3 = server.client(
        "s3",
        aws_access_key_id=found["AccessKeyId"],
        aws_secret_access_key=found["SecretKey"],
        aws_session_token=found["SessionToken"],
    )
    server.client("s3").put_object(Bucket=BUCKET, Key="public/a", Body=b"a")
    assert s3.get_object(Bucket=BUCKET, Key="public/a")["Body"].read() == b"a"
    s3.put_object(Bucket=BUCKET, Key=f"mine/{guest}/n", Body=b"n")  # ${…:sub} is the identity
    s3.put_object(Bucket=BUCKET, Key="other/n", Body=b"n")
    code, status, message = error(lambda: s3.put_object(Bucket=BUCKET, Key="public/b", Body=b"b"))
    assert (code, status) == ("AccessDenied", 403) and "explicit deny" in message
    code, status, message = error(lambda: s3.list_objects_v2(Bucket=BUCKET))
    assert (code, status) == ("AccessDenied", 403)
    assert (
        message.startswith("User: arn:aws:sts::123456789012:assumed-role/")
        and "CognitoIdentityCredentials" in message
    )
    code, status, _ = error(lambda: server.client("cloudformation", **_keys(found)).describe_stacks())
    assert (code, status) == ("AccessDenied", 403)
    # the sandbox's own keys keep full access
    assert server.client("s3").get_object(Bucket=BUCKET, Key="other/n")["Body"].read() == b"n"


def _keys(found: dict) -> dict:
    return {
        "aws_access_key_id": found["AccessKeyId"],
        "aws_secret_access_key": found["SecretKey"],
        "aws_session_token": found["SessionToken"],
    }


def test_cognito_refuses_what_aws_refuses(sandbox_server_env):
    server = sandbox_server_env
    pool = deploy(server, template(guest_trust_pool="us-east-1:00000000-0000-0000-0000-000000000000"))
    identity = unsigned(server)
    guest = identity.get_id(IdentityPoolId=pool)["IdentityId"]
    # the role trusts another pool
    assert error(lambda: identity.get_credentials_for_identity(IdentityId=guest))[:2] == (
        "InvalidIdentityPoolConfigurationException",
        400,
    )
    assert error(lambda: identity.get_credentials_for_identity(IdentityId="us-east-1:nobody"))[:2] == (
        "ResourceNotFoundException",
        400,
    )
    code, _, message = error(lambda: identity.get_id(IdentityPoolId="us-east-1:nothing-here"))
    assert (
        code == "ResourceNotFoundException" and "IdentityPool 'us-east-1:nothing-here' not found." in message
    )
    code, _, message = error(
        lambda: identity.get_id(
            IdentityPoolId=pool, Logins={"cognito-idp.us-east-1.amazonaws.com/us-east-1_none": "x.y.z"}
        )
    )
    assert (code, message) == (
        "NotAuthorizedException",
        "Token is not from a supported provider of this identity pool.",
    )


def test_a_role_session_of_a_role_that_does_not_exist_may_do_nothing(sandbox_server_env):
    """A session outlives its role (deleted after the assumption): it may do nothing."""
    server = sandbox_server_env
    iam = server.client("iam")
    anyone = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
    }
    iam.create_role(RoleName="ghost", AssumeRolePolicyDocument=json.dumps(anyone))
    found = server.client("sts").assume_role(
        RoleArn="arn:aws:iam::123456789012:role/ghost", RoleSessionName="s1"
    )
    iam.delete_role(RoleName="ghost")
    keys = {
        "aws_access_key_id": found["Credentials"]["AccessKeyId"],
        "aws_secret_access_key": found["Credentials"]["SecretAccessKey"],
        "aws_session_token": found["Credentials"]["SessionToken"],
    }
    assert error(lambda: server.client("s3", **keys).list_buckets())[:2] == ("AccessDenied", 403)
    caller = server.client("sts", **keys).get_caller_identity()  # always allowed, as in AWS
    assert caller["Arn"].endswith("assumed-role/ghost/s1")
