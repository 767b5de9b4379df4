"""Functions pushed to the sandbox: packages uploaded once, handlers invoked there (issue 15 items 2-3)."""

from __future__ import annotations

import json
import textwrap

import pytest

TABLE = {"service": "DynamoDB", "resourceName": "items", "tableName": "items",
         "partitionKey": {"fieldName": "id", "fieldType": "string"}, "gsi": []}

READER = textwrap.dedent("""\
    import os
    import boto3


    def handler(event, context):
        name = os.environ["STORAGE_ITEMS_NAME"]
        items = boto3.client("dynamodb").scan(TableName=name)["Items"]
        print("scanned", name)
        return {"table": name, "ids": sorted(i["id"]["S"] for i in items), "greeting": os.environ["GREETING"]}
    """)


def build_keys(sandbox, bucket: str) -> dict[str, object]:
    listed = sandbox.client("s3").list_objects_v2(Bucket=bucket, Prefix="amplify-builds/").get("Contents", [])
    return {o["Key"]: o["LastModified"] for o in listed}


@pytest.mark.slow
def test_function_reads_its_table_in_the_sandbox_and_is_uploaded_once(project, sandbox_server):
    assert project.amplify("add", "storage", "--params", json.dumps(TABLE)).code == 0
    added = project.amplify("add", "function", "--yes", "--params", json.dumps({
        "functionName": "reader", "runtime": "python3.12",
        "permissions": {"storage": {"items": ["read"]}}, "environmentVariables": {"GREETING": "hi"}}))
    assert added.code == 0, added.text
    folder = project.backend / "function" / "reader"
    (folder / "src" / "index.py").write_text(READER)
    config = json.loads((project.backend / "backend-config.json").read_text())["function"]["reader"]
    assert config["dependsOn"] == [{"category": "storage", "resourceName": "items", "attributes": ["Name", "Arn", "StreamArn"]}]

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    assert "Uploading 1 package(s)" in pushed.out
    bucket = project.meta()["providers"]["awscloudformation"]["DeploymentBucketName"]
    keys = build_keys(sandbox_server, bucket)
    assert len(keys) == 1 and next(iter(keys)).startswith("amplify-builds/reader-")

    lam = sandbox_server.client("lambda")
    configuration = lam.get_function(FunctionName="reader-dev")["Configuration"]
    assert configuration["Environment"]["Variables"]["STORAGE_ITEMS_NAME"] == "items-dev"
    sandbox_server.client("dynamodb").put_item(TableName="items-dev", Item={"id": {"S": "a1"}})
    answer = lam.invoke(FunctionName="reader-dev", Payload=b"{}", LogType="Tail")
    assert "FunctionError" not in answer, answer["Payload"].read()
    assert json.loads(answer["Payload"].read()) == {"table": "items-dev", "ids": ["a1"], "greeting": "hi"}

    mocked = project.amplify("mock", "function", "reader")  # locally, against the same (sandbox) table
    assert mocked.code == 0, mocked.text
    assert '"a1"' in mocked.out and "scanned items-dev" in mocked.out

    again = project.amplify("push", "--yes")
    assert again.code == 0 and "No changes detected" in again.out
    assert project.amplify("add", "storage", "--params", json.dumps({**TABLE, "resourceName": "other",
                                                                      "tableName": "other"})).code == 0
    other = project.amplify("push", "--yes")  # the function is unchanged: no zip is sent again
    assert other.code == 0, other.text
    assert "package(s)" not in other.out
    assert build_keys(sandbox_server, bucket) == keys


@pytest.mark.slow
def test_a_throwing_handler_is_a_function_error_in_the_sandbox(project, sandbox_server):
    assert project.amplify("add", "function", "--yes", "--params", json.dumps(
        {"functionName": "boom", "runtime": "nodejs20.x"})).code == 0
    (project.backend / "function" / "boom" / "src" / "index.js").write_text(
        "exports.handler = async () => { throw new RangeError('too far'); };\n")
    assert project.amplify("push", "--yes").code == 0
    answer = sandbox_server.client("lambda").invoke(FunctionName="boom-dev", Payload=b"{}")
    assert answer.get("FunctionError")
    error = json.loads(answer["Payload"].read())
    assert error["errorType"] == "RangeError" and error["errorMessage"] == "too far"


@pytest.mark.slow
def test_a_dynamodb_trigger_fires_when_the_table_changes(project, sandbox_server):
    assert project.amplify("add", "storage", "--params", json.dumps(TABLE)).code == 0
    added = project.amplify("add", "function", "--yes", "--params", json.dumps({
        "functionName": "ontable", "runtime": "python3.13", "template": "dynamodb-trigger",
        "trigger": {"resourceName": "items"}}))
    assert added.code == 0, added.text
    template = json.loads((project.backend / "function" / "ontable" / "ontable-cloudformation-template.json").read_text())
    assert template["Resources"]["LambdaEventSourceMappingitems"]["Properties"]["EventSourceArn"] == {
        "Ref": "storageitemsStreamArn"}
    assert project.amplify("push", "--yes").code == 0
    sandbox_server.client("dynamodb").put_item(TableName="items-dev", Item={"id": {"S": "new-1"}})
    logs = sandbox_server.client("logs")
    streams = logs.describe_log_streams(logGroupName="/aws/lambda/ontable-dev")["logStreams"]
    text = "\n".join(e["message"] for s in streams for e in logs.get_log_events(
        logGroupName="/aws/lambda/ontable-dev", logStreamName=s["logStreamName"])["events"])
    assert "INSERT" in text and "Successfully processed 1 records." in text
