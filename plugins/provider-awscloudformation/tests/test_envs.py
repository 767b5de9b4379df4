"""Every ``amplify env`` command, ``configure project`` and the seed's team workflows, run as
the real ``amplify`` command against the sandbox."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from botocore.exceptions import ClientError

from .conftest import PROFILE, SECRET, amplify_param, copy_project, headless_init, make_web_app, read, tree

SEED_IMPORT = """#!/bin/bash
set -e
IFS='|'

AWSCLOUDFORMATIONCONFIG="{\\
\\"Region\\": \\"us-east-1\\",\\
\\"DeploymentBucketName\\": \\"mytestproject-20181106123241-deployment\\",\\
\\"UnauthRoleName\\": \\"mytestproject-20181106123241-unauthRole\\",\\
\\"StackName\\": \\"mytestproject-20181106123241\\",\\
\\"StackId\\": \\"arn:aws:cloudformation:us-east-1:132393967379:stack/mytestproject67-20181106123241/1c03a3e0-e203-11e8-bea9-500c20ff1436\\",\\
\\"AuthRoleName\\": \\"mytestproject67-20181106123241-authRole\\",\\
\\"UnauthRoleArn\\": \\"arn:aws:iam::132393967379:role/mytestproject67-20181106123241-unauthRole\\",\\
\\"AuthRoleArn\\": \\"arn:aws:iam::132393967379:role/mytestproject67-20181106123241-authRole\\"\\
}"
PROVIDER_CONFIG="{\\
\\"awscloudformation\\":$AWSCLOUDFORMATIONCONFIG\\
}"


AWS_CONFIG="{\\
\\"configLevel\\":\\"project\\",\\
\\"useProfile\\":true,\\
\\"profileName\\":\\"default\\"\\
}"

amplify env import \\
--name dev \\
--config $PROVIDER_CONFIG \\
--awsInfo $AWS_CONFIG \\
--yes
"""


def stack_status(cfn, name: str) -> str | None:
    try:
        return cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
    except ClientError:
        return None


def bucket_exists(s3, name: str) -> bool:
    try:
        s3.head_bucket(Bucket=name)
    except ClientError:
        return False
    return True


def add_nested_retained_bucket(cfn, s3, env_info: dict, bucket: str) -> None:
    child = {
        "Resources": {
            "Site": {
                "Type": "AWS::S3::Bucket",
                "DeletionPolicy": "Retain",
                "Properties": {"BucketName": bucket},
            }
        }
    }
    key = "amplify-cfn-templates/test/site.json"
    s3.put_object(Bucket=env_info["DeploymentBucketName"], Key=key, Body=json.dumps(child).encode())
    live = cfn.get_template(StackName=env_info["StackName"])["TemplateBody"]
    live = json.loads(live) if isinstance(live, str) else live
    live["Resources"]["testSite"] = {
        "Type": "AWS::CloudFormation::Stack",
        "Properties": {"TemplateURL": f"https://s3.amazonaws.com/{env_info['DeploymentBucketName']}/{key}"},
    }
    cfn.update_stack(
        StackName=env_info["StackName"],
        TemplateBody=json.dumps(live),
        Parameters=[
            {"ParameterKey": k, "UsePreviousValue": True}
            for k in ("DeploymentBucketName", "AuthRoleName", "UnauthRoleName")
        ],
        Capabilities=["CAPABILITY_NAMED_IAM"],
    )
    assert bucket_exists(s3, bucket)


def test_environment_lifecycle(sandbox, amplify, tmp_path):
    """init dev → env add prod → list/get → checkout dev → remove prod; remove dev refused."""
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)
    added = amplify("env", "add", "prod", "--providers", PROFILE, "--yes", cwd=app)
    assert added.code == 0, added.text
    assert "Initialized your environment successfully." in added.out

    tpi = read(app / "amplify" / "team-provider-info.json")
    dev, prod = tpi["dev"]["awscloudformation"], tpi["prod"]["awscloudformation"]
    for key in ("StackName", "DeploymentBucketName", "AuthRoleName", "UnauthRoleName", "AuthRoleArn"):
        assert dev[key] != prod[key]
    assert (app / "amplify" / "team-provider-info.json").read_text() == json.dumps(
        tpi, indent=2, sort_keys=True
    ) + "\n"
    assert read(app / "amplify" / ".config" / "local-env-info.json")["envName"] == "prod"
    assert (
        read(app / "amplify" / "#current-cloud-backend" / "amplify-meta.json")["providers"][
            "awscloudformation"
        ]
        == prod
    )

    listed = amplify("env", "list", "--json", cwd=app)
    assert listed.code == 0 and json.loads(listed.out) == {"envs": ["dev", "prod"]}
    table = amplify("env", "list", cwd=app)
    assert table.out.splitlines() == [
        "| Environments |",
        "| ------------ |",
        "| dev          |",
        "| *prod        |",
    ]
    details = amplify("env", "list", "--details", "--json", cwd=app)
    assert json.loads(details.out) == tpi
    got = amplify("env", "get", "--name", "prod", cwd=app)
    assert (
        got.code == 0
        and "Provider: awscloudformation" in got.out
        and f"StackName: {prod['StackName']}" in got.out
    )
    assert json.loads(amplify("env", "get", "--name", "prod", "--json", cwd=app).out) == tpi["prod"]
    assert amplify("env", "get", "--name", "nope", cwd=app).code == 2

    checkout = amplify("env", "checkout", "dev", cwd=app)
    assert checkout.code == 0, checkout.text
    assert read(app / "amplify" / ".config" / "local-env-info.json")["envName"] == "dev"
    assert read(app / "amplify" / "backend" / "amplify-meta.json")["providers"]["awscloudformation"] == dev
    assert (
        read(app / "amplify" / "#current-cloud-backend" / "amplify-meta.json")["providers"][
            "awscloudformation"
        ]
        == dev
    )

    refused = amplify("env", "remove", "dev", "--yes", cwd=app)
    assert refused.code == 2 and "You cannot delete your current environment." in refused.err

    unconfirmed = amplify("env", "remove", "prod", cwd=app)
    assert unconfirmed.code == 2 and "--yes" in unconfirmed.err

    # What a push adds: a nested stack whose retained bucket holds objects (as hosting's does).
    cfn, s3 = sandbox.client("cloudformation"), sandbox.client("s3")
    site_bucket = f"{prod['StackName']}-site"
    add_nested_retained_bucket(cfn, s3, prod, site_bucket)
    s3.put_object(Bucket=site_bucket, Key="index.html", Body=b"<h1>hi</h1>")

    removed = amplify("env", "remove", "prod", "--yes", cwd=app)
    assert removed.code == 0, removed.text
    assert not bucket_exists(s3, site_bucket)
    assert "Successfully removed environment from the cloud" in removed.out
    assert "Successfully removed environment from your project locally" in removed.out
    assert stack_status(cfn, prod["StackName"]) is None
    assert not bucket_exists(s3, prod["DeploymentBucketName"])
    assert stack_status(cfn, dev["StackName"]) == "CREATE_COMPLETE"
    assert list(read(app / "amplify" / "team-provider-info.json")) == ["dev"]
    assert list(read(app / "amplify" / ".config" / "local-aws-info.json")) == ["dev"]
    assert json.loads(amplify("env", "list", "--json", cwd=app).out) == {"envs": ["dev"]}
    again = amplify("env", "remove", "prod", "--yes", cwd=app)
    assert again.code == 2 and "Environment name is invalid." in again.err

    duplicate = amplify("env", "add", "dev", "--yes", cwd=app)
    assert duplicate.code == 2 and "already exists" in duplicate.err
    bad = amplify("env", "add", "Prod1", "--yes", cwd=app)
    assert bad.code == 2 and "between 2 and 10 characters" in bad.err


def test_env_remove_tolerates_what_is_already_gone(sandbox, amplify, tmp_path):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)
    assert amplify("env", "add", "gone", "--yes", cwd=app).code == 0
    gone = read(app / "amplify" / "team-provider-info.json")["gone"]["awscloudformation"]
    assert amplify("env", "checkout", "dev", cwd=app).code == 0
    cfn, s3 = sandbox.client("cloudformation"), sandbox.client("s3")
    cfn.delete_stack(StackName=gone["StackName"])
    bucket = s3.list_objects_v2(Bucket=gone["DeploymentBucketName"]).get("Contents", [])
    for item in bucket:
        s3.delete_object(Bucket=gone["DeploymentBucketName"], Key=item["Key"])
    s3.delete_bucket(Bucket=gone["DeploymentBucketName"])

    removed = amplify("env", "remove", "gone", "--yes", cwd=app)
    assert removed.code == 0, removed.text
    assert "did not exist any more" in removed.err
    assert "gone" not in read(app / "amplify" / "team-provider-info.json")


def test_env_checkout_of_a_deleted_environment_fails_cleanly(sandbox, amplify, tmp_path):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)
    assert amplify("env", "add", "other", "--yes", cwd=app).code == 0
    other = read(app / "amplify" / "team-provider-info.json")["other"]["awscloudformation"]
    assert amplify("env", "checkout", "dev", cwd=app).code == 0
    sandbox.client("cloudformation").delete_stack(StackName=other["StackName"])
    before = tree(app)
    result = amplify("env", "checkout", "other", cwd=app)
    assert result.code == 1 and "may have been deleted" in result.err
    assert tree(app) == before
    assert amplify("env", "checkout", "nope", cwd=app).code == 2


def test_seed_env_import_script(sandbox, amplify, tmp_path):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app, env="main")
    script = tmp_path / "headless_add_external_env.sh"
    script.write_text(SEED_IMPORT)
    env = {"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = amplify(cwd=app, env=env, script=str(script))
    assert result.code == 0, result.text
    assert "Successfully added environment from your project" in result.out
    block = read(app / "amplify" / "team-provider-info.json")["dev"]["awscloudformation"]
    assert block["StackName"] == "mytestproject-20181106123241" and len(block) == 8
    assert read(app / "amplify" / ".config" / "local-aws-info.json")["dev"] == {
        "configLevel": "project",
        "useProfile": True,
        "profileName": "default",
    }
    assert json.loads(amplify("env", "list", "--json", cwd=app).out) == {"envs": ["dev", "main"]}
    assert read(app / "amplify" / ".config" / "local-env-info.json")["envName"] == "main"

    # Without --yes and without a terminal, an existing environment is not overwritten.
    before = tree(app)
    again = amplify("env", "import", "--name", "dev", "--config", f"@{tmp_path / 'cfg.json'}", cwd=app)
    assert again.code == 2 and before == tree(app)


def test_env_import_names_a_missing_key_and_writes_nothing(sandbox, amplify, tmp_path):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)
    config = read(app / "amplify" / "team-provider-info.json")["dev"]
    del config["awscloudformation"]["StackId"]
    before = tree(app)
    result = amplify("env", "import", "--name", "copy", "--config", json.dumps(config), "--yes", cwd=app)
    assert result.code == 2
    assert "--config.awscloudformation: 'StackId' is a required property" in result.err
    assert tree(app) == before


def test_team_clone_joins_an_environment_without_touching_tracked_files(sandbox, amplify, tmp_path):
    """The seed's "sharing the same dev backend": clone, init choosing dev, env pull, status."""
    app = make_web_app(tmp_path / "app")
    (app / ".gitignore").write_text("node_modules/\n")
    headless_init(amplify, app)
    assert amplify("env", "add", "prod", "--yes", cwd=app).code == 0
    assert amplify("env", "checkout", "dev", cwd=app).code == 0

    def git(*args, cwd):
        return subprocess.run(
            ["git", "-c", "user.email=t@t", "-c", "user.name=t", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
            env=sandbox.env,
        ).stdout

    git("init", "-q", ".", cwd=app)
    git("add", "-A", cwd=app)
    git("commit", "-qm", "amplify project", cwd=app)
    tracked = git("ls-files", cwd=app).split()
    assert "amplify/team-provider-info.json" in tracked
    assert not [t for t in tracked if "local-" in t or "#current-cloud-backend" in t or "amplify-meta" in t]

    clone = tmp_path / "clone"
    git("clone", "-q", str(app), str(clone), cwd=tmp_path)
    undecided = amplify("init", "--yes", cwd=clone)
    assert undecided.code == 2 and "environments: dev, prod" in undecided.err
    joined = amplify("init", "--amplify", '{"envName": "dev"}', "--providers", PROFILE, "--yes", cwd=clone)
    assert joined.code == 0, joined.text
    assert git("status", "--porcelain", cwd=clone) == ""
    assert (clone / "amplify" / "team-provider-info.json").read_bytes() == (
        app / "amplify" / "team-provider-info.json"
    ).read_bytes()
    assert read(clone / "amplify" / "backend" / "amplify-meta.json") == read(
        app / "amplify" / "backend" / "amplify-meta.json"
    )
    status = amplify("status", cwd=clone)
    assert status.code == 0, status.text
    assert "Current Environment: dev" in status.out

    pulled = amplify("env", "pull", cwd=clone)
    assert pulled.code == 0 and "Successfully pulled backend environment dev from the cloud." in pulled.out
    assert git("status", "--porcelain", cwd=clone) == ""
    assert set(read(clone / "amplify" / "team-provider-info.json")) == {"dev", "prod"}
    restored = amplify("env", "pull", "--restore", cwd=clone)
    assert restored.code == 0, restored.text
    assert git("status", "--porcelain", cwd=clone) == ""


def test_configure_project_headless(sandbox, amplify, tmp_path):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)
    keys = json.dumps(
        {
            "awscloudformation": {
                "configLevel": "project",
                "useProfile": False,
                "accessKeyId": "AKIANEWKEYS000001",
                "secretAccessKey": SECRET,
                "region": "us-east-1",
            }
        }
    )
    frontend = json.dumps(
        {
            "frontend": "javascript",
            "framework": "react",
            "config": {
                "SourceDir": "web",
                "DistributionDir": "dist",
                "BuildCommand": "npm run build",
                "StartCommand": "npm start",
            },
        }
    )
    result = amplify(
        "configure",
        "project",
        "--amplify",
        '{"projectName": "renamed", "defaultEditor": "vim"}',
        "--frontend",
        frontend,
        "--providers",
        keys,
        "--yes",
        cwd=app,
    )
    assert result.code == 0, result.text
    assert "Successfully made configuration changes to your project." in result.out
    config = read(app / "amplify" / ".config" / "project-config.json")
    assert config["projectName"] == "renamed" and config["javascript"]["config"]["SourceDir"] == "web"
    assert read(app / "amplify" / ".config" / "local-env-info.json")["defaultEditor"] == "vim"
    access = read(app / "amplify" / ".config" / "local-aws-info.json")["dev"]
    assert access["useProfile"] is False and Path(access["awsConfigFilePath"]).exists()
    assert (app / "web" / "aws-exports.js").exists()
    assert SECRET not in result.text
    for name, data in tree(app).items():
        assert SECRET.encode() not in data, name
    # Access keys carry no endpoint: without AWS_ENDPOINT_URL the pull goes to AWS, and fails
    # cleanly here (no network); with it, the new keys reach the sandbox.
    offline = amplify(
        "env", "pull", cwd=app, env={"AWS_MAX_ATTEMPTS": "1", "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
    )
    assert offline.code == 1 and "Traceback" not in offline.err and "Could not reach AWS" in offline.err
    assert amplify("env", "pull", cwd=app, env={"AWS_ENDPOINT_URL": sandbox.endpoint}).code == 0

    back = amplify("configure", "project", "--providers", PROFILE, cwd=app)
    assert back.code == 0, back.text
    assert read(app / "amplify" / ".config" / "local-aws-info.json")["dev"]["profileName"] == "sandbox"
    switch = amplify("configure", "project", "--amplify", '{"envName": "prod"}', cwd=app)
    assert switch.code == 2 and "env checkout" in switch.err


def test_local_commands_in_a_copied_project(sandbox, amplify, tmp_path):
    """env list/get read local files only; a copy of a project answers the same."""
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app, project="copyme")
    copy = copy_project(app, tmp_path / "copy")
    assert json.loads(amplify("env", "list", "--json", cwd=copy / "src").out) == {"envs": ["dev"]}
    outside = amplify("env", "list", cwd=tmp_path)
    assert outside.code == 2 and "No Amplify project found" in outside.err
    assert amplify("env", "get", cwd=copy).code == 2
    assert amplify_param("x")  # helper stays importable for other modules
