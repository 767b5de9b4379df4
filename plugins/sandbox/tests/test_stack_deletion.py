"""DeleteStack as AWS documents it, through boto3 against the sandbox server.

CloudFormation user guide, "Delete stack fails": a resource CloudFormation cannot delete (a
non-empty S3 bucket) is ``DELETE_FAILED`` and the stack ends ``DELETE_FAILED``; retry after
fixing the cause, or delete again with ``RetainResources`` — which the DeleteStack API
reference allows only "for stacks in the DELETE_FAILED state". ``DeletionPolicy: Retain``
keeps a resource (``DELETE_SKIPPED``). A nested stack's failure is its parent's.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

NOT_EMPTY = "The bucket you tried to delete is not empty"


@pytest.fixture
def aws(sandbox_server_env):
    clients = {name: sandbox_server_env.client(name) for name in ("cloudformation", "s3")}
    clients["s3"].create_bucket(Bucket="deployment")
    return clients


def bucket(name: str, **extra: Any) -> dict[str, Any]:
    return {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": name}, **extra}


def body(resources: dict[str, Any]) -> str:
    return json.dumps({"Resources": resources})


def stack(cfn, name: str) -> dict[str, Any]:
    return cfn.describe_stacks(StackName=name)["Stacks"][0]


def events(cfn, name: str) -> list[tuple[str, str, str]]:
    """(logical id, status, reason), oldest first."""
    return [
        (e["LogicalResourceId"], e["ResourceStatus"], e.get("ResourceStatusReason") or "")
        for e in reversed(cfn.describe_stack_events(StackName=name)["StackEvents"])
    ]


def since_last_delete(history: list[tuple[str, str, str]], name: str) -> list[tuple[str, str]]:
    start = max(i for i, e in enumerate(history) if e[:2] == (name, "DELETE_IN_PROGRESS"))
    return [e[:2] for e in history[start:]]


def bucket_exists(s3, name: str) -> bool:
    try:
        s3.head_bucket(Bucket=name)
    except ClientError:
        return False
    return True


#: ``Full`` holds an object; ``Policy`` needs Full (goes first); Full needs ``Logs`` (so Logs
#: must outlive it); ``Other`` is independent; ``Kept`` is retained by its DeletionPolicy.
APP = body(
    {
        "Logs": bucket("del-logs"),
        "Full": {
            "Type": "AWS::S3::Bucket",
            "Properties": {"BucketName": "del-full", "Tags": [{"Key": "logs", "Value": {"Ref": "Logs"}}]},
        },
        "Policy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": {"Ref": "Full"},
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:PutObjectAcl",
                            "Resource": "arn:aws:s3:::del-full/*",
                        }
                    ],
                },
            },
        },
        "Other": bucket("del-other"),
        "Kept": bucket("del-kept", DeletionPolicy="Retain"),
    }
)


@pytest.fixture
def failed_app(aws):
    """The stack after a DeleteStack that failed on its non-empty bucket."""
    cfn, s3 = aws["cloudformation"], aws["s3"]
    cfn.create_stack(StackName="app", TemplateBody=APP)
    s3.put_object(Bucket="del-full", Key="photo.jpg", Body=b"jpeg")
    cfn.delete_stack(StackName="app")
    return aws


def test_a_non_empty_bucket_fails_the_delete_and_the_stack_stays(failed_app):
    """AWS: the bucket is DELETE_FAILED ("The bucket you tried to delete is not empty"), the
    resources that could go are gone, what the bucket needs stays, the stack is DELETE_FAILED
    and can still be described by name; UpdateStack refuses it."""
    cfn, s3 = failed_app["cloudformation"], failed_app["s3"]

    app = stack(cfn, "app")
    assert app["StackStatus"] == "DELETE_FAILED"
    assert app["StackStatusReason"] == "The following resource(s) failed to delete: [Full]. "
    history = events(cfn, "app")
    [failure] = [e for e in history if e[1] == "DELETE_FAILED" and e[0] == "Full"]
    assert NOT_EMPTY in failure[2] and "BucketNotEmpty" in failure[2]
    assert since_last_delete(history, "app") == [
        ("app", "DELETE_IN_PROGRESS"),
        ("Kept", "DELETE_SKIPPED"),
        ("Other", "DELETE_IN_PROGRESS"),
        ("Other", "DELETE_COMPLETE"),
        ("Policy", "DELETE_IN_PROGRESS"),
        ("Policy", "DELETE_COMPLETE"),
        ("Full", "DELETE_IN_PROGRESS"),
        ("Full", "DELETE_FAILED"),
        ("app", "DELETE_FAILED"),
    ]
    assert not bucket_exists(s3, "del-other")
    assert s3.get_object(Bucket="del-full", Key="photo.jpg")["Body"].read() == b"jpeg"
    assert bucket_exists(s3, "del-logs")  # Full still needs it: never attempted
    assert bucket_exists(s3, "del-kept")
    remaining = {
        r["LogicalResourceId"] for r in cfn.describe_stack_resources(StackName="app")["StackResources"]
    }
    assert remaining == {"Full", "Logs"}
    with pytest.raises(ClientError, match="is in DELETE_FAILED state and can not be updated"):
        cfn.update_stack(StackName="app", TemplateBody=APP)


def test_a_retry_after_emptying_the_bucket_deletes_the_stack(failed_app):
    """AWS: fix the cause and delete again; what is left goes, and the stack is gone by name."""
    cfn, s3 = failed_app["cloudformation"], failed_app["s3"]
    stack_id = stack(cfn, "app")["StackId"]
    s3.delete_object(Bucket="del-full", Key="photo.jpg")

    cfn.delete_stack(StackName="app")

    assert stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    with pytest.raises(ClientError, match="does not exist"):
        cfn.describe_stacks(StackName="app")
    assert not bucket_exists(s3, "del-full") and not bucket_exists(s3, "del-logs")
    assert bucket_exists(s3, "del-kept")  # DeletionPolicy: Retain


def test_retain_resources_only_on_a_delete_failed_stack_then_it_completes(aws):
    """DeleteStack API reference: RetainResources is "for stacks in the DELETE_FAILED state";
    those resources are kept (DELETE_SKIPPED) and the stack ends DELETE_COMPLETE."""
    cfn, s3 = aws["cloudformation"], aws["s3"]
    cfn.create_stack(StackName="app", TemplateBody=APP)
    s3.put_object(Bucket="del-full", Key="photo.jpg", Body=b"jpeg")

    with pytest.raises(ClientError, match="only when the stack is in the DELETE_FAILED state"):
        cfn.delete_stack(StackName="app", RetainResources=["Full"])
    assert stack(cfn, "app")["StackStatus"] == "CREATE_COMPLETE" and bucket_exists(s3, "del-other")

    cfn.delete_stack(StackName="app")
    stack_id = stack(cfn, "app")["StackId"]
    with pytest.raises(ClientError, match="resources to retain must be in a valid state"):
        cfn.delete_stack(StackName="app", RetainResources=["Other"])  # already DELETE_COMPLETE

    cfn.delete_stack(StackName="app", RetainResources=["Full"])

    assert stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    assert since_last_delete(events(cfn, stack_id), "app") == [
        ("app", "DELETE_IN_PROGRESS"),
        ("Full", "DELETE_SKIPPED"),
        ("Logs", "DELETE_IN_PROGRESS"),
        ("Logs", "DELETE_COMPLETE"),
        ("app", "DELETE_COMPLETE"),
    ]
    assert s3.get_object(Bucket="del-full", Key="photo.jpg")["Body"].read() == b"jpeg"
    assert not bucket_exists(s3, "del-logs")


def nested_root(s3, children: dict[str, str]) -> str:
    resources = {}
    for name, template in children.items():
        s3.put_object(Bucket="deployment", Key=f"{name}.json", Body=template.encode())
        resources[name] = {
            "Type": "AWS::CloudFormation::Stack",
            "Properties": {"TemplateURL": f"https://s3.amazonaws.com/deployment/{name}.json"},
        }
    return body(resources)


def test_a_nested_stack_that_cannot_be_deleted_fails_its_parent(aws):
    """AWS: the child ends DELETE_FAILED, its resource in the parent is DELETE_FAILED
    ("Embedded stack … was not successfully deleted"), the parent ends DELETE_FAILED; retaining
    that resource then deletes the parent and leaves the child as it is."""
    cfn, s3 = aws["cloudformation"], aws["s3"]
    template = nested_root(
        s3, {"storage": body({"Files": bucket("del-files")}), "other": body({"B": bucket("del-b")})}
    )
    cfn.create_stack(StackName="root", TemplateBody=template)
    child = cfn.describe_stack_resource(StackName="root", LogicalResourceId="storage")["StackResourceDetail"][
        "PhysicalResourceId"
    ]
    sibling = cfn.describe_stack_resource(StackName="root", LogicalResourceId="other")["StackResourceDetail"][
        "PhysicalResourceId"
    ]
    s3.put_object(Bucket="del-files", Key="doc.txt", Body=b"doc")

    cfn.delete_stack(StackName="root")

    assert stack(cfn, child)["StackStatus"] == "DELETE_FAILED"
    assert any(e[:2] == ("Files", "DELETE_FAILED") and NOT_EMPTY in e[2] for e in events(cfn, child))
    root = stack(cfn, "root")
    assert root["StackStatus"] == "DELETE_FAILED"
    assert root["StackStatusReason"] == "The following resource(s) failed to delete: [storage]. "
    [failure] = [e for e in events(cfn, "root") if e[1] == "DELETE_FAILED" and e[0] == "storage"]
    assert failure[2].startswith(f"Embedded stack {child} was not successfully deleted")
    assert "[Files]" in failure[2]
    assert stack(cfn, sibling)["StackStatus"] == "DELETE_COMPLETE"
    assert not bucket_exists(s3, "del-b")

    cfn.delete_stack(StackName="root", RetainResources=["storage"])

    assert stack(cfn, root["StackId"])["StackStatus"] == "DELETE_COMPLETE"
    assert stack(cfn, child)["StackStatus"] == "DELETE_FAILED"
    assert bucket_exists(s3, "del-files")


def test_a_replaced_bucket_that_is_not_empty_stays_and_the_update_completes(aws):
    """AWS: a resource the cleanup phase cannot delete is DELETE_FAILED; the update has
    already succeeded and stays UPDATE_COMPLETE."""
    cfn, s3 = aws["cloudformation"], aws["s3"]
    cfn.create_stack(StackName="app", TemplateBody=body({"Site": bucket("del-site-one")}))
    s3.put_object(Bucket="del-site-one", Key="index.html", Body=b"<p>")

    cfn.update_stack(StackName="app", TemplateBody=body({"Site": bucket("del-site-two")}))

    assert stack(cfn, "app")["StackStatus"] == "UPDATE_COMPLETE"
    history = events(cfn, "app")
    cleanup = [e[1] for e in history].index("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
    assert any(e[:2] == ("Site", "DELETE_FAILED") and NOT_EMPTY in e[2] for e in history[cleanup:])
    assert bucket_exists(s3, "del-site-one") and bucket_exists(s3, "del-site-two")


def test_object_versions_and_delete_markers_keep_a_bucket_from_being_deleted(aws):
    """S3 DeleteBucket: "All objects (including all object versions and delete markers) in the
    bucket must be deleted before the bucket itself can be deleted"."""
    cfn, s3 = aws["cloudformation"], aws["s3"]
    cfn.create_stack(StackName="app", TemplateBody=body({"Files": bucket("del-versioned")}))
    s3.put_bucket_versioning(Bucket="del-versioned", VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket="del-versioned", Key="a.txt", Body=b"a")
    s3.delete_object(Bucket="del-versioned", Key="a.txt")  # a delete marker; the version stays
    assert s3.list_objects_v2(Bucket="del-versioned").get("KeyCount") == 0

    cfn.delete_stack(StackName="app")

    assert stack(cfn, "app")["StackStatus"] == "DELETE_FAILED"
    listed = s3.list_object_versions(Bucket="del-versioned")
    for item in listed.get("Versions", []) + listed.get("DeleteMarkers", []):
        s3.delete_object(Bucket="del-versioned", Key=item["Key"], VersionId=item["VersionId"])
    cfn.delete_stack(StackName="app")
    assert not bucket_exists(s3, "del-versioned")
