"""The ``s3_notifications`` gap: S3 invokes a bucket's Lambda trigger as AWS does (issue 15)."""

from __future__ import annotations

import io
import json
import time
import uuid
import zipfile

import pytest
from botocore.exceptions import ClientError

#: Copies each record it gets under seen/<sequencer>.json; for a key ending in "slow" it first
#: waits (up to 20 s) for the object "go" to exist, so a test can tell whether PutObject waited.
HANDLER = """\
import json, time
import boto3

s3 = boto3.client("s3")


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        if record["s3"]["object"]["key"].endswith("slow"):
            for _ in range(200):
                try:
                    s3.head_object(Bucket=bucket, Key="go")
                    break
                except Exception:
                    time.sleep(0.1)
        s3.put_object(
            Bucket=bucket,
            Key="seen/" + record["s3"]["object"]["sequencer"] + ".json",
            Body=json.dumps(record).encode(),
        )
"""


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.fixture
def trigger(sandbox_server):
    """A bucket and a function that records what S3 sends it (nothing configured yet)."""
    suffix = uuid.uuid4().hex[:8]
    lam, iam, s3 = (sandbox_server.client(s) for s in ("lambda", "iam", "s3"))
    role = iam.create_role(
        RoleName=f"s3trigger-{suffix}",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
    )["Role"]["Arn"]
    name = f"onobject-{suffix}"
    arn = lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="index.handler",
        Code={"ZipFile": zipped({"index.py": HANDLER})},
        Timeout=30,
    )["FunctionArn"]
    bucket = f"uploads-{suffix}"
    s3.create_bucket(Bucket=bucket)
    yield {"function": name, "arn": arn, "bucket": bucket}
    lam.delete_function(FunctionName=name)
    iam.delete_role(RoleName=f"s3trigger-{suffix}")


def configure(s3, bucket: str, arn: str) -> None:
    s3.put_bucket_notification_configuration(
        Bucket=bucket,
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {
                    "LambdaFunctionArn": arn,
                    "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}]}},
                }
            ]
        },
    )


def seen(s3, bucket: str, count: int) -> list[dict]:
    """The records the function has written, once there are ``count`` (bounded wait)."""
    for _ in range(300):
        listed = s3.list_objects_v2(Bucket=bucket, Prefix="seen/").get("Contents", [])
        if len(listed) >= count:
            keys = sorted(o["Key"] for o in listed)
            return [json.loads(s3.get_object(Bucket=bucket, Key=k)["Body"].read()) for k in keys]
        time.sleep(0.1)
    raise AssertionError(f"the function wrote {len(listed)} record(s), expected {count}")


def test_s3_refuses_a_function_it_may_not_invoke(sandbox_server, trigger):
    s3, lam = sandbox_server.client("s3"), sandbox_server.client("lambda")
    bucket, arn = trigger["bucket"], trigger["arn"]
    with pytest.raises(ClientError) as refused:
        configure(s3, bucket, arn)
    error = refused.value.response["Error"]
    assert error["Code"] == "InvalidArgument"
    assert error["Message"] == "Unable to validate the following destination configurations"
    lam.add_permission(  # for another bucket only: still refused
        FunctionName=trigger["function"],
        StatementId="other-bucket",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn="arn:aws:s3:::someone-elses-bucket",
    )
    with pytest.raises(ClientError, match="Unable to validate"):
        configure(s3, bucket, arn)
    with pytest.raises(ClientError, match="Unable to validate"):  # a function that does not exist
        configure(s3, bucket, arn.replace(trigger["function"], "no-such-function"))
    assert "LambdaFunctionConfigurations" not in s3.get_bucket_notification_configuration(Bucket=bucket)


def test_objects_created_and_removed_invoke_the_function_asynchronously(sandbox_server, trigger):
    s3, lam = sandbox_server.client("s3"), sandbox_server.client("lambda")
    bucket, arn = trigger["bucket"], trigger["arn"]
    lam.add_permission(
        FunctionName=trigger["function"],
        StatementId="s3-invoke",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn=f"arn:aws:s3:::{bucket}",
        SourceAccount="123456789012",
    )
    configure(s3, bucket, arn)
    assert s3.get_bucket_notification_configuration(Bucket=bucket)["LambdaFunctionConfigurations"]

    # The handler waits for "go" on this key: PutObject answers before the handler has run.
    s3.put_object(Bucket=bucket, Key="in/first slow", Body=b"12345")
    assert s3.list_objects_v2(Bucket=bucket, Prefix="seen/").get("KeyCount") == 0
    s3.put_object(Bucket=bucket, Key="go", Body=b"")  # outside in/: no event of its own
    [created] = seen(s3, bucket, 1)
    assert created["eventSource"] == "aws:s3" and created["eventName"] == "ObjectCreated:Put"
    assert created["awsRegion"] == "us-east-1" and created["eventVersion"] == "2.1"
    assert created["s3"]["bucket"] == {
        "name": bucket,
        "arn": f"arn:aws:s3:::{bucket}",
        "ownerIdentity": created["s3"]["bucket"]["ownerIdentity"],
    }
    head = s3.head_object(Bucket=bucket, Key="in/first slow")
    obj = created["s3"]["object"]
    assert obj["key"] == "in/first+slow"  # URL-encoded, as S3 sends it
    assert obj["size"] == 5 and obj["eTag"] == head["ETag"].strip('"') and obj["sequencer"]

    s3.put_object(Bucket=bucket, Key="elsewhere/x", Body=b"")  # filtered out by the prefix
    s3.delete_object(Bucket=bucket, Key="in/first slow")
    records = seen(s3, bucket, 2)  # delivered in order: the removal comes after what went before
    assert [r["eventName"] for r in records] == ["ObjectCreated:Put", "ObjectRemoved:Delete"]
    removed = records[1]["s3"]["object"]
    assert removed["key"] == "in/first+slow" and "size" not in removed
    assert removed["sequencer"] > obj["sequencer"]
    assert len(s3.list_objects_v2(Bucket=bucket, Prefix="seen/")["Contents"]) == 2


def test_a_template_whose_bucket_notifies_a_function_without_permission_fails(sandbox_server, trigger):
    cfn, s3 = sandbox_server.client("cloudformation"), sandbox_server.client("s3")
    bucket = f"{trigger['bucket']}-stack"
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "S3Bucket": {
                "Type": "AWS::S3::Bucket",
                "Properties": {
                    "BucketName": bucket,
                    "NotificationConfiguration": {
                        "LambdaConfigurations": [{"Event": "s3:ObjectCreated:*", "Function": trigger["arn"]}]
                    },
                },
            }
        },
    }
    stack = f"notify-{trigger['bucket']}"
    cfn.create_stack(StackName=stack, TemplateBody=json.dumps(template))
    for _ in range(300):
        status = cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
        if not status.endswith("IN_PROGRESS"):
            break
        time.sleep(0.1)
    assert status == "ROLLBACK_COMPLETE"
    reasons = [
        e.get("ResourceStatusReason", "") for e in cfn.describe_stack_events(StackName=stack)["StackEvents"]
    ]
    assert any("Unable to validate the following destination configurations" in r for r in reasons), reasons
    assert bucket not in {b["Name"] for b in s3.list_buckets()["Buckets"]}
    cfn.delete_stack(StackName=stack)


def test_a_template_notification_with_a_suffix_filter_fires_for_matching_keys(sandbox_server, trigger):
    cfn, s3 = sandbox_server.client("cloudformation"), sandbox_server.client("s3")
    bucket = f"{trigger['bucket']}-photos"
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "Permission": {
                "Type": "AWS::Lambda::Permission",
                "Properties": {
                    "Action": "lambda:InvokeFunction",
                    "FunctionName": trigger["function"],
                    "Principal": "s3.amazonaws.com",
                    "SourceAccount": {"Ref": "AWS::AccountId"},
                    "SourceArn": f"arn:aws:s3:::{bucket}",
                },
            },
            "S3Bucket": {
                "Type": "AWS::S3::Bucket",
                "DependsOn": ["Permission"],
                "Properties": {
                    "BucketName": bucket,
                    "NotificationConfiguration": {
                        "LambdaConfigurations": [
                            {
                                "Event": "s3:ObjectCreated:*",
                                "Function": trigger["arn"],
                                "Filter": {"S3Key": {"Rules": [{"Name": "Suffix", "Value": "slow"}]}},
                            }
                        ]
                    },
                },
            },
        },
    }
    stack = f"photos-{trigger['bucket']}"
    cfn.create_stack(StackName=stack, TemplateBody=json.dumps(template))
    assert cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
    [config] = s3.get_bucket_notification_configuration(Bucket=bucket)["LambdaFunctionConfigurations"]
    assert config["Filter"]["Key"]["FilterRules"] == [{"Name": "suffix", "Value": "slow"}]
    s3.put_object(Bucket=bucket, Key="go", Body=b"")  # no event: the suffix does not match
    s3.put_object(Bucket=bucket, Key="a/b slow", Body=b"xy")
    [record] = seen(s3, bucket, 1)
    assert record["s3"]["object"]["key"] == "a/b+slow" and record["s3"]["bucket"]["name"] == bucket

    # As in AWS, the stack's bucket must be empty for its deletion (and the permission it
    # depends on) to go through.
    for listed in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
        s3.delete_object(Bucket=bucket, Key=listed["Key"])
    cfn.delete_stack(StackName=stack)  # the permission's statement goes with its resource
    with pytest.raises(ClientError, match="does not exist"):
        cfn.describe_stacks(StackName=stack)
    lam = sandbox_server.client("lambda")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):  # no statement left: no policy
        lam.get_policy(FunctionName=trigger["function"])
