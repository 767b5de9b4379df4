"""A malformed value for every key of every JSON parameter of init, configure project and
env import: exit 2, the message names the parameter and key, nothing is written, no secret
is echoed. Run in this process (the real command code, without a subprocess per case)."""

from __future__ import annotations

import json

import pytest

from .conftest import amplify_param, headless_init, make_web_app, tree

PROFILE_BLOCK = {"configLevel": "project", "useProfile": True, "profileName": "sandbox"}
KEYS_BLOCK = {
    "configLevel": "project",
    "useProfile": False,
    "accessKeyId": "AKIA0000000000000001",
    "secretAccessKey": "s3cr3t",
    "region": "us-east-1",
}
JS_CONFIG = {
    "SourceDir": "src",
    "DistributionDir": "build",
    "BuildCommand": "npm run build",
    "StartCommand": "npm start",
}
GOOD = {
    "--amplify": {"projectName": "myapp", "envName": "dev", "defaultEditor": "code"},
    "--frontend": {"frontend": "javascript", "framework": "react", "config": JS_CONFIG},
    "--providers": {"awscloudformation": KEYS_BLOCK},
}
SECRET_VALUE = "leaky secret value"

# (flag, path to the key, malformed value, text the error must contain)
INIT_CASES = [
    ("--amplify", ["projectName"], 42, "--amplify.projectName"),
    ("--amplify", ["envName"], "Dev1", "--amplify.envName"),
    ("--amplify", ["defaultEditor"], "notepad", "--amplify.defaultEditor"),
    ("--amplify", ["appId"], 7, "--amplify.appId"),
    ("--frontend", ["frontend"], 3, "--frontend"),
    ("--frontend", ["framework"], "jquery", "--frontend.framework"),
    ("--frontend", ["config"], "src", "--frontend.config"),
    ("--frontend", ["config", "SourceDir"], "", "--frontend.config.SourceDir"),
    ("--frontend", ["config", "DistributionDir"], 5, "--frontend.config.DistributionDir"),
    ("--frontend", ["config", "BuildCommand"], "", "--frontend.config.BuildCommand"),
    ("--frontend", ["config", "StartCommand"], None, "--frontend.config.StartCommand"),
    ("--providers", ["awscloudformation"], "profile", "--providers"),
    (
        "--providers",
        ["awscloudformation", "configLevel"],
        "global",
        "--providers.awscloudformation.configLevel",
    ),
    ("--providers", ["awscloudformation", "useProfile"], "yes", "--providers.awscloudformation.useProfile"),
    (
        "--providers",
        ["awscloudformation", "profileName"],
        "two words",
        "--providers.awscloudformation.profileName",
    ),
    (
        "--providers",
        ["awscloudformation", "accessKeyId"],
        "not-a-key!",
        "--providers.awscloudformation.accessKeyId",
    ),
    (
        "--providers",
        ["awscloudformation", "secretAccessKey"],
        SECRET_VALUE,
        "--providers.awscloudformation.secretAccessKey",
    ),
    (
        "--providers",
        ["awscloudformation", "sessionToken"],
        SECRET_VALUE,
        "--providers.awscloudformation.sessionToken",
    ),
    (
        "--providers",
        ["awscloudformation", "region"],
        "mars-1",
        "--providers.awscloudformation.region: 'mars-1' is not one of",
    ),
    ("--providers", ["awscloudformation", "unknownKey"], 1, "'unknownKey' was unexpected"),
]


def with_value(data, path, value):
    data = json.loads(json.dumps(data))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    "flag, path, value, expected", INIT_CASES, ids=[f"{c[0]}.{'.'.join(c[1])}" for c in INIT_CASES]
)
def test_init_refuses_a_malformed_value(sandbox, inprocess, tmp_path, flag, path, value, expected):
    app = make_web_app(tmp_path / "app")
    before = tree(app)
    params = {
        name: json.dumps(with_value(data, path, value) if name == flag else data)
        for name, data in GOOD.items()
    }
    args = [part for name, text in params.items() for part in (name, text)]
    result = inprocess("init", *args, "--yes", cwd=app)
    assert result.code == 2, result.text
    assert expected in result.err, result.err
    assert SECRET_VALUE not in result.text and "s3cr3t" not in result.text
    assert tree(app) == before
    assert not sandbox.amplify_home.exists()


def test_malformed_json_and_missing_files(sandbox, inprocess, tmp_path):
    app = make_web_app(tmp_path / "app")
    for args, expected in (
        (["--amplify", "{bad"], "--amplify: invalid JSON"),
        (["--providers", "@missing.json"], "--providers: file not found"),
        (["--frontend", '{"frontend": "cobol"}'], "'cobol' is not an installed frontend"),
        (["--providers", '{"gcp": {}}'], "'gcp' is not an installed provider"),
        (["--providers", json.dumps([{"secretAccessKey": SECRET_VALUE}])], "is not of type 'object'"),
        (["--amplify", json.dumps({"projectName": {"sessionToken": SECRET_VALUE}})], "--amplify.projectName"),
    ):
        result = inprocess("init", *args, "--yes", cwd=app)
        assert result.code == 2 and expected in result.err, result.text
        assert SECRET_VALUE not in result.text
    assert not (app / "amplify").exists()


IMPORT_CONFIG_KEYS = {
    "Region": "mars-1",
    "DeploymentBucketName": "Not_A_Bucket",
    "UnauthRoleName": "has space",
    "StackName": "1-starts-with-digit",
    "StackId": "not-an-arn",
    "AuthRoleName": "",
    "UnauthRoleArn": "arn:aws:iam::12:role/x",
    "AuthRoleArn": 17,
    "AmplifyAppId": "UPPER",
    "PermissionsBoundaryPolicyArn": "arn:aws:iam::123:policy",
}
AWS_INFO_KEYS = {
    "configLevel": "amplifyAdmin",
    "useProfile": 1,
    "profileName": "",
    "accessKeyId": "key with spaces",
    "secretAccessKey": SECRET_VALUE,
    "sessionToken": SECRET_VALUE,
    "region": "moon-2",
    "awsConfigFilePath": "",
}


def test_env_import_and_configure_refuse_malformed_values(sandbox, amplify, inprocess, tmp_path):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)
    config = json.loads((app / "amplify" / "team-provider-info.json").read_text())["dev"]
    before = tree(app)
    keys_before = (
        sorted(p.name for p in (sandbox.amplify_home / "awscloudformation").iterdir())
        if (sandbox.amplify_home / "awscloudformation").exists()
        else []
    )

    failures = []
    for key, value in IMPORT_CONFIG_KEYS.items():
        bad = with_value(config, ["awscloudformation", key], value)
        result = inprocess("env", "import", "--name", "other", "--config", json.dumps(bad), "--yes", cwd=app)
        if result.code != 2 or f"--config.awscloudformation.{key}" not in result.err:
            failures.append((key, result.code, result.err))
    good_info = {
        "configLevel": "project",
        "useProfile": False,
        "accessKeyId": "AKIA1",
        "secretAccessKey": "x",
        "region": "us-east-1",
    }
    for key, value in AWS_INFO_KEYS.items():
        bad = with_value(good_info, [key], value)
        result = inprocess(
            "env",
            "import",
            "--name",
            "other",
            "--config",
            json.dumps(config),
            "--awsInfo",
            json.dumps(bad),
            "--yes",
            cwd=app,
        )
        if result.code != 2 or f"--awsInfo.{key}" not in result.err or SECRET_VALUE in result.text:
            failures.append((key, result.code, result.err))
    for flag, path, value, expected in INIT_CASES:
        if flag == "--amplify" and path == ["envName"]:
            continue  # configure project refuses any other env name (tested with env checkout)
        params = with_value(GOOD[flag], path, value)
        result = inprocess("configure", "project", flag, json.dumps(params), "--yes", cwd=app)
        if result.code != 2 or expected not in result.err or SECRET_VALUE in result.text:
            failures.append((f"configure {flag}.{path}", result.code, result.err))
    missing = inprocess("env", "import", "--name", "other", "--yes", cwd=app)
    assert missing.code == 2 and "Environment configuration was not specified" in missing.err
    bad_name = inprocess("env", "import", "--name", "Other", "--config", json.dumps(config), "--yes", cwd=app)
    assert bad_name.code == 2

    assert failures == []
    assert tree(app) == before
    keys_after = (
        sorted(p.name for p in (sandbox.amplify_home / "awscloudformation").iterdir())
        if (sandbox.amplify_home / "awscloudformation").exists()
        else []
    )
    assert keys_after == keys_before
    assert amplify_param()
