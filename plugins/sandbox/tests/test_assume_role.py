"""``AssumeRole`` against a sandbox server (``moto_extensions/sts_assume_role.py``), as STS
documents it: the role must exist and its trust policy must allow the caller, with its
conditions (MFA, external ID); otherwise ``AccessDenied`` (403) and no credentials."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

ACCOUNT = "123456789012"


def make_role(server, name: str, *statements: dict, policy: dict | None = None) -> str:
    iam = server.client("iam")
    document = {"Version": "2012-10-17", "Statement": list(statements)}
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(document))["Role"]["Arn"]
    if policy is not None:
        iam.put_role_policy(RoleName=name, PolicyName="p", PolicyDocument=json.dumps(policy))
    return arn


def trust(principal, **condition) -> dict:
    statement = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
    if condition:
        statement["Condition"] = condition
    return statement


def refused(call) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as error:
        call()
    response = error.value.response
    return (
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Message"],
    )


def test_a_role_that_does_not_exist_is_access_denied(sandbox_server_env):
    sts = sandbox_server_env.client("sts")
    ghost = f"arn:aws:iam::{ACCOUNT}:role/ghost"
    code, status, message = refused(lambda: sts.assume_role(RoleArn=ghost, RoleSessionName="s1"))
    assert (code, status) == ("AccessDenied", 403)
    assert (
        message
        == f"User: arn:aws:iam::{ACCOUNT}:root is not authorized to perform: sts:AssumeRole on resource: {ghost}"
    )
    other_account = "arn:aws:iam::210987654321:role/ghost"
    assert refused(lambda: sts.assume_role(RoleArn=other_account, RoleSessionName="s1"))[0] == "AccessDenied"


def test_the_trust_policy_decides_who_may_assume(sandbox_server_env):
    server = sandbox_server_env
    sts = server.client("sts")
    lambda_only = make_role(server, "lambda-only", trust({"Service": "lambda.amazonaws.com"}))
    assert refused(lambda: sts.assume_role(RoleArn=lambda_only, RoleSessionName="s1"))[0] == "AccessDenied"
    by_root = make_role(server, "by-root", trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}))
    assert sts.assume_role(RoleArn=by_root, RoleSessionName="s1")["AssumedRoleUser"]["Arn"].endswith(
        "assumed-role/by-root/s1"
    )
    by_id = make_role(server, "by-id", trust({"AWS": ACCOUNT}))
    assert sts.assume_role(RoleArn=by_id, RoleSessionName="s1")["Credentials"]["AccessKeyId"].startswith(
        "ASIA"
    )
    denied = make_role(
        server,
        "denied",
        trust({"AWS": "*"}),
        {"Effect": "Deny", "Principal": {"AWS": ACCOUNT}, "Action": "sts:AssumeRole"},
    )
    assert refused(lambda: sts.assume_role(RoleArn=denied, RoleSessionName="s1"))[0] == "AccessDenied"


def test_a_role_that_requires_mfa_needs_the_serial_and_a_code(sandbox_server_env):
    server = sandbox_server_env
    sts = server.client("sts")
    role = make_role(server, "mfa-only", trust({"AWS": ACCOUNT}, Bool={"aws:MultiFactorAuthPresent": "true"}))
    assert refused(lambda: sts.assume_role(RoleArn=role, RoleSessionName="s1"))[:2] == ("AccessDenied", 403)
    serial = f"arn:aws:iam::{ACCOUNT}:mfa/dev"
    found = sts.assume_role(RoleArn=role, RoleSessionName="s1", SerialNumber=serial, TokenCode="123456")
    assert found["Credentials"]["SessionToken"]
    code, status, _ = refused(
        lambda: sts.assume_role(RoleArn=role, RoleSessionName="s1", SerialNumber=serial, TokenCode="12ab56")
    )
    assert (code, status) == ("ValidationError", 400)


def test_a_role_that_requires_an_external_id_needs_that_id(sandbox_server_env):
    server = sandbox_server_env
    sts = server.client("sts")
    role = make_role(
        server, "partner", trust({"AWS": ACCOUNT}, StringEquals={"sts:ExternalId": "dev-corp-42"})
    )
    assert refused(lambda: sts.assume_role(RoleArn=role, RoleSessionName="s1"))[0] == "AccessDenied"
    wrong = refused(lambda: sts.assume_role(RoleArn=role, RoleSessionName="s1", ExternalId="other"))
    assert wrong[0] == "AccessDenied"
    assert sts.assume_role(RoleArn=role, RoleSessionName="s1", ExternalId="dev-corp-42")["Credentials"]


def test_a_role_session_assumes_another_role_only_if_both_sides_allow_it(sandbox_server_env):
    """Role chaining: B's trust names role A; A's own policy must also allow sts:AssumeRole."""
    server = sandbox_server_env
    allow_assume = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}],
    }
    first = make_role(server, "first", trust({"AWS": ACCOUNT}), policy=allow_assume)
    mute = make_role(server, "mute", trust({"AWS": ACCOUNT}))  # no policy: may do nothing
    second = make_role(server, "second", trust({"AWS": [first, mute]}))

    def session_sts(role_arn: str):
        found = server.client("sts").assume_role(RoleArn=role_arn, RoleSessionName="hop")["Credentials"]
        return server.client(
            "sts",
            aws_access_key_id=found["AccessKeyId"],
            aws_secret_access_key=found["SecretAccessKey"],
            aws_session_token=found["SessionToken"],
        )

    chained = session_sts(first).assume_role(RoleArn=second, RoleSessionName="hop2")
    assert chained["AssumedRoleUser"]["Arn"].endswith("assumed-role/second/hop2")
    code, _, message = refused(lambda: session_sts(mute).assume_role(RoleArn=second, RoleSessionName="x1"))
    assert code == "AccessDenied" and "assumed-role/mute/hop" in message
    third = make_role(server, "third", trust({"AWS": mute}))
    assert (
        refused(lambda: session_sts(first).assume_role(RoleArn=third, RoleSessionName="x1"))[0]
        == "AccessDenied"
    )
