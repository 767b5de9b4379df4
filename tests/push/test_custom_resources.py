"""Lambda-backed custom resources in a Gen 1 ``custom`` resource's committed template, pushed
with the real ``amplify`` against the sandbox (issue 15 item 3): the functions' inline code runs
locally with the modules AWS gives inline code (``cfnresponse`` / ``cfn-response``), their
``Data`` reaches the stack outputs and amplify-meta, a FAILED answer fails the push with the
function's reason and rolls back, deleting the resource sends ``Delete``; and a function on a
runtime AWS no longer accepts is refused before any cloud call.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from cfnlint.api import lint_all

pytestmark = pytest.mark.slow

TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Description: Gen 1 custom resource with Lambda-backed custom resources
Parameters:
  env:
    Type: String
  markerBucket:
    Type: String
  answer:
    Type: String
Resources:
  CalloutRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service:
                - lambda.amazonaws.com
            Action:
              - 'sts:AssumeRole'
  PythonCallout:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Timeout: 30
      Role: !GetAtt CalloutRole.Arn
      Code:
        ZipFile: |
          import boto3
          import cfnresponse

          def handler(event, context):
              props = event["ResourceProperties"]
              if event["RequestType"] == "Delete":
                  key = "deleted/" + event["PhysicalResourceId"].replace("/", "_")
                  boto3.client("s3").put_object(Bucket=props["Bucket"], Key=key, Body=b"gone")
                  cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, event["PhysicalResourceId"])
              elif props["Answer"] == "wrong":
                  cfnresponse.send(event, context, cfnresponse.FAILED, {}, reason="the answer must not be wrong")
              else:
                  cfnresponse.send(event, context, cfnresponse.SUCCESS, {"Shout": props["Answer"].upper()}, "shouter")
  NodeCallout:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: {node_runtime}
      Timeout: 30
      Role: !GetAtt CalloutRole.Arn
      Code:
        ZipFile: |
          const response = require('cfn-response');
          exports.handler = (event, context) => {
            const name = event.ResourceProperties.Name;
            response.send(event, context, response.SUCCESS, { Greeting: 'hello ' + name }, 'greeter');
          };
  Shouter:
    Type: Custom::Shouter
    Properties:
      ServiceToken: !GetAtt PythonCallout.Arn
      Bucket: !Ref markerBucket
      Answer: !Ref answer
  Greeter:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      ServiceToken: !GetAtt NodeCallout.Arn
      Name: !Sub 'amplify-${env}'
Outputs:
  Shout:
    Value: !GetAtt Shouter.Shout
  Greeting:
    Value: !GetAtt Greeter.Greeting
"""


def write_resource(project, name: str, parameters: dict, node_runtime: str = "nodejs22.x") -> Path:
    folder = project.amplify_dir / "backend" / "custom" / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-cloudformation-template.yml"
    path.write_text(TEMPLATE.replace("{node_runtime}", node_runtime))
    (folder / "parameters.json").write_text(json.dumps(parameters))
    config_path = project.amplify_dir / "backend" / "backend-config.json"
    config = json.loads(config_path.read_text())
    config.setdefault("custom", {})[name] = {
        "service": "customCloudformation",
        "providerPlugin": "awscloudformation",
    }
    config_path.write_text(json.dumps(config, indent=2))
    return path


@pytest.fixture
def marker_bucket(sandbox_server) -> str:
    name = f"markers-{uuid.uuid4().hex[:12]}"
    sandbox_server.client("s3").create_bucket(Bucket=name)
    return name


def test_the_template_is_cfn_lint_clean(tmp_path: Path):
    path = tmp_path / "t.yml"
    path.write_text(TEMPLATE.replace("{node_runtime}", "nodejs22.x"))
    problems = [str(m) for m in lint_all(path.read_text()) if m.rule.severity in ("error", "warning")]
    assert problems == []


def test_custom_resources_answer_fail_roll_back_and_get_delete(project, sandbox_server, marker_bucket):
    s3 = sandbox_server.client("s3")
    write_resource(project, "callouts", {"markerBucket": marker_bucket, "answer": "wrong"})

    failed = project.amplify("push", "--yes")
    assert failed.code == 1, failed.text
    assert "Shouter" in failed.text and "the answer must not be wrong" in failed.text
    assert "Traceback" not in failed.text
    assert "callouts" not in (project.meta(current=True).get("custom") or {})
    nested = [
        s
        for s in sandbox_server.client("cloudformation").list_stacks()["StackSummaries"]
        if "customcallouts" in s["StackName"] and s["StackStatus"] != "DELETE_COMPLETE"
    ]
    assert all(s["StackStatus"].endswith("ROLLBACK_COMPLETE") for s in nested), nested
    # as CloudFormation does, the rollback sent Delete to the Shouter that answered FAILED
    # (its physical id: cfnresponse's default, the log stream name)
    failed_deletes = [o["Key"] for o in s3.list_objects_v2(Bucket=marker_bucket).get("Contents", [])]
    assert len(failed_deletes) == 1 and failed_deletes[0].startswith("deleted/"), failed_deletes

    write_resource(project, "callouts", {"markerBucket": marker_bucket, "answer": "forty-two"})
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    output = project.meta()["custom"]["callouts"]["output"]
    assert output["Shout"] == "FORTY-TWO"
    assert output["Greeting"] == "hello amplify-dev"

    # What `amplify remove` leaves: the resource gone from backend-config.json; the push deletes its
    # stack, and CloudFormation sends the custom resource Delete (the handler marks it in S3).
    config_path = project.amplify_dir / "backend" / "backend-config.json"
    config = json.loads(config_path.read_text())
    del config["custom"]["callouts"]
    config_path.write_text(json.dumps(config, indent=2))
    removed = project.amplify("push", "--yes")
    assert removed.code == 0, removed.text
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=marker_bucket).get("Contents", [])]
    assert sorted(keys) == sorted([*failed_deletes, "deleted/shouter"])
    assert "callouts" not in (project.meta().get("custom") or {})


def test_a_retired_runtime_is_refused_before_any_cloud_call(project, proxy, marker_bucket):
    write_resource(
        project, "oldcallouts", {"markerBucket": marker_bucket, "answer": "x"}, node_runtime="nodejs16.x"
    )
    before = project.snapshot()
    proxy.clear()
    result = project.amplify("push", "--yes")
    assert result.code == 2, result.text
    assert (
        "custom oldcallouts (customCloudformation): its template creates Lambda function NodeCallout with "
        "runtime nodejs16.x, which AWS no longer accepts" in result.err
    )
    assert "set Runtime to nodejs22.x" in result.err
    assert "Traceback" not in result.text
    assert proxy.requests == []
    assert project.snapshot() == before
