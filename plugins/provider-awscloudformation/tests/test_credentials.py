"""Credentials: assume-role with MFA and the cache, reset-cache, general level, and a real
terminal answering the interactive init."""

from __future__ import annotations

import json
import os
import stat
import sys
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from amplify_core.cli import runtime
from amplify_core.prompts.prompter import ScriptedPrompter
from amplify_core.testing import AMPLIFY, spawn_amplify
from botocore.exceptions import ClientError

from .conftest import (
    ACCOUNT,
    FRONTEND,
    MFA_SERIAL,
    ROLE_ARN,
    SECRET,
    amplify_param,
    make_web_app,
    read,
    write_profiles,
)

MFA_PROFILE = json.dumps(
    {"awscloudformation": {"configLevel": "project", "useProfile": True, "profileName": "mfa"}}
)


def scripted(**answers) -> ScriptedPrompter:
    prompter = ScriptedPrompter(answers)
    runtime.use_prompter(prompter)
    return prompter


def admin_role(sandbox) -> None:
    """The role the mfa profile assumes, made as the usage guide's Part 1 makes it: trusted by
    the account, "Require MFA" (the sandbox refuses the assumption without the code, as STS
    does, and judges the session by the role's policies)."""
    iam = sandbox.client("iam")
    name = ROLE_ARN.rsplit("/", 1)[-1]
    if name in [r["RoleName"] for r in iam.list_roles()["Roles"]]:
        return
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                "Action": "sts:AssumeRole",
                "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
            }
        ],
    }
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
    admin = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    iam.put_role_policy(RoleName=name, PolicyName="admin", PolicyDocument=json.dumps(admin))


def test_assume_role_with_mfa_asks_once_then_uses_the_cache(sandbox, inprocess, tmp_path):
    write_profiles(sandbox, mfa=True)
    admin_role(sandbox)
    app = make_web_app(tmp_path / "app")

    first = scripted(mfaCode="123456")
    result = inprocess(
        "init",
        "--amplify",
        amplify_param("mfaapp"),
        "--frontend",
        FRONTEND,
        "--providers",
        MFA_PROFILE,
        "--yes",
        cwd=app,
    )
    assert result.code == 0, result.text
    assert first.asked == ["mfaCode"]
    assert MFA_SERIAL in result.out
    cache_file = sandbox.amplify_home / "awscloudformation" / "cache.json"
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o600
    cache = read(cache_file)
    assert list(cache) == [ROLE_ARN]
    assert cache[ROLE_ARN]["amplify-test"]["credentials"]["accessKeyId"].startswith("ASIA")

    second = scripted()  # any question would fail the command
    assert inprocess("env", "pull", cwd=app).code == 0
    assert second.asked == []

    reset = inprocess("aws", "reset-cache", cwd=app)
    assert reset.code == 0 and "Cached temp credentials are deleted for the project." in reset.out
    assert read(cache_file) == {}
    nothing = inprocess("awscloudformation", "reset-cache", cwd=app)
    assert "No temp credentials are cached for the project." in nothing.out

    third = scripted(mfaCode="654321")
    assert inprocess("env", "pull", cwd=app).code == 0
    assert third.asked == ["mfaCode"]

    # A cached credential about to expire is refreshed (with a new code) before it is used.
    cache = read(cache_file)
    soon = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    cache[ROLE_ARN]["amplify-test"]["credentials"]["expiration"] = soon
    cache_file.write_text(json.dumps(cache))
    fourth = scripted(mfaCode="111111")
    assert inprocess("env", "pull", cwd=app).code == 0
    assert fourth.asked == ["mfaCode"]
    assert read(cache_file)[ROLE_ARN]["amplify-test"]["credentials"]["expiration"] != soon


def test_mfa_without_a_terminal_fails_before_any_change(sandbox, amplify, tmp_path):
    write_profiles(sandbox, mfa=True)
    app = make_web_app(tmp_path / "app")
    result = amplify(
        "init",
        "--amplify",
        amplify_param("nomfa"),
        "--frontend",
        FRONTEND,
        "--providers",
        MFA_PROFILE,
        "--yes",
        cwd=app,
    )
    assert result.code == 2
    assert "mfaCode" in result.err and "Traceback" not in result.err
    assert not (app / "amplify").exists()


def test_general_level_uses_the_standard_chain(sandbox, amplify, tmp_path):
    app = make_web_app(tmp_path / "app")
    env = {
        "AWS_ACCESS_KEY_ID": "AKIAENVIRONMENT0001",
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": sandbox.endpoint,
    }
    general = json.dumps({"awscloudformation": {"configLevel": "general"}})
    result = amplify(
        "init",
        "--amplify",
        amplify_param("generalapp"),
        "--frontend",
        FRONTEND,
        "--providers",
        general,
        "--yes",
        cwd=app,
        env=env,
    )
    assert result.code == 0, result.text
    assert read(app / "amplify" / ".config" / "local-aws-info.json") == {"dev": {"configLevel": "general"}}
    # --yes without --providers: AWS_PROFILE is taken (Gen 1's order).
    added = amplify("env", "add", "test", "--yes", cwd=app, env={"AWS_PROFILE": "sandbox"})
    assert added.code == 0, added.text
    assert read(app / "amplify" / ".config" / "local-aws-info.json")["test"] == {"configLevel": "general"}
    auto = make_web_app(tmp_path / "auto")
    detected = amplify(
        "init",
        "--amplify",
        amplify_param("autoapp"),
        "--frontend",
        FRONTEND,
        "--yes",
        cwd=auto,
        env={"AWS_PROFILE": "sandbox"},
    )
    assert detected.code == 0, detected.text
    assert read(auto / "amplify" / ".config" / "local-aws-info.json")["dev"] == {
        "configLevel": "project",
        "useProfile": True,
        "profileName": "sandbox",
    }


def test_unknown_profile_is_refused_before_anything_changes(sandbox, amplify, tmp_path):
    app = make_web_app(tmp_path / "app")
    missing = json.dumps(
        {"awscloudformation": {"configLevel": "project", "useProfile": True, "profileName": "nope"}}
    )
    result = amplify(
        "init", "--amplify", amplify_param(), "--frontend", FRONTEND, "--providers", missing, "--yes", cwd=app
    )
    assert result.code == 2 and "'nope' does not exist" in result.err
    assert not (app / "amplify").exists()


def test_interactive_init_in_a_real_terminal(sandbox, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    app = make_web_app(tmp_path / "termapp")
    child = spawn_amplify("init", cwd=app, env=sandbox.env, timeout=60, dimensions=(40, 120))
    try:
        steps = [
            ("Enter a name for the project", "\r"),
            ("Enter a name for the environment", "\r"),
            ("Choose your default editor", "\r"),
            ("Choose the type of app that you're building", "\r"),
            ("Initialize the project with the above configuration", "\r"),
            ("Select the authentication method you want to use", "\r"),
            ("Please choose the profile you want to use", "\r"),
        ]
        for prompt, answer in steps:
            child.expect_exact(prompt)
            child.send(answer)
        child.expect_exact('Try "amplify add api"')
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    config = read(app / "amplify" / ".config" / "project-config.json")
    assert config["projectName"] == "termapp" and config["javascript"]["framework"] == "react"
    assert read(app / "amplify" / ".config" / "local-env-info.json")["envName"] == "dev"
    assert read(app / "amplify" / ".config" / "local-aws-info.json")["dev"]["profileName"] == "sandbox"
    assert sys.executable and os.path.exists(AMPLIFY)


def seed_role_setup(sandbox, *, user_may_assume: bool) -> tuple[str, str, str]:
    """The usage guide's "Step by step guide to create and assume an IAM role", in the sandbox's
    one account: Part 1, the role (trusted by the account, Require external ID, Require MFA,
    admin rights); Part 2, the user ``devcorpuser`` whose only policy allows ``sts:AssumeRole``
    on it, and its access key. Returns the role ARN and the key. (Names get a suffix: the
    server is shared by the module's tests.)"""
    iam = sandbox.client("iam")
    suffix = uuid.uuid4().hex[:6]
    role_name, user_name = f"bizcorprole-{suffix}", f"devcorpuser-{suffix}"
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                "Action": "sts:AssumeRole",
                "Condition": {
                    "StringEquals": {"sts:ExternalId": "dev-corp-7"},
                    "Bool": {"aws:MultiFactorAuthPresent": "true"},
                },
            }
        ],
    }
    role_arn = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    admin = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    iam.put_role_policy(RoleName=role_name, PolicyName="admin", PolicyDocument=json.dumps(admin))
    iam.create_user(UserName=user_name)
    if user_may_assume:
        may_assume = {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role_arn}],
        }
        iam.put_user_policy(UserName=user_name, PolicyName="assume", PolicyDocument=json.dumps(may_assume))
    key = iam.create_access_key(UserName=user_name)["AccessKey"]
    return role_arn, key["AccessKeyId"], key["SecretAccessKey"]


def write_seed_profiles(sandbox, role_arn: str, key_id: str, secret: str) -> None:
    """Part 3: ``~/.aws/config`` and ``~/.aws/credentials`` exactly as the guide shows them."""
    endpoint = f"endpoint_url = {sandbox.endpoint}\n"
    sandbox.config_file.write_text(
        f"[profile bizcorprole]\nrole_arn={role_arn}\nsource_profile=devcorpuser\n"
        f"mfa_serial={MFA_SERIAL}\nexternal_id=dev-corp-7\nregion=us-east-1\n{endpoint}\n"
        f"[profile devcorpuser]\nregion=us-east-1\n{endpoint}"
    )
    sandbox.credentials_file.write_text(
        f"[devcorpuser]\naws_access_key_id={key_id}\naws_secret_access_key={secret}\n"
    )


SEED_PROFILE = json.dumps(
    {"awscloudformation": {"configLevel": "project", "useProfile": True, "profileName": "bizcorprole"}}
)


def test_the_usage_guides_role_for_another_team_works_and_its_user_may_do_nothing_else(
    sandbox, inprocess, tmp_path
):
    role_arn, key_id, secret = seed_role_setup(sandbox, user_may_assume=True)
    write_seed_profiles(sandbox, role_arn, key_id, secret)
    app = make_web_app(tmp_path / "app")
    asked = scripted(mfaCode="123456")
    result = inprocess(
        "init",
        "--amplify",
        amplify_param("bizapp"),
        "--frontend",
        FRONTEND,
        "--providers",
        SEED_PROFILE,
        "--yes",
        cwd=app,
    )
    assert result.code == 0, result.text
    assert asked.asked == ["mfaCode"]
    stacks = sandbox.client("cloudformation").describe_stacks()["Stacks"]
    assert any(s["StackName"].startswith("amplify-bizapp-") for s in stacks)

    as_user = sandbox.server.client("s3", aws_access_key_id=key_id, aws_secret_access_key=secret)
    with pytest.raises(ClientError) as denied:
        as_user.list_buckets()  # the user's own key may only assume the role
    assert denied.value.response["Error"]["Code"] == "AccessDenied"
    assert "user/devcorpuser-" in denied.value.response["Error"]["Message"]


def test_a_user_without_leave_to_assume_the_role_is_refused_before_anything_is_made(
    sandbox, amplify, inprocess, tmp_path
):
    role_arn, key_id, secret = seed_role_setup(sandbox, user_may_assume=False)
    write_seed_profiles(sandbox, role_arn, key_id, secret)
    app = make_web_app(tmp_path / "app")
    scripted(mfaCode="123456")
    result = inprocess(
        "init",
        "--amplify",
        amplify_param("refusedapp"),
        "--frontend",
        FRONTEND,
        "--providers",
        SEED_PROFILE,
        "--yes",
        cwd=app,
    )
    assert result.code != 0
    assert "AccessDenied" in result.text or "not authorized" in result.text, result.text
    assert "Traceback" not in result.text
    assert not any(
        s["StackName"].startswith("amplify-refusedapp-")
        for s in sandbox.client("cloudformation").describe_stacks()["Stacks"]
    )
    assert not (app / "amplify").exists()
