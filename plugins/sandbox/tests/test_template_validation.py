"""Templates CloudFormation rejects before deploying are rejected the same way, nothing changed."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError


@pytest.fixture
def cfn(sandbox_inprocess):
    return sandbox_inprocess.client("cloudformation")


def bucket(**properties):
    return {"Type": "AWS::S3::Bucket", "Properties": properties}


CASES = {
    "unknown type": (
        {"A": {"Type": "AWS::Foo::Bar"}},
        "ValidationError",
        "Template format error: Unrecognized resource types: [AWS::Foo::Bar]",
    ),
    "unknown property": (
        {"A": bucket(BucketNam="typo")},
        "ValidationError",
        "Properties validation failed for resource A with message: #: extraneous key [BucketNam]",
    ),
    "missing required property": (
        {"R": {"Type": "AWS::IAM::Role", "Properties": {}}},
        "ValidationError",
        "#: required key [AssumeRolePolicyDocument] not found",
    ),
    "Ref to nothing": (
        {"A": bucket(BucketName={"Ref": "Missing"})},
        "ValidationError",
        "Unresolved resource dependencies [Missing] in the Resources block of the template",
    ),
    "Sub to nothing": (
        {"A": bucket(BucketName={"Fn::Sub": "${AWS::StackName}-${Nope}"})},
        "ValidationError",
        "Unresolved resource dependencies [Nope] in the Resources block",
    ),
    "DependsOn nothing": (
        {"A": {**bucket(), "DependsOn": "Ghost"}},
        "ValidationError",
        "Unresolved resource dependencies [Ghost]",
    ),
    "GetAtt of nothing": (
        {"A": bucket(BucketName={"Fn::GetAtt": ["Ghost", "Arn"]})},
        "ValidationError",
        "Template error: instance of Fn::GetAtt references undefined resource Ghost",
    ),
    "GetAtt of an attribute the type lacks": (
        {"A": bucket(), "B": bucket(BucketName={"Fn::GetAtt": ["A", "Nope"]})},
        "ValidationError",
        "Template error: resource A does not support attribute type Nope in Fn::GetAtt",
    ),
    "circular dependency": (
        {"A": bucket(BucketName={"Ref": "B"}), "B": bucket(BucketName={"Fn::GetAtt": ["A", "Arn"]})},
        "ValidationError",
        "Circular dependency between resources: [A, B]",
    ),
    "over 500 resources": (
        {f"T{i}": {"Type": "AWS::SNS::Topic"} for i in range(501)},
        "ValidationError",
        "Number of resources, 501, is greater than maximum allowed, 500",
    ),
    "body over 51,200 bytes": (
        {"A": bucket(Tags=[{"Key": "big", "Value": "x" * 52_000}])},
        "ValidationError",
        "Member must have length less than or equal to 51200",
    ),
    "named IAM role without CAPABILITY_NAMED_IAM": (
        {"R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r", "AssumeRolePolicyDocument": {}}}},
        "InsufficientCapabilitiesException",
        "Requires capabilities : [CAPABILITY_NAMED_IAM]",
    ),
    "IAM role without CAPABILITY_IAM": (
        {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}}},
        "InsufficientCapabilitiesException",
        "Requires capabilities : [CAPABILITY_IAM]",
    ),
    "a type the sandbox cannot create": (
        {
            "W": {
                "Type": "AWS::WAFv2::WebACL",
                "Properties": {
                    "DefaultAction": {"Allow": {}},
                    "Scope": "CLOUDFRONT",
                    "VisibilityConfig": {
                        "CloudWatchMetricsEnabled": False,
                        "MetricName": "m",
                        "SampledRequestsEnabled": False,
                    },
                },
            }
        },
        "ValidationError",
        "Unsupported resource types: [AWS::WAFv2::WebACL] (the sandbox cannot create them",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_rejected_before_any_stack_exists(cfn, case):
    resources, code, message = CASES[case]
    with pytest.raises(ClientError) as error:
        cfn.create_stack(StackName="app", TemplateBody=json.dumps({"Resources": resources}))
    assert error.value.response["Error"]["Code"] == code
    assert message in error.value.response["Error"]["Message"]
    assert cfn.list_stacks()["StackSummaries"] == []


def test_update_and_change_set_are_checked_and_change_nothing(cfn):
    good = json.dumps({"Resources": {"A": bucket()}})
    cfn.create_stack(StackName="app", TemplateBody=good)
    bad = json.dumps({"Resources": {"A": bucket(), "B": {"Type": "AWS::Foo::Bar"}}})
    events_before = cfn.describe_stack_events(StackName="app")["StackEvents"]

    for call in (
        lambda: cfn.update_stack(StackName="app", TemplateBody=bad),
        lambda: cfn.create_change_set(StackName="app", ChangeSetName="c", TemplateBody=bad),
        lambda: cfn.validate_template(TemplateBody=bad),
    ):
        with pytest.raises(ClientError, match="Unrecognized resource types: \\[AWS::Foo::Bar\\]"):
            call()

    assert cfn.describe_stacks(StackName="app")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
    assert cfn.describe_stack_events(StackName="app")["StackEvents"] == events_before
    assert json.loads(json.dumps(cfn.get_template(StackName="app")["TemplateBody"])) == json.loads(good)


def test_nested_template_errors_fail_the_nested_resource(sandbox_inprocess, cfn):
    s3 = sandbox_inprocess.client("s3")
    s3.create_bucket(Bucket="deployment")
    s3.put_object(
        Bucket="deployment",
        Key="child.json",
        Body=json.dumps({"Resources": {"X": {"Type": "AWS::Foo::Bar"}}}).encode(),
    )
    root = {
        "Resources": {
            "child": {
                "Type": "AWS::CloudFormation::Stack",
                "Properties": {"TemplateURL": "https://s3.amazonaws.com/deployment/child.json"},
            }
        }
    }

    cfn.create_stack(StackName="root", TemplateBody=json.dumps(root))

    assert cfn.describe_stacks(StackName="root")["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    [failed] = [
        e
        for e in cfn.describe_stack_events(StackName="root")["StackEvents"]
        if e["ResourceStatus"] == "CREATE_FAILED"
    ]
    assert failed["LogicalResourceId"] == "child"
    assert "Unrecognized resource types: [AWS::Foo::Bar]" in failed["ResourceStatusReason"]


def test_validate_template_answers_like_cloudformation(cfn):
    template = {
        "Parameters": {"env": {"Type": "String", "Default": "dev"}, "unused": {"Type": "String"}},
        "Resources": {
            "R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r", "AssumeRolePolicyDocument": {}}}
        },
    }
    answer = cfn.validate_template(TemplateBody=json.dumps(template))  # an unused parameter is no error
    assert {p["ParameterKey"]: p.get("DefaultValue") for p in answer["Parameters"]} == {
        "env": "dev",
        "unused": None,
    }
    assert answer["Capabilities"] == ["CAPABILITY_NAMED_IAM"]
