"""The templates this plugin renders pass cfn-lint with no errors; every parameter gets a value
from the core's contract (dependsOn attributes, env, the package); settings read back unchanged."""

from __future__ import annotations

import json

import pytest
from amplify_category_function import access
from amplify_category_function.template import Settings, cfn_param_for, read_settings, render
from cfnlint.api import lint_all

SERVICES = {("storage", "orders"): "DynamoDB", ("storage", "files"): "S3", ("function", "other"): "Lambda"}
FULL = Settings(
    name="worker",
    runtime="python3.13",
    role_name="appLambdaRole1234abcd",
    timeout=60,
    permissions={
        "storage": {"orders": ["read", "update"], "files": ["create", "read"]},
        "function": {"other": ["read"]},
    },
    env_vars={"MY_VAR": "myVar"},
    trigger="orders",
    schedule=True,
)
CASES = {
    "hello": Settings(name="hello", runtime="nodejs22.x", role_name="appLambdaRoleabcd1234"),
    "full": FULL,
}


@pytest.mark.parametrize("settings", CASES.values(), ids=CASES.keys())
def test_cfn_lint_finds_no_errors(settings):
    errors = [m for m in lint_all(json.dumps(render(settings, SERVICES))) if m.rule.id.startswith("E")]
    assert errors == [], [str(e) for e in errors]


def test_every_parameter_without_a_default_is_supplied_by_the_contract():
    template = render(FULL, SERVICES)
    from amplify_category_function.template import wanted

    deps = access.depends_on(wanted(FULL, SERVICES))
    supplied = {"env", "deploymentBucketName", "s3Key", "myVar"} | {
        f"{d['category']}{d['resourceName']}{a}" for d in deps for a in d["attributes"]
    }
    declared = {k for k, v in template["Parameters"].items() if "Default" not in v}
    assert declared == supplied


def test_gen1_environment_variable_names_and_policies():
    variables = render(FULL, SERVICES)["Resources"]["LambdaFunction"]["Properties"]["Environment"][
        "Variables"
    ]
    assert variables["STORAGE_ORDERS_NAME"] == {"Ref": "storageordersName"}
    assert variables["STORAGE_FILES_BUCKETNAME"] == {"Ref": "storagefilesBucketName"}
    assert variables["FUNCTION_OTHER_NAME"] == {"Ref": "functionotherName"}
    assert variables["MY_VAR"] == {"Ref": "myVar"}
    statements = access.statements(FULL.permissions, SERVICES)
    table = next(s for s in statements if "dynamodb:Get*" in s["Action"])
    assert "dynamodb:Update*" in table["Action"] and "dynamodb:Delete*" not in table["Action"]
    assert {
        "Effect": "Allow",
        "Action": "s3:ListBucket",
        "Resource": [{"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "storagefilesBucketName"}]]}],
    } in statements
    assert cfn_param_for("MY_LONG_VAR") == "myLongVar"


def test_settings_read_back_from_the_template():
    template = render(FULL, SERVICES)
    back = read_settings(
        "worker", template, {"permissions": FULL.permissions}, {"CloudWatchRule": "rate(1 hour)"}
    )
    assert back == FULL
