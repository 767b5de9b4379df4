"""``amplify init`` against the sandbox: the seed's headless script, the files in Gen 1
shapes, the root stack's resources, refusals, and the roll-back when writing fails."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import (
    PROFILE,
    REGION,
    SECRET,
    SEED_SECRET,
    amplify_param,
    headless_init,
    make_web_app,
    read,
    tree,
)

SEED_INIT = """#!/bin/bash
set -e
IFS='|'

REACTCONFIG="{\\
\\"SourceDir\\":\\"src\\",\\
\\"DistributionDir\\":\\"build\\",\\
\\"BuildCommand\\":\\"npm run-script build\\",\\
\\"StartCommand\\":\\"npm run-script start\\"\\
}"
AWSCLOUDFORMATIONCONFIG="{\\
\\"configLevel\\":\\"project\\",\\
\\"useProfile\\":false,\\
\\"profileName\\":\\"default\\",\\
\\"accessKeyId\\":\\"headlessaccesskeyid\\",\\
\\"secretAccessKey\\":\\"headlesssecrectaccesskey\\",\\
\\"region\\":\\"us-east-1\\"\\
}"
AMPLIFY="{\\
\\"projectName\\":\\"headlessProjectName\\",\\
\\"envName\\":\\"myenvname\\",\\
\\"defaultEditor\\":\\"code\\"\\
}"
FRONTEND="{\\
\\"frontend\\":\\"javascript\\",\\
\\"framework\\":\\"react\\",\\
\\"config\\":$REACTCONFIG\\
}"
PROVIDERS="{\\
\\"awscloudformation\\":$AWSCLOUDFORMATIONCONFIG\\
}"

amplify init \\
--amplify $AMPLIFY \\
--frontend $FRONTEND \\
--providers $PROVIDERS \\
--yes
"""

ENV_KEYS = {
    "AuthRoleArn",
    "AuthRoleName",
    "DeploymentBucketName",
    "Region",
    "StackId",
    "StackName",
    "UnauthRoleArn",
    "UnauthRoleName",
}
#: Gen 1's closing hint; the workspace has the api category installed (tests/team checks the fallback).
SUCCESS_LINE = 'Try "amplify add api" to create a backend API and then "amplify push" to deploy everything'


def test_seed_headless_init_script(sandbox, amplify, tmp_path):
    """The usage page's script, as written, against the sandbox (endpoint from AWS_ENDPOINT_URL)."""
    app = make_web_app(tmp_path / "app")
    script = tmp_path / "headless_init.sh"
    script.write_text(SEED_INIT)
    env = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "AWS_ENDPOINT_URL": sandbox.endpoint,
    }
    result = amplify(cwd=app, env=env, script=str(script))
    assert result.code == 0, result.text
    assert SUCCESS_LINE in result.out

    amp = app / "amplify"
    tpi = read(amp / "team-provider-info.json")
    assert list(tpi) == ["myenvname"]
    block = tpi["myenvname"]["awscloudformation"]
    assert set(block) == ENV_KEYS
    stack_name = block["StackName"]
    assert re.fullmatch(r"amplify-headlessprojectname-myenvname-[0-9a-f]{5}", stack_name)
    assert block["DeploymentBucketName"] == f"{stack_name}-deployment"
    assert (
        block["AuthRoleName"] == f"{stack_name}-authRole"
        and block["UnauthRoleName"] == f"{stack_name}-unauthRole"
    )
    assert block["Region"] == REGION
    assert read(amp / "backend" / "amplify-meta.json") == {"providers": {"awscloudformation": block}}
    assert read(amp / "#current-cloud-backend" / "amplify-meta.json") == {
        "providers": {"awscloudformation": block}
    }
    assert read(amp / "backend" / "backend-config.json") == {}
    assert read(amp / "backend" / "tags.json") == [
        {"Key": "user:Stack", "Value": "{project-env}"},
        {"Key": "user:Application", "Value": "{project-name}"},
    ]
    assert read(amp / ".config" / "project-config.json") == {
        "projectName": "headlessProjectName",
        "version": "3.1",
        "frontend": "javascript",
        "providers": ["awscloudformation"],
        "javascript": {
            "framework": "react",
            "config": {
                "SourceDir": "src",
                "DistributionDir": "build",
                "BuildCommand": "npm run-script build",
                "StartCommand": "npm run-script start",
            },
        },
    }
    assert read(amp / ".config" / "local-env-info.json") == {
        "projectPath": str(app),
        "defaultEditor": "vscode",
        "envName": "myenvname",
    }
    access = read(amp / ".config" / "local-aws-info.json")["myenvname"]
    assert access["configLevel"] == "project" and access["useProfile"] is False
    keys_file = Path(access["awsConfigFilePath"])
    assert keys_file.parent == sandbox.amplify_home / "awscloudformation"
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    assert read(keys_file)["credentials"]["secretAccessKey"] == SEED_SECRET
    assert "#amplify-do-not-edit-begin" in (app / ".gitignore").read_text()
    assert (app / "src" / "aws-exports.js").exists()
    assert read(app / "src" / "amplifyconfiguration.json")["aws_project_region"] == REGION

    # No secret anywhere in the project or the output.
    assert SEED_SECRET not in result.text
    for name, data in tree(app).items():
        assert SEED_SECRET.encode() not in data, name

    # The root stack in the sandbox.
    cfn, s3, iam = sandbox.client("cloudformation"), sandbox.client("s3"), sandbox.client("iam")
    stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE" and stack["StackId"] == block["StackId"]
    types = {
        r["LogicalResourceId"]: r["ResourceType"]
        for r in cfn.describe_stack_resources(StackName=stack_name)["StackResources"]
    }
    assert types["DeploymentBucket"] == "AWS::S3::Bucket"
    assert types["AuthRole"] == types["UnauthRole"] == "AWS::IAM::Role"
    bucket = block["DeploymentBucketName"]
    rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert all(s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"].values())
    policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    assert policy["Statement"][0]["Condition"] == {"Bool": {"aws:SecureTransport": False}}
    assert {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]} == {
        "#current-cloud-backend.zip",
        "amplify-meta.json",
        "backend-config.json",
    }
    assert iam.get_role(RoleName=block["AuthRoleName"])["Role"]["Arn"] == block["AuthRoleArn"]
    exports = {e["Name"] for e in cfn.list_exports()["Exports"]}
    assert f"{stack_name}-DeploymentBucketName" in exports


def test_init_refusals(sandbox, amplify, tmp_path):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)
    before = tree(app)

    again = amplify("init", "--yes", cwd=app)
    assert again.code == 2
    assert "already initialized for environment dev" in again.err and "amplify env add" in again.err

    inside = amplify("init", "--amplify", amplify_param(), "--providers", PROFILE, "--yes", cwd=app / "src")
    assert inside.code == 2 and "inside the Amplify project" in inside.err
    assert tree(app) == before


def test_nothing_to_answer_with_lists_everything_missing(sandbox, amplify, tmp_path):
    app = make_web_app(tmp_path / "app")
    result = amplify("init", cwd=app)
    assert result.code == 2
    for missing in ("projectName", "envName", "defaultEditor", "frontend", "providers"):
        assert f"  - {missing}:" in result.err
    assert tree(app) == tree(make_web_app(tmp_path / "fresh")) | {}  # unchanged
    assert not (app / "amplify").exists()


def test_yes_without_credentials_names_what_was_tried(sandbox, amplify, tmp_path):
    sandbox.credentials_file.write_text("")
    sandbox.config_file.write_text("")
    app = make_web_app(tmp_path / "app")
    result = amplify(
        "init", "--amplify", amplify_param(), "--frontend", '{"frontend": "javascript"}', "--yes", cwd=app
    )
    assert result.code == 2
    assert "Failed to resolve AWS credentials with --yes flag." in result.err
    for tried in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "profile 'default'", "default chain"):
        assert tried in result.err
    assert not (app / "amplify").exists() and not sandbox.amplify_home.exists()


def test_a_failure_after_the_stack_exists_removes_it(sandbox, inprocess, tmp_path, monkeypatch):
    """Writing the project files fails: the stack and its bucket go, nothing is left locally."""
    from amplify_core.workflows import init as init_workflow

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(init_workflow, "write_new_env", broken)
    app = make_web_app(tmp_path / "app")
    result = inprocess(
        "init",
        "--amplify",
        amplify_param("rollme"),
        "--frontend",
        '{"frontend": "javascript"}',
        "--providers",
        PROFILE,
        "--yes",
        cwd=app,
    )
    assert result.code == 1
    assert "disk full" in result.err and "was removed again" in result.err
    assert not (app / "amplify").exists() and not (app / ".gitignore").exists()
    cfn = sandbox.client("cloudformation")
    names = [
        s["StackName"]
        for s in cfn.list_stacks()["StackSummaries"]
        if s["StackName"].startswith("amplify-rollme-dev-") and s["StackStatus"] != "DELETE_COMPLETE"
    ]
    assert names == []
    buckets = [b["Name"] for b in sandbox.client("s3").list_buckets()["Buckets"]]
    assert not [b for b in buckets if b.startswith("amplify-rollme-dev-")]


def test_fast_commands_never_import_the_aws_sdk(sandbox, tmp_path, amplify):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)
    probe = (
        "import sys\n"
        "from amplify_core.cli.app import run\n"
        "for args in (['--help'], ['--version'], ['plugin', 'list'], ['env', 'list', '--json'], ['env', 'list']):\n"
        "    try:\n"
        "        run(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('AWS-SDK-LOADED' if {'boto3', 'botocore'} & set(sys.modules) else 'NO-AWS-SDK')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=app,
        env=sandbox.env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.stdout.strip().endswith("NO-AWS-SDK"), done.stdout + done.stderr
    assert SECRET not in done.stdout


def test_a_failed_root_stack_is_removed_but_nothing_that_existed_before(sandbox):
    """moto fails a stack synchronously (no rollback): the provider deletes the stack and the
    deployment bucket it created, and never a bucket or role that was there before."""
    from amplify_core.errors import OperationError
    from amplify_provider_awscloudformation.deploy import create_root_stack
    from amplify_provider_awscloudformation.root_stack import plan_root_stack

    cfn, s3, iam = sandbox.client("cloudformation"), sandbox.client("s3"), sandbox.client("iam")
    trust = json.dumps({"Version": "2012-10-17", "Statement": []})

    taken_bucket = plan_root_stack("clashbucket", "dev", REGION, cli_version="t", suffix="00000")
    s3.create_bucket(Bucket=taken_bucket.deployment_bucket)
    with pytest.raises(OperationError, match="Initialization of project failed"):
        create_root_stack(cfn, s3, taken_bucket)
    assert s3.head_bucket(Bucket=taken_bucket.deployment_bucket)  # not ours: kept

    taken_role = plan_root_stack("clashrole", "dev", REGION, cli_version="t", suffix="00000")
    iam.create_role(RoleName=taken_role.auth_role, AssumeRolePolicyDocument=trust)
    with pytest.raises(OperationError) as failure:
        create_root_stack(cfn, s3, taken_role)
    assert "Everything it created was removed." in failure.value.message
    assert taken_role.deployment_bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    assert iam.get_role(RoleName=taken_role.auth_role)["Role"]["RoleName"] == taken_role.auth_role
    live = [
        s["StackName"] for s in cfn.list_stacks()["StackSummaries"] if s["StackStatus"] != "DELETE_COMPLETE"
    ]
    assert taken_role.stack_name not in live and taken_bucket.stack_name not in live
