"""amplify storage, end to end: the real command against the sandbox (issue 14 item 2)."""

from __future__ import annotations

import json
import re

import pytest

BUCKET = {
    "service": "S3",
    "resourceName": "files",
    "authAccess": ["CREATE_AND_UPDATE", "READ", "DELETE"],
    "guestAccess": ["READ"],
}
TABLE = {
    "service": "DynamoDB",
    "resourceName": "orders",
    "tableName": "orders",
    "partitionKey": {"fieldName": "id", "fieldType": "string"},
    "sortKey": {"fieldName": "createdAt", "fieldType": "number"},
    "gsi": [
        {
            "name": "byCustomer",
            "partitionKey": {"fieldName": "customerId"},
            "sortKey": {"fieldName": "createdAt", "fieldType": "number"},
        }
    ],
}


def exports_object(project) -> dict:
    text = project.exports()
    return json.loads(text[text.index("{") : text.rindex("}") + 1])


def role_policies(iam, role: str) -> dict[str, dict]:
    names = iam.list_role_policies(RoleName=role)["PolicyNames"]
    return {n: iam.get_role_policy(RoleName=role, PolicyName=n)["PolicyDocument"] for n in names}


def actions_on(policies: dict[str, dict], resource_suffix: str) -> set[str]:
    found = set()
    for document in policies.values():
        document = json.loads(document) if isinstance(document, str) else document
        for statement in document["Statement"]:
            resources = (
                statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
            )
            if any(r.endswith(resource_suffix) for r in resources):
                actions = statement["Action"]
                found |= set(actions if isinstance(actions, list) else [actions])
    return found


@pytest.mark.slow
def test_headless_add_push_then_remove_push(project, sandbox_server):
    bucket = f"{project.name}-files"
    assert (
        project.amplify("add", "storage", "--params", json.dumps({**BUCKET, "bucketName": bucket})).code == 0
    )
    added = project.amplify("storage", "add", "--params", json.dumps(TABLE))
    assert added.code == 0, added.text
    inputs = json.loads((project.backend / "storage" / "orders" / "cli-inputs.json").read_text())
    assert inputs["gsi"][0]["name"] == "byCustomer" and inputs["partitionKey"] == TABLE["partitionKey"]
    config = json.loads((project.backend / "backend-config.json").read_text())["storage"]
    assert config["files"]["service"] == "S3" and config["orders"]["service"] == "DynamoDB"
    status = project.amplify("status")
    assert re.search(r"Storage\s*\|\s*files\s*\|\s*Create", status.out, re.I), status.out

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text

    s3 = sandbox_server.client("s3")
    s3.head_bucket(Bucket=f"{bucket}-dev")
    table = sandbox_server.client("dynamodb").describe_table(TableName="orders-dev")["Table"]
    assert [k["AttributeName"] for k in table["KeySchema"]] == ["id", "createdAt"]
    assert [i["IndexName"] for i in table["GlobalSecondaryIndexes"]] == ["byCustomer"]
    assert table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}

    exports = exports_object(project)
    assert exports["aws_user_files_s3_bucket"] == f"{bucket}-dev"
    assert exports["aws_user_files_s3_bucket_region"] == "us-east-1"
    assert exports["aws_dynamodb_all_tables_region"] == "us-east-1"
    assert exports["aws_dynamodb_table_schemas"] == [{"tableName": "orders-dev", "region": "us-east-1"}]
    assert "__native__" not in project.exports()
    output = project.meta()["storage"]["orders"]["output"]
    assert output["StreamArn"].startswith(output["Arn"] + "/stream/")

    # Who may do what: signed-in users read/write/delete their prefixes; guests only read public/.
    provider = project.meta()["providers"]["awscloudformation"]
    iam = sandbox_server.client("iam")
    auth = role_policies(iam, provider["AuthRoleName"])
    guest = role_policies(iam, provider["UnauthRoleName"])
    assert actions_on(auth, "/public/*") == {"s3:PutObject", "s3:GetObject", "s3:DeleteObject"}
    assert actions_on(auth, "/private/${cognito-identity.amazonaws.com:sub}/*") == {
        "s3:PutObject",
        "s3:GetObject",
        "s3:DeleteObject",
    }
    assert actions_on(guest, "/public/*") == {"s3:GetObject"}
    assert actions_on(guest, "/private/${cognito-identity.amazonaws.com:sub}/*") == set()
    assert actions_on(guest, "/uploads/*") == set()

    s3.put_object(Bucket=f"{bucket}-dev", Key="public/a.txt", Body=b"a")
    assert project.amplify("remove", "storage", "files", "--yes").code == 0
    assert project.amplify("storage", "remove", "orders", "--yes").code == 0
    assert not (project.backend / "storage").exists()
    removed = project.amplify("push", "--yes")
    assert removed.code == 0, removed.text
    assert bucket not in {b["Name"].removesuffix("-dev") for b in s3.list_buckets()["Buckets"]}
    assert "orders-dev" not in sandbox_server.client("dynamodb").list_tables()["TableNames"]
    assert "aws_user_files_s3_bucket" not in exports_object(project)
    assert actions_on(role_policies(iam, provider["UnauthRoleName"]), "/public/*") == set()


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"service": "S3", "bucketName": "Bad_Name"}, "--params.bucketName: 'Bad_Name' does not match"),
        ({"service": "Dynamo"}, "--params.service: 'Dynamo' is not one of"),
        ({"service": "S3", "authAccess": ["WRITE"]}, "--params.authAccess[0]: 'WRITE' is not one of"),
        ({**TABLE, "sortKey": {"fieldName": "id"}}, "the sort key must differ from the partition key"),
        (
            {
                **TABLE,
                "gsi": [
                    {"name": "byDate", "partitionKey": {"fieldName": "createdAt", "fieldType": "string"}}
                ],
            },
            "Attribute 'createdAt' is given two types",
        ),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(project, params, expected):
    before = project.files()
    result = project.amplify("add", "storage", "--params", json.dumps(params))
    assert result.code == 2, result.text
    assert expected in result.text
    assert "Traceback" not in result.text
    assert project.files() == before


def test_without_a_terminal_every_missing_value_is_listed(project):
    before = project.files()
    result = project.amplify("add", "storage", "--service", "DynamoDB")
    assert result.code == 2, result.text
    for key in ("resourceName", "tableName", "partitionKeyName", "partitionKeyType"):
        assert key in result.err, result.err
    assert project.files() == before


def test_one_content_bucket_per_project_and_groups_need_auth(project):
    added = project.amplify("add", "storage", "--yes", "--params", json.dumps(BUCKET))
    assert added.code == 0, added.text  # --yes: the default bucket name
    assert re.fullmatch(
        r"st[0-9a-f]{8}storage[0-9a-f]{8}",
        json.loads((project.backend / "storage" / "files" / "cli-inputs.json").read_text())["bucketName"],
    )
    again = project.amplify("add", "storage", "--params", json.dumps({**BUCKET, "resourceName": "more"}))
    assert again.code == 2 and "Amazon S3 storage was already added" in again.err
    groups = project.amplify(
        "update", "storage", "files", "--params", json.dumps({"groupAccess": {"Admins": ["READ"]}})
    )
    assert groups.code == 2 and "auth userPoolGroups" in groups.err
