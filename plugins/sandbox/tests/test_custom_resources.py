"""Lambda-backed custom resources and retired Lambda runtimes in the sandbox's CloudFormation,
as CloudFormation and Lambda behave (boto3 against the sandbox server)."""

from __future__ import annotations

import json
import uuid

import botocore.exceptions
import pytest

pytestmark = pytest.mark.slow

ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "lambda.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    },
}

PYTHON_HANDLER = """
import boto3, cfnresponse
def handler(event, context):
    props = event["ResourceProperties"]
    if event["RequestType"] == "Delete":
        boto3.client("s3").put_object(Bucket=props["Bucket"], Key="deleted/" + event["PhysicalResourceId"], Body=b"x")
        cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, event["PhysicalResourceId"])
        return
    if props.get("Fail") == "true":
        cfnresponse.send(event, context, cfnresponse.FAILED, {}, reason="the answer was wrong")
        return
    boto3.client("s3").put_object(Bucket=props["Bucket"], Key="events/" + event["RequestType"], Body=json.dumps(event))
    cfnresponse.send(event, context, cfnresponse.SUCCESS, {"Doubled": str(int(props["Number"]) * 2)}, "py-" + props["Number"])
import json
"""

NODE_HANDLER = """
const response = require('cfn-response');
exports.handler = (event, context) => {
  const greeting = 'hello ' + (event.ResourceProperties.Name || 'nobody');
  response.send(event, context, response.SUCCESS, { Greeting: greeting }, 'node-resource');
};
"""

SILENT_HANDLER = """
def handler(event, context):
    print("not answering", event["RequestType"])
"""

SDK_V3_HANDLER = """
const { S3Client } = require('@aws-sdk/client-s3');
exports.handler = async () => 'unreachable';
"""


def _function(code: str, runtime: str) -> dict:
    return {
        "Type": "AWS::Lambda::Function",
        "Properties": {
            "Code": {"ZipFile": code},
            "Handler": "index.handler",
            "Runtime": runtime,
            "Timeout": 30,
            "Role": {"Fn::GetAtt": ["Role", "Arn"]},
        },
    }


def _template(number: str = "21", fail: str = "false") -> str:
    return json.dumps(
        {
            "Parameters": {"Bucket": {"Type": "String"}},
            "Resources": {
                "Role": ROLE,
                "PyFunction": _function(PYTHON_HANDLER, "python3.12"),
                "NodeFunction": _function(NODE_HANDLER, "nodejs22.x"),
                "Doubler": {
                    "Type": "Custom::Doubler",
                    "Properties": {
                        "ServiceToken": {"Fn::GetAtt": ["PyFunction", "Arn"]},
                        "Bucket": {"Ref": "Bucket"},
                        "Number": number,
                        "Fail": fail,
                    },
                },
                "Greeter": {
                    "Type": "AWS::CloudFormation::CustomResource",
                    "Properties": {
                        "ServiceToken": {"Fn::GetAtt": ["NodeFunction", "Arn"]},
                        "Name": "sandbox",
                    },
                },
            },
            "Outputs": {
                "Doubled": {"Value": {"Fn::GetAtt": ["Doubler", "Doubled"]}},
                "Greeting": {"Value": {"Fn::GetAtt": ["Greeter", "Greeting"]}},
                "DoublerId": {"Value": {"Ref": "Doubler"}},
            },
        }
    )


@pytest.fixture
def bucket(sandbox_server):
    s3 = sandbox_server.client("s3")
    name = f"cr-{uuid.uuid4().hex[:10]}"
    s3.create_bucket(Bucket=name)
    return name


def _keys(sandbox_server, bucket: str) -> list[str]:
    listed = sandbox_server.client("s3").list_objects_v2(Bucket=bucket)
    return sorted(o["Key"] for o in listed.get("Contents", []))


def _outputs(cfn, name: str) -> dict[str, str]:
    stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def _failed_events(cfn, name: str) -> dict[str, str]:
    events = cfn.describe_stack_events(StackName=name)["StackEvents"]
    return {
        e["LogicalResourceId"]: e.get("ResourceStatusReason", "")
        for e in events
        if e["ResourceStatus"].endswith("_FAILED")
    }


def test_custom_resources_create_update_delete(sandbox_server, bucket):
    cfn = sandbox_server.client("cloudformation")
    name = f"cr{uuid.uuid4().hex[:8]}"
    params = [{"ParameterKey": "Bucket", "ParameterValue": bucket}]
    cfn.create_stack(
        StackName=name, TemplateBody=_template(), Parameters=params, Capabilities=["CAPABILITY_IAM"]
    )
    stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE", _failed_events(cfn, name)
    assert _outputs(cfn, name) == {"Doubled": "42", "Greeting": "hello sandbox", "DoublerId": "py-21"}
    event = json.loads(
        sandbox_server.client("s3").get_object(Bucket=bucket, Key="events/Create")["Body"].read()
    )
    assert event["ResourceType"] == "Custom::Doubler" and event["LogicalResourceId"] == "Doubler"
    assert event["StackId"] == stack["StackId"] and event["ResponseURL"].startswith("http://127.0.0.1:")
    assert "PhysicalResourceId" not in event and event["ResourceProperties"]["Number"] == "21"

    # An update with a new physical id is a replacement: the old resource gets Delete at cleanup.
    cfn.update_stack(
        StackName=name, TemplateBody=_template("5"), Parameters=params, Capabilities=["CAPABILITY_IAM"]
    )
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"
    assert _outputs(cfn, name)["Doubled"] == "10"
    update = json.loads(
        sandbox_server.client("s3").get_object(Bucket=bucket, Key="events/Update")["Body"].read()
    )
    assert update["PhysicalResourceId"] == "py-21" and update["OldResourceProperties"]["Number"] == "21"
    assert "deleted/py-21" in _keys(sandbox_server, bucket)

    # A FAILED answer fails the update with the function's reason; the stack rolls back.
    cfn.update_stack(
        StackName=name,
        TemplateBody=_template("7", fail="true"),
        Parameters=params,
        Capabilities=["CAPABILITY_IAM"],
    )
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    reason = _failed_events(cfn, name)["Doubler"]
    assert reason.startswith(
        "Received response status [FAILED] from custom resource. Message returned: the answer was wrong"
    )
    assert _outputs(cfn, name)["Doubled"] == "10"

    cfn.delete_stack(StackName=name)
    assert "deleted/py-5" in _keys(sandbox_server, bucket)


def test_failed_create_rolls_back_and_deletes_what_was_made(sandbox_server, bucket):
    cfn = sandbox_server.client("cloudformation")
    name = f"cr{uuid.uuid4().hex[:8]}"
    template = json.loads(_template())
    # The Greeter succeeds first; then Doubler answers FAILED: the Greeter gets Delete in rollback.
    template["Resources"]["Doubler"]["DependsOn"] = "Greeter"
    template["Resources"]["Doubler"]["Properties"]["Fail"] = "true"
    cfn.create_stack(
        StackName=name,
        TemplateBody=json.dumps(template),
        Parameters=[{"ParameterKey": "Bucket", "ParameterValue": bucket}],
        Capabilities=["CAPABILITY_IAM"],
    )
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    assert "Message returned: the answer was wrong" in _failed_events(cfn, name)["Doubler"]
    statuses = [
        e["ResourceStatus"]
        for e in cfn.describe_stack_events(StackName=name)["StackEvents"]
        if e["LogicalResourceId"] == "Greeter"
    ]
    assert "DELETE_COMPLETE" in statuses
    # CloudFormation sends Delete to the resource that answered FAILED too, in the rollback
    doubler = [
        e["ResourceStatus"]
        for e in cfn.describe_stack_events(StackName=name)["StackEvents"]
        if e["LogicalResourceId"] == "Doubler"
    ]
    assert "DELETE_COMPLETE" in doubler
    assert [k for k in _keys(sandbox_server, bucket) if k.startswith("deleted/")] != []


def test_a_function_that_never_answers_fails_the_resource(sandbox_server):
    cfn = sandbox_server.client("cloudformation")
    name = f"cr{uuid.uuid4().hex[:8]}"
    template = {
        "Resources": {
            "Role": ROLE,
            "Silent": _function(SILENT_HANDLER, "python3.12"),
            "Thing": {
                "Type": "Custom::Thing",
                "Properties": {"ServiceToken": {"Fn::GetAtt": ["Silent", "Arn"]}},
            },
        }
    }
    cfn.create_stack(StackName=name, TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_IAM"])
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    assert _failed_events(cfn, name)["Thing"].startswith(
        "CloudFormation did not receive a response from your Custom Resource."
    )


def test_a_node_function_needing_the_aws_sdk_fails_naming_the_module(sandbox_server):
    cfn = sandbox_server.client("cloudformation")
    name = f"cr{uuid.uuid4().hex[:8]}"
    template = {
        "Resources": {
            "Role": ROLE,
            "Sdk": _function(SDK_V3_HANDLER, "nodejs22.x"),
            "Thing": {
                "Type": "Custom::Thing",
                "Properties": {"ServiceToken": {"Fn::GetAtt": ["Sdk", "Arn"]}},
            },
        }
    }
    cfn.create_stack(StackName=name, TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_IAM"])
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    reason = _failed_events(cfn, name)["Thing"]
    assert "Cannot find module '@aws-sdk/client-s3'" in reason
    assert "package.json dependencies" in reason


def test_sns_service_token_is_refused(sandbox_server):
    cfn = sandbox_server.client("cloudformation")
    name = f"cr{uuid.uuid4().hex[:8]}"
    template = {
        "Resources": {
            "Thing": {
                "Type": "Custom::Thing",
                "Properties": {"ServiceToken": "arn:aws:sns:us-east-1:123456789012:topic"},
            }
        }
    }
    cfn.create_stack(StackName=name, TemplateBody=json.dumps(template))
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    assert "SNS topic" in _failed_events(cfn, name)["Thing"]


def test_retired_runtimes_are_refused_as_lambda_refuses_them(sandbox_server):
    lam, cfn = sandbox_server.client("lambda"), sandbox_server.client("cloudformation")
    role = sandbox_server.client("iam").create_role(
        RoleName=f"r{uuid.uuid4().hex[:8]}",
        AssumeRolePolicyDocument=json.dumps(ROLE["Properties"]["AssumeRolePolicyDocument"]),
    )["Role"]["Arn"]
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        lam.create_function(
            FunctionName=f"old{uuid.uuid4().hex[:6]}",
            Runtime="nodejs8.10",
            Role=role,
            Handler="index.handler",
            Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18},
        )
    error = caught.value.response["Error"]
    assert error["Code"] == "InvalidParameterValueException"
    assert error["Message"] == (
        "The runtime parameter of nodejs8.10 is no longer supported for creating or updating AWS Lambda "
        "functions. We recommend you use a supported runtime while creating or updating functions."
    )
    name = f"cr{uuid.uuid4().hex[:8]}"
    template = {"Resources": {"Role": ROLE, "Old": _function("exports.handler = () => 1;", "nodejs8.10")}}
    cfn.create_stack(StackName=name, TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_IAM"])
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    assert "The runtime parameter of nodejs8.10 is no longer supported" in _failed_events(cfn, name)["Old"]
