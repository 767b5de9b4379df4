"""The provider side of ``amplify push``: root template, failure reasons, waiting, the lock.

CloudFormation's asynchronous failure path (rollback with per-resource events, nested stacks
reporting "Embedded stack … was not successfully created") cannot happen in moto, which fails
synchronously; it is exercised here with a small stand-in client that replays the events a
real stack produces. The lock runs against moto in-process.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from amplify_core.changes.plan import PushPlan, nested_stack
from amplify_core.changes.status import BackendStatus, Operation, ResourceStatus
from amplify_core.errors import OperationError
from amplify_provider_awscloudformation.push.apply import Deployer
from amplify_provider_awscloudformation.push.lock import DeploymentLock, LockInfo
from amplify_provider_awscloudformation.push.root import render_root
from amplify_provider_awscloudformation.stack_watch import root_cause
from amplify_sandbox.testing import sandbox_credentials, sandbox_inprocess  # noqa: F401

ENTRY = {"service": "Bucket", "providerPlugin": "awscloudformation"}
BUCKET_TEMPLATE = {
    "Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}},
    "Parameters": {"env": {"Type": "String"}},
}
T0 = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.UTC)


def stack(name, operation=Operation.CREATE, entry=ENTRY, template=BUCKET_TEMPLATE):
    return nested_stack(ResourceStatus("testkit", name, operation, entry, f"h-{name}"), template, {}, "dev")


def plan(stacks, deletions=()):
    return PushPlan(
        env_name="dev",
        project_name="app",
        provider_name="awscloudformation",
        provider_info={"StackName": "root", "DeploymentBucketName": "dep", "Region": "us-east-1"},
        status=BackendStatus("dev", ()),
        stacks=tuple(stacks),
        deletions=tuple(deletions),
    )


def event(n, logical, rtype, status, reason=None, physical=None, stack_id="arn:root"):
    return {
        "EventId": f"e{n}",
        "StackId": stack_id,
        "LogicalResourceId": logical,
        "ResourceType": rtype,
        "ResourceStatus": status,
        "ResourceStatusReason": reason,
        "PhysicalResourceId": physical or logical,
        "Timestamp": T0 + dt.timedelta(seconds=n),
    }


ROOT_EVENTS = [  # oldest first, as CloudFormation reports a failed nested stack
    event(1, "root", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated", "arn:root"),
    event(2, "testkitone", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", physical="arn:child-one"),
    event(3, "testkittwo", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", physical="arn:child-two"),
    event(
        4,
        "testkittwo",
        "AWS::CloudFormation::Stack",
        "CREATE_FAILED",
        "Resource creation cancelled",
        "arn:child-two",
    ),
    event(
        5,
        "testkitone",
        "AWS::CloudFormation::Stack",
        "CREATE_FAILED",
        "Embedded stack arn:child-one was not successfully created: The following resource(s) failed to create: [Bucket].",
        "arn:child-one",
    ),
    event(
        6,
        "root",
        "AWS::CloudFormation::Stack",
        "UPDATE_ROLLBACK_IN_PROGRESS",
        "The following resource(s) failed to create: [testkitone, testkittwo].",
        "arn:root",
    ),
    event(7, "root", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE", None, "arn:root"),
]
CHILD_EVENTS = {
    "arn:child-one": [
        event(10, "Bucket", "AWS::S3::Bucket", "CREATE_IN_PROGRESS", stack_id="arn:child-one"),
        event(
            11, "Bucket", "AWS::S3::Bucket", "CREATE_FAILED", "taken-dev already exists", "", "arn:child-one"
        ),
    ],
    "arn:child-two": [
        event(
            12,
            "Bucket",
            "AWS::S3::Bucket",
            "CREATE_FAILED",
            "Resource creation cancelled",
            "",
            "arn:child-two",
        )
    ],
}


def test_root_cause_follows_the_nested_stack_to_the_real_reason():
    failure = root_cause("root", ROOT_EVENTS, lambda child: CHILD_EVENTS[child])
    assert (failure.logical_id, failure.resource_type, failure.reason) == (
        "Bucket",
        "AWS::S3::Bucket",
        "taken-dev already exists",
    )
    assert failure.parents == ("testkitone",)
    assert (
        failure.describe() == "testkitone > Bucket (AWS::S3::Bucket) CREATE_FAILED: taken-dev already exists"
    )


def test_root_template_keeps_init_resources_and_replaces_nested_stacks():
    live = {
        "Resources": {
            "DeploymentBucket": {"Type": "AWS::S3::Bucket"},
            "AuthRole": {"Type": "AWS::IAM::Role"},
            "testkitold": {
                "Type": "AWS::CloudFormation::Stack",
                "Properties": {"TemplateURL": "u"},
            },  # Gen 1 style
            "testkitone": {
                "Type": "AWS::CloudFormation::Stack",
                "Metadata": {"amplify": {}},
                "Properties": {},
            },
        },
        "Outputs": {"Region": {"Value": {"Ref": "AWS::Region"}}},
    }
    dependent = stack(
        "two",
        entry={
            **ENTRY,
            "dependsOn": [{"category": "testkit", "resourceName": "one", "attributes": ["BucketName"]}],
        },
        template={**BUCKET_TEMPLATE, "Parameters": {"env": {}, "testkitoneBucketName": {}}},
    )
    gone = ResourceStatus("testkit", "old", Operation.DELETE, ENTRY)
    root = render_root(live, plan([stack("one", Operation.NO_CHANGE), dependent], [gone]), "dep")
    assert set(root["Resources"]) == {"DeploymentBucket", "AuthRole", "testkitone", "testkittwo"}
    assert root["Outputs"] == live["Outputs"]
    two = root["Resources"]["testkittwo"]
    assert two["DependsOn"] == ["testkitone"]
    assert two["Properties"]["TemplateURL"] == f"https://s3.amazonaws.com/dep/{dependent.template_key}"
    assert two["Properties"]["Parameters"] == {
        "env": "dev",
        "testkitoneBucketName": {"Fn::GetAtt": ["testkitone", "Outputs.BucketName"]},
    }


class Paginator:
    def __init__(self, pages):
        self.pages = pages

    def paginate(self, **kwargs):
        return iter(self.pages(**kwargs))


class FakeCfn:
    """Replays a stack update the way CloudFormation reports it (statuses, events, newest first)."""

    def __init__(self, statuses, root_events, child_events=None):
        self.statuses = list(statuses)
        self.root_events = list(root_events)
        self.child_events = child_events or {}
        self.visible = 0  # how many root events have "happened"
        self.updates = []

    def describe_stacks(self, StackName):
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        if status != "UPDATE_COMPLETE_BEFORE":
            self.visible = (
                len(self.root_events) if not self.statuses else min(self.visible + 2, len(self.root_events))
            )
        return {
            "Stacks": [
                {
                    "StackName": StackName,
                    "StackStatus": status,
                    "Parameters": [{"ParameterKey": "DeploymentBucketName", "ParameterValue": "dep"}],
                    "Outputs": [{"OutputKey": "BucketName", "OutputValue": f"{StackName}-bucket"}],
                }
            ]
        }

    def get_template(self, StackName, TemplateStage):
        return {"TemplateBody": {"Resources": {"DeploymentBucket": {"Type": "AWS::S3::Bucket"}}}}

    def update_stack(self, **kwargs):
        self.updates.append(kwargs)

    def validate_template(self, **kwargs):
        return {"Parameters": []}  # the templates these tests push are valid

    def describe_stack_events(self, StackName):
        return {"StackEvents": list(reversed(self._events(StackName)))}

    def _events(self, name):
        if name in self.child_events:
            return self.child_events[name]
        return self.root_events[: self.visible] if self.updates else []

    def get_paginator(self, name):
        assert name == "describe_stack_events"
        return Paginator(lambda StackName: [{"StackEvents": list(reversed(self._events(StackName)))}])

    def describe_stack_resource(self, StackName, LogicalResourceId):
        return {"StackResourceDetail": {"PhysicalResourceId": f"arn:{LogicalResourceId}"}}


class FakeS3:
    def __init__(self):
        self.objects = {}

    def put_object(self, Bucket, Key, Body, **kwargs):
        self.objects[(Bucket, Key)] = Body


def test_rolled_back_update_is_reported_with_the_nested_resource_and_reason():
    cfn = FakeCfn(
        ["UPDATE_COMPLETE", "UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE"],
        ROOT_EVENTS,
        CHILD_EVENTS,
    )
    s3, lines = FakeS3(), []
    with pytest.raises(OperationError) as raised:
        Deployer(cfn, s3, out=lines.append, sleep=lambda s: None).apply(plan([stack("one"), stack("two")]))
    message = raised.value.message
    assert (
        "testkit/one" in message
        and "Bucket (AWS::S3::Bucket)" in message
        and "taken-dev already exists" in message
    )
    assert "Local files were not changed" in raised.value.hint
    assert any("CREATE_FAILED" in line and "testkitone" in line for line in lines)  # progress was streamed
    assert ("dep", stack("one").template_key) in s3.objects and (
        "dep",
        "root-cloudformation-stack.json",
    ) in s3.objects
    update = cfn.updates[0]
    assert update["Parameters"] == [{"ParameterKey": "DeploymentBucketName", "UsePreviousValue": True}]
    assert "CAPABILITY_NAMED_IAM" in update["Capabilities"]


def test_init_and_env_waits_report_the_nested_failure_as_push_does():
    """deploy.py (init, env add/remove) waits through the same watcher as push: it waits for
    the rollback to settle and names the nested resource that failed, not the first
    "Resource creation cancelled"."""
    from amplify_provider_awscloudformation.deploy import wait_for_stack

    cfn = FakeCfn(
        ["CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"], ROOT_EVENTS, CHILD_EVENTS
    )
    cfn.updates.append({})  # the operation has started: its events are visible
    lines = []
    with pytest.raises(OperationError) as raised:
        wait_for_stack(cfn, "root", done={"CREATE_COMPLETE"}, on_event=lines.append)
    assert raised.value.message == (
        "Stack root ended in ROLLBACK_COMPLETE: "
        "testkitone > Bucket (AWS::S3::Bucket) CREATE_FAILED: taken-dev already exists"
    )
    assert any("CREATE_FAILED" in line and "testkitone" in line for line in lines)


def test_waits_for_a_running_operation_then_reads_outputs_of_changed_stacks_only():
    cfn = FakeCfn(["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE"], [])
    lines = []
    result = Deployer(cfn, FakeS3(), out=lines.append, sleep=lambda s: None).apply(
        plan([stack("one"), stack("two", Operation.NO_CHANGE)])
    )
    assert any("Waiting for the stack's current operation" in line for line in lines)
    assert list(result.resources) == [("testkit", "one"), ("testkit", "two")]  # two: never uploaded before


def test_lock_names_its_holder_and_can_be_broken(sandbox_inprocess, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.setenv("AMPLIFY_HOME", str(tmp_path / "home"))
    s3 = sandbox_inprocess.client("s3")
    s3.create_bucket(Bucket="dep")
    first = DeploymentLock(
        s3, "dep", LockInfo("alice", "build-7", 4242, "2026-01-01T10:00:00+00:00", env="dev")
    )
    assert first.acquire() == []
    second = DeploymentLock(s3, "dep", LockInfo.mine("push", "dev"))
    with pytest.raises(OperationError) as raised:
        second.acquire()
    assert "alice@build-7 (pid 4242, amplify push, started 2026-01-01T10:00:00+00:00)" in raised.value.message
    assert "--force-unlock" in raised.value.hint
    assert second.acquire(force=True) == [
        "Broke the deployment lock held by alice@build-7 (pid 4242, amplify push, started 2026-01-01T10:00:00+00:00)."
    ]
    first.release()  # no longer ours: must not delete the new holder's lock
    assert (
        json.loads(s3.get_object(Bucket="dep", Key="deployment-lock.json")["Body"].read())["token"]
        == second.info.token
    )
    second.release()
    assert "Contents" not in s3.list_objects_v2(Bucket="dep")
