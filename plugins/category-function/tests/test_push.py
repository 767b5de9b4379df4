"""Functions pushed to the sandbox: packages uploaded once, handlers invoked there (issue 15 items 2-3)."""

from __future__ import annotations

import json
import textwrap

import pytest

TABLE = {
    "service": "DynamoDB",
    "resourceName": "items",
    "tableName": "items",
    "partitionKey": {"fieldName": "id", "fieldType": "string"},
    "gsi": [],
}

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
    table = f"{project.name}items"  # tests share one sandbox: names are unique per project
    assert project.amplify("add", "storage", "--params", json.dumps({**TABLE, "tableName": table})).code == 0
    added = project.amplify(
        "add",
        "function",
        "--yes",
        "--params",
        json.dumps(
            {
                "functionName": "reader",
                "runtime": "python3.12",
                "permissions": {"storage": {"items": ["read"]}},
                "environmentVariables": {"GREETING": "hi"},
            }
        ),
    )
    assert added.code == 0, added.text
    folder = project.backend / "function" / "reader"
    (folder / "src" / "index.py").write_text(READER)
    config = json.loads((project.backend / "backend-config.json").read_text())["function"]["reader"]
    assert config["dependsOn"] == [
        {"category": "storage", "resourceName": "items", "attributes": ["Name", "Arn", "StreamArn"]}
    ]

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    assert "Uploading 1 package(s)" in pushed.out
    bucket = project.meta()["providers"]["awscloudformation"]["DeploymentBucketName"]
    keys = build_keys(sandbox_server, bucket)
    assert len(keys) == 1 and next(iter(keys)).startswith("amplify-builds/reader-")

    lam = sandbox_server.client("lambda")
    configuration = lam.get_function(FunctionName="reader-dev")["Configuration"]
    assert configuration["Environment"]["Variables"]["STORAGE_ITEMS_NAME"] == f"{table}-dev"
    sandbox_server.client("dynamodb").put_item(TableName=f"{table}-dev", Item={"id": {"S": "a1"}})
    answer = lam.invoke(FunctionName="reader-dev", Payload=b"{}", LogType="Tail")
    assert "FunctionError" not in answer, answer["Payload"].read()
    assert json.loads(answer["Payload"].read()) == {"table": f"{table}-dev", "ids": ["a1"], "greeting": "hi"}

    mocked = project.amplify("mock", "function", "reader")  # locally, against the same (sandbox) table
    assert mocked.code == 0, mocked.text
    assert '"a1"' in mocked.out and f"scanned {table}-dev" in mocked.out

    again = project.amplify("push", "--yes")
    assert again.code == 0 and "No changes detected" in again.out
    assert (
        project.amplify(
            "add",
            "storage",
            "--params",
            json.dumps({**TABLE, "resourceName": "other", "tableName": f"{project.name}other"}),
        ).code
        == 0
    )
    other = project.amplify("push", "--yes")  # the function is unchanged: no zip is sent again
    assert other.code == 0, other.text
    assert "package(s)" not in other.out
    assert build_keys(sandbox_server, bucket) == keys


@pytest.mark.slow
def test_a_throwing_handler_is_a_function_error_in_the_sandbox(project, sandbox_server):
    assert (
        project.amplify(
            "add",
            "function",
            "--yes",
            "--params",
            json.dumps({"functionName": "boom", "runtime": "nodejs24.x"}),
        ).code
        == 0
    )
    (project.backend / "function" / "boom" / "src" / "index.js").write_text(
        "exports.handler = async () => { throw new RangeError('too far'); };\n"
    )
    assert project.amplify("push", "--yes").code == 0
    answer = sandbox_server.client("lambda").invoke(FunctionName="boom-dev", Payload=b"{}")
    assert answer.get("FunctionError")
    error = json.loads(answer["Payload"].read())
    assert error["errorType"] == "RangeError" and error["errorMessage"] == "too far"


@pytest.mark.slow
def test_a_dynamodb_trigger_fires_when_the_table_changes(project, sandbox_server):
    table = f"{project.name}items"
    assert project.amplify("add", "storage", "--params", json.dumps({**TABLE, "tableName": table})).code == 0
    added = project.amplify(
        "add",
        "function",
        "--yes",
        "--params",
        json.dumps(
            {
                "functionName": "ontable",
                "runtime": "python3.13",
                "template": "dynamodb-trigger",
                "trigger": {"resourceName": "items"},
            }
        ),
    )
    assert added.code == 0, added.text
    template = json.loads(
        (project.backend / "function" / "ontable" / "ontable-cloudformation-template.json").read_text()
    )
    assert template["Resources"]["LambdaEventSourceMappingitems"]["Properties"]["EventSourceArn"] == {
        "Ref": "storageitemsStreamArn"
    }
    assert project.amplify("push", "--yes").code == 0
    sandbox_server.client("dynamodb").put_item(TableName=f"{table}-dev", Item={"id": {"S": "new-1"}})
    logs = sandbox_server.client("logs")
    streams = logs.describe_log_streams(logGroupName="/aws/lambda/ontable-dev")["logStreams"]
    text = "\n".join(
        e["message"]
        for s in streams
        for e in logs.get_log_events(
            logGroupName="/aws/lambda/ontable-dev", logStreamName=s["logStreamName"]
        )["events"]
    )
    assert "INSERT" in text and "Successfully processed 1 records." in text


def gen1_function(project, name: str) -> None:
    """A function as the Gen 1 CLI (v7) leaves it: its own template, files and a stale s3Key in team-provider-info."""
    folder = project.backend / "function" / name
    ref, env_named = (
        (lambda n: {"Ref": n}),
        (
            lambda base: {
                "Fn::If": [
                    "ShouldNotCreateEnvResources",
                    base,
                    {"Fn::Join": ["", [base, "-", {"Ref": "env"}]]},
                ]
            }
        ),
    )
    template = {  # the shape the Gen 1 CLI writes for a Node.js hello world
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": '{"createdOn":"Mac","createdBy":"Amplify","createdWith":"7.6.26","stackType":"function-Lambda"}',
        "Parameters": {
            "CloudWatchRule": {"Type": "String", "Default": "NONE", "Description": " Schedule Expression"},
            "deploymentBucketName": {"Type": "String"},
            "env": {"Type": "String"},
            "s3Key": {"Type": "String"},
        },
        "Conditions": {"ShouldNotCreateEnvResources": {"Fn::Equals": [ref("env"), "NONE"]}},
        "Resources": {
            "LambdaFunction": {
                "Type": "AWS::Lambda::Function",
                "Metadata": {"aws:asset:path": "./src", "aws:asset:property": "Code"},
                "Properties": {
                    "Code": {"S3Bucket": ref("deploymentBucketName"), "S3Key": ref("s3Key")},
                    "Handler": "index.handler",
                    "FunctionName": env_named(name),
                    "Environment": {
                        "Variables": {
                            "ENV": ref("env"),
                            "REGION": ref("AWS::Region"),
                            "PARTNER_ARN": "arn:aws:sqs:us-east-1:123456789012:q",
                        }
                    },
                    "Role": {"Fn::GetAtt": ["LambdaExecutionRole", "Arn"]},
                    "Runtime": "nodejs22.x",
                    "Layers": [],
                    "Timeout": 25,
                    "MemorySize": 256,
                },
            },
            "LambdaFunctionUrl": {
                "Type": "AWS::Lambda::Url",
                "Properties": {  # added by hand, as Gen 1 users do
                    "AuthType": "NONE",
                    "TargetFunctionArn": {"Fn::GetAtt": ["LambdaFunction", "Arn"]},
                },
            },
            "LambdaExecutionRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": env_named(f"legacyLambdaRole{name}"),
                    "AssumeRolePolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"Service": ["lambda.amazonaws.com"]},
                                "Action": ["sts:AssumeRole"],
                            }
                        ],
                    },
                },
            },
            "lambdaexecutionpolicy": {
                "DependsOn": ["LambdaExecutionRole"],
                "Type": "AWS::IAM::Policy",
                "Properties": {
                    "PolicyName": "lambda-execution-policy",
                    "Roles": [ref("LambdaExecutionRole")],
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Action": [
                                    "logs:CreateLogGroup",
                                    "logs:CreateLogStream",
                                    "logs:PutLogEvents",
                                ],
                                "Resource": {
                                    "Fn::Sub": [
                                        "arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${lambda}:log-stream:*",
                                        {
                                            "region": ref("AWS::Region"),
                                            "account": ref("AWS::AccountId"),
                                            "lambda": ref("LambdaFunction"),
                                        },
                                    ]
                                },
                            }
                        ],
                    },
                },
            },
        },
        "Outputs": {
            "Name": {"Value": ref("LambdaFunction")},
            "Arn": {"Value": {"Fn::GetAtt": ["LambdaFunction", "Arn"]}},
            "Region": {"Value": ref("AWS::Region")},
            "LambdaExecutionRole": {"Value": ref("LambdaExecutionRole")},
            "FunctionUrl": {"Value": {"Fn::GetAtt": ["LambdaFunctionUrl", "FunctionUrl"]}},
        },
    }
    files = {
        f"{name}-cloudformation-template.json": template,
        "function-parameters.json": {"lambdaLayers": []},
        "parameters.json": {},
        "amplify.state": {
            "pluginId": "amplify-nodejs-function-runtime-provider",
            "functionRuntime": "nodejs",
            "useLegacyBuild": True,
            "defaultEditorFile": "src/index.js",
        },
        "custom-policies.json": [
            {"Action": ["sqs:SendMessage"], "Resource": ["arn:aws:sqs:us-east-1:123456789012:q"]}
        ],
    }
    for filename, data in files.items():
        (folder / filename).parent.mkdir(parents=True, exist_ok=True)
        (folder / filename).write_text(json.dumps(data, indent=2))
    (folder / "src").mkdir()
    (folder / "src" / "index.js").write_text(
        "exports.handler = async (event) => ({ statusCode: 200, body: 'legacy ' + process.env.ENV });\n"
    )
    (folder / "src" / "package.json").write_text(
        json.dumps({"name": name, "version": "2.0.0", "main": "index.js"})
    )
    config = json.loads((project.backend / "backend-config.json").read_text())
    config.setdefault("function", {})[name] = {
        "build": True,
        "providerPlugin": "awscloudformation",
        "service": "Lambda",
    }
    (project.backend / "backend-config.json").write_text(json.dumps(config, indent=2))
    tpi_path = project.root / "amplify" / "team-provider-info.json"
    tpi = json.loads(tpi_path.read_text())
    tpi["dev"]["categories"] = {
        "function": {
            name: {
                "deploymentBucketName": "amplify-old-bucket",
                "s3Key": f"amplify-builds/{name}-6f6c64-build.zip",
            }
        }
    }
    tpi_path.write_text(json.dumps(tpi, indent=2))


@pytest.mark.slow
def test_a_gen1_function_pushes_then_update_and_remove(project, sandbox_server):
    gen1_function(project, "legacy")
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    lam, iam = sandbox_server.client("lambda"), sandbox_server.client("iam")
    answer = lam.invoke(FunctionName="legacy-dev", Payload=b"{}")
    assert json.loads(answer["Payload"].read()) == {"statusCode": 200, "body": "legacy dev"}
    policies = iam.list_role_policies(RoleName="legacyLambdaRolelegacy-dev")["PolicyNames"]
    assert "custom-lambda-execution-policy" in policies  # custom-policies.json is granted, as in Gen 1

    updated = project.amplify(
        "update",
        "function",
        "legacy",
        "--params",
        json.dumps({"schedule": "rate(5 minutes)", "runtime": "nodejs22.x"}),
    )
    assert updated.code == 0, updated.text
    template = json.loads(
        (project.backend / "function" / "legacy" / "legacy-cloudformation-template.json").read_text()
    )
    assert "LambdaFunctionUrl" in template["Resources"] and "FunctionUrl" in template["Outputs"]  # kept
    assert project.amplify("push", "--yes").code == 0
    configuration = lam.get_function(FunctionName="legacy-dev")["Configuration"]
    assert configuration["Runtime"] == "nodejs22.x" and configuration["MemorySize"] == 256
    assert configuration["Environment"]["Variables"]["PARTNER_ARN"] == "arn:aws:sqs:us-east-1:123456789012:q"
    assert (
        project.meta()["function"]["legacy"]["output"]["FunctionUrl"]
        == lam.get_function_url_config(FunctionName="legacy-dev")["FunctionUrl"]
    )
    rules = sandbox_server.client("events").list_rule_names_by_target(
        TargetArn=lam.get_function(FunctionName="legacy-dev")["Configuration"]["FunctionArn"]
    )["RuleNames"]
    assert len(rules) == 1

    refused = project.amplify(
        "remove", "function", "legacy"
    )  # CI, no --yes: the confirmation cannot be asked
    assert refused.code == 2 and (project.backend / "function" / "legacy").exists()
    assert project.amplify("remove", "function", "legacy", "--yes").code == 0
    assert project.amplify("push", "--yes").code == 0
    assert "legacy-dev" not in [f["FunctionName"] for f in lam.list_functions()["Functions"]]


def test_a_refused_resource_stops_the_push_before_any_function_is_built(project, sandbox_server):
    """Every refusal is named before anything runs: no npm/pip, no zip, no cloud change."""
    added = project.amplify("add", "function", "--yes", "--params", json.dumps({"functionName": "early"}))
    assert added.code == 0, added.text
    api = project.backend / "api" / "chat"
    api.mkdir(parents=True)
    (api / "schema.graphql").write_text("type Todo @model { id: ID! }\n")
    config = json.loads((project.backend / "backend-config.json").read_text())
    config["api"] = {"chat": {"service": "AppSync", "providerPlugin": "awscloudformation"}}
    (project.backend / "backend-config.json").write_text(json.dumps(config, indent=2))
    stacks = sandbox_server.client("cloudformation").describe_stacks()["Stacks"]

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 2, pushed.text
    assert "api chat (AppSync)" in pushed.err, pushed.err
    assert not (project.backend / "function" / "early" / "dist").exists()
    assert sandbox_server.client("cloudformation").describe_stacks()["Stacks"] == stacks
