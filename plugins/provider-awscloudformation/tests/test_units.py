"""Pure parts: the root stack plan and template, names, the snapshot archive, the role cache,
the parameter schemas. No AWS, no subprocess."""

from __future__ import annotations

import io
import json
import os
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from amplify_core.params.validate import errors_for, schema_of
from amplify_provider_awscloudformation import role_cache, snapshot
from amplify_provider_awscloudformation.root_stack import (
    normalize_stack_name,
    outputs_to_env_info,
    plan_root_stack,
    stack_name_for,
)

PARAMS = "amplify_provider_awscloudformation.params:AwsCloudFormationParams"
AWS_INFO = "amplify_provider_awscloudformation.params:AwsInfoParams"
IMPORT = "amplify_provider_awscloudformation.params:EnvImportConfig"


def test_stack_name_follows_gen1():
    assert (
        stack_name_for("headlessProjectName", "myenvname", "90949")
        == "amplify-headlessprojectname-myenvname-90949"
    )
    assert normalize_stack_name("9 My_App!") == "a9myapp"
    name = stack_name_for("app", "dev")
    assert name.startswith("amplify-app-dev-") and len(name.rsplit("-", 1)[1]) == 5


def test_root_template_hardens_the_deployment_bucket():
    plan = plan_root_stack("myapp", "dev", "us-east-1", cli_version="0.1.0", suffix="abcde")
    assert plan.stack_name == "amplify-myapp-dev-abcde"
    assert plan.parameters == {
        "DeploymentBucketName": "amplify-myapp-dev-abcde-deployment",
        "AuthRoleName": "amplify-myapp-dev-abcde-authRole",
        "UnauthRoleName": "amplify-myapp-dev-abcde-unauthRole",
    }
    assert dict(plan.tags) == {"user:Stack": "dev", "user:Application": "myapp"}
    resources = plan.template["Resources"]
    bucket = resources["DeploymentBucket"]
    assert bucket["DeletionPolicy"] == "Retain"
    assert bucket["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"][0][
        "ServerSideEncryptionByDefault"
    ] == {"SSEAlgorithm": "AES256"}
    assert all(bucket["Properties"]["PublicAccessBlockConfiguration"].values())
    statement = resources["DeploymentBucketBlockHTTP"]["Properties"]["PolicyDocument"]["Statement"][0]
    assert statement["Effect"] == "Deny" and statement["Condition"] == {
        "Bool": {"aws:SecureTransport": False}
    }
    for role in ("AuthRole", "UnauthRole"):
        trust = resources[role]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
        assert trust["Effect"] == "Deny" and trust["Principal"] == {
            "Federated": "cognito-identity.amazonaws.com"
        }
    outputs = plan.template["Outputs"]
    assert set(outputs) == {
        "Region",
        "StackName",
        "StackId",
        "DeploymentBucketName",
        "AuthRoleArn",
        "UnauthRoleArn",
        "AuthRoleName",
        "UnauthRoleName",
    }
    assert {k for k, v in outputs.items() if "Export" in v} == {
        "Region",
        "StackName",
        "StackId",
        "DeploymentBucketName",
    }
    description = json.loads(plan.template["Description"])
    assert description["stackType"] == "root" and description["createdWith"] == "0.1.0"


def test_outputs_become_the_provider_block():
    outputs = [{"OutputKey": "Region", "OutputValue": "us-east-1"}, {"OutputKey": "Broken"}]
    assert outputs_to_env_info(outputs) == {"Region": "us-east-1"}


def test_snapshot_is_deterministic_and_leaves_out_build_output(tmp_path):
    folder = tmp_path / "ccb"
    (folder / "hosting" / "S3AndCloudFront" / "build").mkdir(parents=True)
    (folder / "api" / "x" / "build").mkdir(parents=True)
    (folder / "amplify-meta.json").write_text("{}")
    (folder / "hosting" / "S3AndCloudFront" / "template.json").write_text("{}")
    (folder / "hosting" / "S3AndCloudFront" / "build" / "out.json").write_text("{}")
    (folder / "api" / "x" / "build" / "schema.json").write_text("{}")
    first, second = snapshot.pack(folder), snapshot.pack(folder)
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert names == ["amplify-meta.json", "api/x/build/schema.json", "hosting/S3AndCloudFront/template.json"]
    out = tmp_path / "out"
    snapshot.unpack(first, out)
    assert (out / "hosting" / "S3AndCloudFront" / "template.json").read_text() == "{}"


def test_snapshot_refuses_paths_outside_the_target(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../evil.txt", "x")
    with pytest.raises(ValueError):
        snapshot.unpack(buffer.getvalue(), tmp_path / "out")
    assert not (tmp_path / "evil.txt").exists()


def test_cache_key_is_the_one_botocore_uses():
    from botocore.credentials import AssumeRoleCredentialFetcher

    profile = {
        "role_arn": "arn:aws:iam::123456789012:role/r",
        "mfa_serial": "arn:aws:iam::123456789012:mfa/u",
        "external_id": "ext",
        "role_session_name": "s",
        "duration_seconds": "900",
    }
    fetcher = AssumeRoleCredentialFetcher(
        client_creator=None,
        source_credentials=None,
        role_arn=profile["role_arn"],
        extra_args={
            "RoleSessionName": "s",
            "ExternalId": "ext",
            "SerialNumber": profile["mfa_serial"],
            "DurationSeconds": 900,
        },
    )
    assert role_cache.botocore_cache_key(profile) == fetcher._cache_key
    bare = AssumeRoleCredentialFetcher(
        client_creator=None, source_credentials=None, role_arn=profile["role_arn"]
    )
    assert role_cache.botocore_cache_key({"role_arn": profile["role_arn"]}) == bare._cache_key


def test_role_cache_file_is_gen1_shaped_and_private(tmp_path):
    path = tmp_path / "awscloudformation" / "cache.json"
    key = role_cache.botocore_cache_key({"role_arn": "arn:aws:iam::1:role/r", "role_session_name": "s"})
    cache = role_cache.RoleCredentialCache({key: ("arn:aws:iam::1:role/r", "s")}, path)
    expiry = datetime.now(UTC) + timedelta(hours=1)
    cache[key] = {
        "Credentials": {
            "AccessKeyId": "ASIA1",
            "SecretAccessKey": "sec",
            "SessionToken": "tok",
            "Expiration": expiry,
        }
    }
    data = json.loads(path.read_text())
    assert data["arn:aws:iam::1:role/r"]["s"]["credentials"]["accessKeyId"] == "ASIA1"
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert key in cache and cache[key]["Credentials"]["Expiration"] == expiry.isoformat()
    assert role_cache.drop_role("arn:aws:iam::1:role/r", path)
    assert key not in cache
    assert not role_cache.drop_role("arn:aws:iam::1:role/r", path)


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"configLevel": "project"}, "'useProfile' is a required property"),
        ({"useProfile": True}, "'profileName' is a required property"),
        (
            {"useProfile": False, "accessKeyId": "AKIA1", "region": "us-east-1"},
            "'secretAccessKey' is a required property",
        ),
        (
            {"useProfile": False, "accessKeyId": "AKIA1", "secretAccessKey": "s", "region": "mars-1"},
            "'mars-1' is not one of",
        ),
        ({"configLevel": "general", "extra": 1}, "Additional properties are not allowed ('extra'"),
    ],
)
def test_provider_params_schema(data, problem):
    errors = errors_for("--providers.awscloudformation", data, schema_of(PARAMS))
    assert any(problem in e for e in errors), errors


def test_provider_params_accept_gen1_samples():
    seed = {
        "configLevel": "project",
        "useProfile": False,
        "profileName": "default",
        "accessKeyId": "headlessaccesskeyid",
        "secretAccessKey": "headlesssecrectaccesskey",
        "region": "us-east-1",
    }
    for data in (
        seed,
        {"configLevel": "general"},
        {"configLevel": "project", "useProfile": True, "profileName": "default"},
    ):
        assert errors_for("--p", data, schema_of(PARAMS)) == []
    assert (
        errors_for(
            "--a",
            {"configLevel": "project", "useProfile": False, "awsConfigFilePath": "/k"},
            schema_of(AWS_INFO),
        )
        == []
    )


def test_secret_values_are_never_echoed():
    errors = errors_for(
        "--p",
        {"useProfile": False, "accessKeyId": "A", "region": "us-east-1", "secretAccessKey": "has a space"},
        schema_of(PARAMS),
    )
    assert errors == ["--p.secretAccessKey: invalid value (not shown: secret)"]
