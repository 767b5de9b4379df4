"""Honest failures, the deployment lock, and Ctrl-C: the real ``amplify`` against the sandbox."""

from __future__ import annotations

import json
import socket

from amplify_sandbox.faults import Fault

from .conftest import wait_for
from .test_scenarios import nested_stacks, rows


def update_stack(seen) -> bool:
    return seen.action == "UpdateStack"


def test_failing_resource_is_named_with_reason_and_local_state_is_untouched(project, sandbox_server):
    taken = f"taken-{project.name}"
    sandbox_server.client("s3").create_bucket(Bucket=f"{taken}-dev")
    assert project.amplify("testkit", "add", "good").code == 0
    assert project.amplify("push", "--yes").code == 0
    assert project.amplify("testkit", "add", "clash", "--bucket-name", taken).code == 0
    before = project.snapshot()

    failed = project.amplify("push", "--yes")

    assert failed.code == 1, failed.text
    last = failed.last_lines(3)
    assert "testkitclash" in last and "Bucket (AWS::S3::Bucket)" in last, failed.text
    assert "BucketAlreadyExists" in last and "testkit/clash" in last
    assert project.snapshot() == before
    assert rows(project.amplify("status")) == {"clash": "Create", "good": "No Change"}
    assert project.events()[-1]["event"] == "post_push" and project.events()[-1]["success"] is False

    assert project.amplify("update", "testkit", "clash", "--bucket-name", f"free-{project.name}").code == 0
    fixed = project.amplify("push", "--yes")
    assert fixed.code == 0, fixed.text
    assert project.meta()["testkit"]["clash"]["output"]["BucketName"] == f"free-{project.name}-dev"
    assert rows(project.amplify("status")) == {"clash": "No Change", "good": "No Change"}


def test_second_push_is_refused_naming_the_holder(project, proxy):
    assert project.amplify("testkit", "add", "one").code == 0
    gate = proxy.hold(update_stack)
    first = project.start("push", "--yes")
    try:
        assert gate.arrived.wait(60), "the first push never reached UpdateStack"
        second = project.amplify("push", "--yes")
    finally:
        gate.release()
    assert second.code == 1
    assert f"pid {first.pid}" in second.err and socket.gethostname() in second.err, second.text
    assert "--force-unlock" in second.err
    done = project.finish(first)
    assert done.code == 0, done.text
    assert rows(project.amplify("status")) == {"one": "No Change"}


def test_stale_lock_of_a_killed_push_here_is_broken_with_a_warning(project, proxy):
    assert project.amplify("testkit", "add", "one").code == 0
    gate = proxy.hold(update_stack)
    first = project.start("push", "--yes")
    assert gate.arrived.wait(60)
    first.kill()
    first.wait()
    gate.release()
    assert wait_for(gate.done.is_set)

    rerun = project.amplify("push", "--yes")
    assert rerun.code == 0, rerun.text
    assert "Broke a stale deployment lock" in rerun.err and f"pid {first.pid}" in rerun.err, rerun.text
    assert "is no longer running" in rerun.err
    assert rows(project.amplify("status")) == {"one": "No Change"}
    assert project.amplify("testkit", "add", "two").code == 0
    assert project.amplify("push", "--yes").code == 0  # the lock was released after the rerun


def test_lock_from_another_host_needs_force_unlock(project, sandbox_server):
    bucket = project.provider_info()["DeploymentBucketName"]
    foreign = {
        "owner": "alice",
        "host": "build-7",
        "pid": 4242,
        "startedAt": "2026-01-01T10:00:00+00:00",
        "command": "publish",
        "env": "dev",
        "token": "theirs",
    }
    sandbox_server.client("s3").put_object(
        Bucket=bucket, Key="deployment-lock.json", Body=json.dumps(foreign)
    )
    assert project.amplify("testkit", "add", "one").code == 0

    refused = project.amplify("push", "--yes")
    assert refused.code == 1
    assert "locked by alice@build-7 (pid 4242, amplify publish" in refused.err, refused.text
    assert "amplify push --force-unlock" in refused.err
    assert rows(project.amplify("status")) == {"one": "Create"}

    forced = project.amplify("push", "--yes", "--force-unlock")
    assert forced.code == 0, forced.text
    assert "Broke the deployment lock held by alice@build-7" in forced.err
    assert rows(project.amplify("status")) == {"one": "No Change"}
    assert project.amplify("testkit", "add", "two").code == 0
    assert project.amplify("push", "--yes").code == 0  # the lock was released after the forced push


def test_ctrl_c_during_push_then_rerun_succeeds(project, proxy):
    assert project.amplify("testkit", "add", "one").code == 0
    before = project.snapshot()
    gate = proxy.hold(update_stack)
    push = project.start("push", "--yes")
    assert gate.arrived.wait(60)
    project.interrupt(push)
    interrupted = project.finish(push)
    gate.release()
    assert wait_for(gate.done.is_set)

    assert interrupted.code == 130, interrupted.text
    assert 'run "amplify push" again' in interrupted.err
    assert project.snapshot() == before
    assert rows(project.amplify("status")) == {"one": "Create"}
    assert project.events()[-1]["success"] is False

    rerun = project.amplify("push", "--yes")  # no --force-unlock: the interrupted push released it
    assert rerun.code == 0, rerun.text
    assert project.meta()["testkit"]["one"]["output"]["BucketName"]
    assert rows(project.amplify("status")) == {"one": "No Change"}


def test_aws_errors_are_one_clear_line(project):
    assert project.amplify("testkit", "add", "one").code == 0
    tpi_file = project.amplify_dir / "team-provider-info.json"
    tpi = json.loads(tpi_file.read_text())
    tpi["dev"]["awscloudformation"]["DeploymentBucketName"] = f"{project.name}-no-such-bucket"
    tpi_file.write_text(json.dumps(tpi))
    before = project.snapshot()
    failed = project.amplify("push", "--yes")
    assert failed.code == 1
    assert "Traceback" not in failed.err
    assert "Taking the deployment lock failed: PutObject: NoSuchBucket" in failed.last_lines(2), failed.text
    assert "(S3)" in failed.err and "Check that the resource still exists" in failed.err, failed.text
    assert "Local files were not changed." in failed.err
    assert project.snapshot() == before


def test_throttling_is_one_line_naming_the_service_with_a_hint(project, proxy):
    assert project.amplify("testkit", "add", "one").code == 0
    before = project.snapshot()
    proxy.inject(Fault("throttle", match=lambda seen: seen.action == "DescribeStacks"))
    failed = project.amplify("push", "--yes", extra_env={"AWS_MAX_ATTEMPTS": "1"})
    assert failed.code == 1, failed.text
    assert "Traceback" not in failed.err
    assert "DescribeStacks: Throttling: Rate exceeded (CloudFormation)" in failed.err, failed.text
    assert "AWS is throttling requests" in failed.err
    assert project.snapshot() == before
    proxy.clear()
    assert project.amplify("push", "--yes").code == 0


def test_nested_update_to_a_taken_bucket_name_rolls_back_and_keeps_the_update_pending(
    project, sandbox_server
):
    taken = f"taken-{project.name}"
    sandbox_server.client("s3").create_bucket(Bucket=f"{taken}-dev")
    assert project.amplify("testkit", "add", "one").code == 0
    assert project.amplify("push", "--yes").code == 0
    bucket_before = project.meta()["testkit"]["one"]["output"]["BucketName"]
    assert project.amplify("testkit", "configure", "one", "--bucket-name", taken).code == 0
    before = project.snapshot()

    failed = project.amplify("push", "--yes")

    assert failed.code == 1, failed.text
    last = failed.last_lines(3)
    assert "testkit/one" in last and "Bucket (AWS::S3::Bucket) UPDATE_FAILED" in last, failed.text
    assert f"{taken}-dev already exists" in last
    assert project.snapshot() == before
    assert rows(project.amplify("status")) == {"one": "Update"}
    cfn = sandbox_server.client("cloudformation")
    root = project.provider_info()["StackName"]
    child = nested_stacks(sandbox_server, root)["testkitone"]
    assert cfn.describe_stacks(StackName=root)["Stacks"][0]["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    assert cfn.describe_stacks(StackName=child)["Stacks"][0]["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    # Nothing half-made: the child still has its old bucket, and only that.
    [resource] = cfn.describe_stack_resources(StackName=child)["StackResources"]
    assert resource["PhysicalResourceId"] == bucket_before
    sandbox_server.client("s3").head_bucket(Bucket=bucket_before)

    again = project.amplify("push", "--yes")  # the same change fails the same way: nothing was kept
    assert again.code == 1 and f"{taken}-dev already exists" in again.last_lines(3), again.text


def test_template_cloudformation_rejects_fails_the_push_before_any_stack_changes(project, sandbox_server):
    assert project.amplify("testkit", "add", "one").code == 0
    first = project.amplify("push", "--yes")
    assert first.code == 0, first.err
    cfn = sandbox_server.client("cloudformation")
    root = project.provider_info()["StackName"]
    events_before = cfn.describe_stack_events(StackName=root)["StackEvents"]
    path = project.amplify_dir / "backend" / "testkit" / "one" / "template.json"
    template = json.loads(path.read_text())
    template["Resources"]["Widget"] = {"Type": "AWS::Foo::Bar", "Properties": {}}
    path.write_text(json.dumps(template))
    before = project.snapshot()

    failed = project.amplify("push", "--yes")

    assert failed.code == 1, failed.text
    assert "testkit/one" in failed.err and "Unrecognized resource types: [AWS::Foo::Bar]" in failed.err, (
        failed.text
    )
    assert "Traceback" not in failed.err
    assert project.snapshot() == before
    assert rows(project.amplify("status")) == {"one": "Update"}
    assert cfn.describe_stack_events(StackName=root)["StackEvents"] == events_before
    assert cfn.describe_stacks(StackName=root)["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"
