"""``env remove`` and ``delete`` with buckets that hold files, on a sandbox that deletes stacks
as CloudFormation does: a bucket with objects cannot be deleted by its stack.

Our templates retain every bucket that holds users' files (storage, hosting, deployment:
``DeletionPolicy: Retain``, as Gen 1's), so their stacks delete cleanly (``DELETE_SKIPPED``)
and the provider empties and deletes the buckets afterwards. A bucket CloudFormation must
delete itself (here the test-only category's, standing for a user's custom resource) fails
the deletion when it holds files: the command exits 1 naming the bucket and what to do, keeps
the project, and succeeds once the bucket is emptied.
"""

from __future__ import annotations

import json

import pytest

from .conftest import buckets_of, headless_init, project_name, read, stacks_of, web_app

pytestmark = pytest.mark.slow

STORAGE = {"service": "S3", "resourceName": "files", "authAccess": ["READ"], "guestAccess": []}


def stack_events(cfn, stack_id: str) -> list[tuple[str, str]]:
    return [
        (e["LogicalResourceId"], e["ResourceStatus"])
        for e in cfn.describe_stack_events(StackName=stack_id)["StackEvents"]
    ]


def deleted_stack_id(cfn, fragment: str) -> str:
    [stack_id] = [
        s["StackId"]
        for page in cfn.get_paginator("list_stacks").paginate(StackStatusFilter=["DELETE_COMPLETE"])
        for s in page["StackSummaries"]
        if fragment in s["StackName"]
    ]
    return stack_id


def test_env_remove_and_delete_take_storage_buckets_that_hold_files(teammate, sandbox_server, tmp_path):
    alice = teammate("alice")
    name = project_name()
    app = web_app(tmp_path / "app")
    headless_init(alice, app, name, env="dev")
    alice.ok(
        "add", "storage", "--yes", "--params", json.dumps({**STORAGE, "bucketName": f"{name}files"}), cwd=app
    )
    alice.ok("push", "--yes", cwd=app)
    alice.ok("env", "add", "prod", "--yes", cwd=app)
    alice.ok("push", "--yes", cwd=app)
    s3, cfn = sandbox_server.client("s3"), sandbox_server.client("cloudformation")
    for env in ("dev", "prod"):
        s3.put_object(Bucket=f"{name}files-{env}", Key="public/photo.jpg", Body=b"jpeg")
    dev = read(app / "amplify/team-provider-info.json")["dev"]["awscloudformation"]

    removed = alice.amplify("env", "remove", "dev", "--yes", cwd=app)

    assert removed.code == 0, removed.text
    assert "Successfully removed environment from the cloud" in removed.out
    assert cfn.describe_stacks(StackName=dev["StackId"])["Stacks"][0]["StackStatus"] == "DELETE_COMPLETE"
    # What CloudFormation did: the retained bucket was skipped, not deleted with its files ...
    storage_stack = deleted_stack_id(cfn, f"{dev['StackName']}-storagefiles")
    assert ("S3Bucket", "DELETE_SKIPPED") in stack_events(cfn, storage_stack)
    # ... and the provider emptied and deleted it, and the deployment bucket, afterwards.
    left = buckets_of(sandbox_server, name)
    assert f"{name}files-dev" not in left and dev["DeploymentBucketName"] not in left
    assert s3.get_object(Bucket=f"{name}files-prod", Key="public/photo.jpg")["Body"].read() == b"jpeg"
    assert "dev" not in read(app / "amplify/team-provider-info.json")

    deleted = alice.amplify("delete", "--yes", cwd=app)

    assert deleted.code == 0, deleted.text
    assert stacks_of(sandbox_server, name) == [] and buckets_of(sandbox_server, name) == []
    assert not (app / "amplify").exists()


def test_delete_names_a_bucket_its_stack_cannot_delete_and_succeeds_once_it_is_emptied(
    teammate, sandbox_server, tmp_path
):
    alice = teammate("alice")
    name = project_name()
    app = web_app(tmp_path / "app")
    headless_init(alice, app, name, env="dev")
    alice.ok("testkit", "add", "box", "--bucket-name", f"{name}box", cwd=app)
    alice.ok("push", "--yes", cwd=app)
    bucket = f"{name}box-dev"
    s3, cfn = sandbox_server.client("s3"), sandbox_server.client("cloudformation")
    s3.put_object(Bucket=bucket, Key="report.csv", Body=b"a,b")
    root = read(app / "amplify/team-provider-info.json")["dev"]["awscloudformation"]

    failed = alice.amplify("delete", "--yes", cwd=app)

    assert failed.code == 1, failed.text
    assert f"bucket {bucket} is not empty" in failed.err
    assert f"aws s3 rm s3://{bucket} --recursive" in failed.err and "run this command again" in failed.err
    assert "Traceback" not in failed.text and "Project deleted" not in failed.out
    # As in AWS: the stacks stay DELETE_FAILED, the file is still there, and so is the project.
    assert cfn.describe_stacks(StackName=root["StackId"])["Stacks"][0]["StackStatus"] == "DELETE_FAILED"
    assert s3.get_object(Bucket=bucket, Key="report.csv")["Body"].read() == b"a,b"
    assert "dev" in read(app / "amplify/team-provider-info.json")

    s3.delete_object(Bucket=bucket, Key="report.csv")
    again = alice.amplify("delete", "--yes", cwd=app)

    assert again.code == 0, again.text
    assert cfn.describe_stacks(StackName=root["StackId"])["Stacks"][0]["StackStatus"] == "DELETE_COMPLETE"
    assert stacks_of(sandbox_server, name) == [] and buckets_of(sandbox_server, name) == []
    assert not (app / "amplify").exists()


def test_a_push_that_removes_a_bucket_holding_files_succeeds_and_says_what_was_left(
    teammate, sandbox_server, tmp_path
):
    """AWS: a resource the update's cleanup phase cannot delete is DELETE_FAILED, yet the update
    is UPDATE_COMPLETE; the push succeeds, and says what was left behind and how to remove it."""
    alice = teammate("alice")
    name = project_name()
    app = web_app(tmp_path / "app")
    headless_init(alice, app, name, env="dev")
    alice.ok("testkit", "add", "box", "--bucket-name", f"{name}box", cwd=app)
    alice.ok("push", "--yes", cwd=app)
    bucket = f"{name}box-dev"
    s3, cfn = sandbox_server.client("s3"), sandbox_server.client("cloudformation")
    s3.put_object(Bucket=bucket, Key="report.csv", Body=b"a,b")
    alice.ok("testkit", "remove", "box", cwd=app)

    pushed = alice.ok("push", "--yes", cwd=app)

    root = read(app / "amplify/team-provider-info.json")["dev"]["awscloudformation"]
    assert cfn.describe_stacks(StackName=root["StackId"])["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"
    [child] = [s for s in stacks_of(sandbox_server, name) if "testkitbox" in s]
    assert cfn.describe_stacks(StackName=child)["Stacks"][0]["StackStatus"] == "DELETE_FAILED"
    assert f"bucket {bucket} is not empty" in pushed.err
    assert f"aws s3 rb s3://{bucket} --force" in pushed.err
    assert f"aws cloudformation delete-stack --stack-name {child}" in pushed.err

    # The next push changes nothing and repeats nothing; the user's clean-up works as said.
    again = alice.ok("push", "--yes", cwd=app)
    assert "not empty" not in again.text
    s3.delete_object(Bucket=bucket, Key="report.csv")
    cfn.delete_stack(StackName=child)
    assert [s for s in stacks_of(sandbox_server, name) if "testkitbox" in s] == []
