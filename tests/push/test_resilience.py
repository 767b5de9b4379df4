"""Issue 11, items 3, 4, 5 and 11: one lock for push and publish, no orphaned root stacks,
throttling survived, a missing environment named with its way out — the real ``amplify``
command against the sandbox, faults injected by the recording proxy."""

from __future__ import annotations

import json

import pytest
from amplify_core.testing import headless_init_args
from amplify_sandbox.faults import Fault, parse_faults

from .conftest import Project, wait_for
from .test_scenarios import nested_stacks, rows

LOCK_KEY = "deployment-lock.json"


def lock_put(seen) -> bool:
    return seen.method == "PUT" and seen.path.split("?")[0].endswith(f"/{LOCK_KEY}")


def update_stack(seen) -> bool:
    return seen.action == "UpdateStack"


def add_site(project, text: str = "v1") -> None:
    dist = project.root / "dist"
    dist.mkdir(exist_ok=True)
    (dist / "index.html").write_text(f"<html><body>{text}</body></html>")
    added = project.amplify("hosting", "add", "--stage", "DEV", "--yes")
    assert added.code == 0, added.text


def lock_objects(sandbox, bucket: str) -> list[str]:
    listed = sandbox.client("s3").list_objects_v2(Bucket=bucket, Prefix=LOCK_KEY)
    return [o["Key"] for o in listed.get("Contents", [])]


def root_stacks(sandbox, project_name: str, env: str) -> list[str]:
    """Live root stacks of one environment (``amplify-<project>-<env>-<suffix>``)."""
    cfn = sandbox.client("cloudformation")
    prefix = f"amplify-{project_name}-{env}-"
    names = []
    for page in cfn.get_paginator("list_stacks").paginate():
        for summary in page["StackSummaries"]:
            name = summary["StackName"]
            if (
                name.startswith(prefix)
                and name.count("-") == prefix.count("-")
                and summary["StackStatus"] != "DELETE_COMPLETE"
            ):
                names.append(name)
    return names


def test_two_publishes_at_once_one_is_refused_naming_the_holder(project, proxy, sandbox_server):
    add_site(project)
    gate = proxy.hold(update_stack)
    first = project.start("publish", "--yes")
    try:
        assert gate.arrived.wait(60), "the first publish never reached UpdateStack"
        second = project.amplify("publish", "--yes")
        push = project.amplify("push", "--yes")
    finally:
        gate.release()
    assert second.code == 1, second.text
    assert f"pid {first.pid}, amplify publish" in second.err, second.text
    assert "amplify publish --force-unlock" in second.err
    assert push.code == 1 and f"pid {first.pid}, amplify publish" in push.err, push.text
    done = project.finish(first)
    assert done.code == 0, done.text
    assert lock_objects(sandbox_server, project.provider_info()["DeploymentBucketName"]) == []
    again = project.amplify("publish", "--yes")
    assert again.code == 0, again.text


def test_a_lost_answer_to_the_lock_put_is_not_someone_else(project, proxy):
    assert project.amplify("testkit", "add", "one").code == 0
    proxy.inject(Fault("drop_response", match=lock_put, times=1))
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    assert proxy.faults[0].fired == 1
    assert len([r for r in proxy.requests if lock_put(r)]) == 2  # the lost one and its retry
    assert rows(project.amplify("status")) == {"one": "No Change"}


def is_write(seen) -> bool:
    """An S3 write (PUT, POST, DELETE) or a CloudFormation call that changes something."""
    if seen.action:
        return not seen.action.startswith(("Describe", "List", "Get", "Validate", "Estimate"))
    return seen.method in ("PUT", "POST", "DELETE")


def test_publish_takes_the_lock_before_its_first_write_and_checks_the_stack_beside_it(
    project, proxy, sandbox_server
):
    """The root stack's check runs beside the lock's put, yet nothing else is written before
    the lock is held; a republish with nothing to do writes nothing, so it takes no lock: it
    checks the stack once and reads the record of the last publish."""
    add_site(project)
    assert project.amplify("testkit", "add", "one").code == 0
    proxy.requests.clear()
    published = project.amplify("publish", "--yes")
    assert published.code == 0, published.text
    seen = list(proxy.requests)
    writes = [i for i, r in enumerate(seen) if is_write(r)]
    assert writes and lock_put(seen[writes[0]]), [str(r) for r in seen[: writes[0] + 1]]
    assert any(r.action == "DescribeStacks" for r in seen[: writes[0] + 2])
    assert any(r.action == "UpdateStack" for r in seen) and any(
        r.method == "PUT" for r in seen[writes[0] + 1 :]
    )
    bucket = project.provider_info()["DeploymentBucketName"]
    assert lock_objects(sandbox_server, bucket) == []

    proxy.requests.clear()
    again = project.amplify("publish", "--yes")
    assert again.code == 0 and "No changes" in again.out, again.text
    seen = list(proxy.requests)
    assert [r for r in seen if r.path.split("?")[0].endswith(f"/{LOCK_KEY}")] == [], [str(r) for r in seen]
    assert [r for r in seen if is_write(r)] == [], [str(r) for r in seen]
    assert [r.action for r in seen if r.action] == ["DescribeStacks"], [str(r) for r in seen]
    assert lock_objects(sandbox_server, bucket) == []


def test_a_republish_with_nothing_to_do_needs_no_lock_and_a_change_still_waits_for_it(
    project, sandbox_server
):
    """A teammate on another machine holds the lock. A republish with nothing to upload
    writes nothing, so it finishes without the lock (and leaves the teammate's alone); a
    publish with a changed file is refused, naming the holder, and uploads nothing."""
    add_site(project, "v1")
    assert project.amplify("publish", "--yes").code == 0
    bucket = project.provider_info()["DeploymentBucketName"]
    s3 = sandbox_server.client("s3")
    theirs = {
        "owner": "bob",
        "host": "bobs-laptop",
        "pid": 4242,
        "startedAt": "2026-12-03T10:00:00+00:00",
        "command": "push",
        "env": "dev",
        "token": "t-bob",
    }
    s3.put_object(Bucket=bucket, Key=LOCK_KEY, Body=json.dumps(theirs).encode())

    again = project.amplify("publish", "--yes")
    assert again.code == 0 and "No changes" in again.out, again.text
    assert json.loads(s3.get_object(Bucket=bucket, Key=LOCK_KEY)["Body"].read())["token"] == "t-bob"

    (project.root / "dist" / "index.html").write_text("<html><body>v2</body></html>")
    changed = project.amplify("publish", "--yes")
    assert changed.code == 1, changed.text
    assert "bob@bobs-laptop (pid 4242, amplify push" in changed.err, changed.text
    site = project.meta()["hosting"]["S3AndCloudFront"]["output"]["HostingBucketName"]
    assert b"v1" in s3.get_object(Bucket=site, Key="index.html")["Body"].read()


def test_ctrl_c_while_saving_state_leaves_no_lock(project, proxy, sandbox_server):
    assert project.amplify("testkit", "add", "one").code == 0
    bucket = project.provider_info()["DeploymentBucketName"]
    gate = proxy.hold(lambda s: s.method == "PUT" and "current-cloud-backend.zip" in s.path)
    push = project.start("push", "--yes")
    assert gate.arrived.wait(60), "the push never started saving its state"
    project.interrupt(push)
    gate.release()
    interrupted = project.finish(push)
    assert interrupted.code == 130, interrupted.text
    assert lock_objects(sandbox_server, bucket) == [], interrupted.text
    again = project.amplify("push", "--yes")
    assert again.code == 0 and "No changes detected" in again.out, again.text


def test_no_op_push_releases_a_lock_a_killed_push_left(project, proxy, sandbox_server):
    assert project.amplify("testkit", "add", "one").code == 0
    bucket = project.provider_info()["DeploymentBucketName"]
    gate = proxy.hold(lambda s: s.method == "PUT" and "current-cloud-backend.zip" in s.path)
    push = project.start("push", "--yes")
    assert gate.arrived.wait(60)
    push.kill()  # after the local commit, before the unlock
    push.wait()
    gate.release()
    assert wait_for(gate.done.is_set)
    assert lock_objects(sandbox_server, bucket) == [LOCK_KEY]
    assert rows(project.amplify("status")) == {"one": "No Change"}

    again = project.amplify("push", "--yes")
    assert again.code == 0, again.text
    assert "No changes detected" in again.out
    assert "Released the deployment lock left by an interrupted" in again.err, again.text
    assert f"pid {push.pid}" in again.err
    assert lock_objects(sandbox_server, bucket) == []


def test_killed_env_add_leaves_no_orphan_and_the_rerun_adopts_its_stack(project, proxy, sandbox_server):
    # killed after CreateStack, before any local file names the new environment
    gate = proxy.hold(lambda s: s.method == "PUT" and "current-cloud-backend.zip" in s.path)
    first = project.start("env", "add", "test", "--yes")
    assert gate.arrived.wait(90), "env add never got to saving the new environment's state"
    first.kill()
    first.wait()
    gate.release()
    assert wait_for(gate.done.is_set)
    assert len(root_stacks(sandbox_server, project.name, "test")) == 1
    assert "test" not in json.loads((project.amplify_dir / "team-provider-info.json").read_text())
    stale = project.amplify_dir / ".team-provider-info.json.999999999.x1y2.tmp"  # a killed writer's
    stale.write_text("{")

    rerun = project.amplify("env", "add", "test", "--yes")
    assert rerun.code == 0, rerun.text
    assert "created by an earlier run that was interrupted" in rerun.out, rerun.text
    stacks = root_stacks(sandbox_server, project.name, "test")
    tpi = json.loads((project.amplify_dir / "team-provider-info.json").read_text())
    assert stacks == [tpi["test"]["awscloudformation"]["StackName"]]
    assert not stale.exists()

    removed = project.amplify("env", "remove", "test", "--yes")
    assert removed.code == 2 and "current" in removed.err.lower(), removed.text  # it is checked out
    assert project.amplify("env", "checkout", "dev").code == 0
    removed = project.amplify("env", "remove", "test", "--yes")
    assert removed.code == 0, removed.text
    assert root_stacks(sandbox_server, project.name, "test") == []
    again = project.amplify("env", "add", "test", "--yes")  # the record is gone: a new stack, no adoption
    assert again.code == 0 and "interrupted" not in again.out, again.text
    assert len(root_stacks(sandbox_server, project.name, "test")) == 1


def refused_as_missing(project, stack_name: str) -> None:
    for command in (("push", "--yes"), ("publish", "--yes")):
        refused = project.amplify(*command)
        assert refused.code == 1, refused.text
        assert "No changes detected" not in refused.out
        assert f"The root stack {stack_name} of environment 'dev' does not exist" in refused.err, refused.text
        assert "amplify push --force" in refused.err


def test_a_root_stack_deleted_out_of_band_is_named_and_push_force_recreates_it(project, sandbox_server):
    add_site(project)
    assert project.amplify("testkit", "add", "one").code == 0
    assert project.amplify("push", "--yes").code == 0
    info = project.provider_info()
    sandbox_server.client("cloudformation").delete_stack(StackName=info["StackName"])
    assert wait_for(lambda: not root_stacks(sandbox_server, project.name, "dev"), timeout=60)
    hosting_bucket = project.meta()["hosting"]["S3AndCloudFront"]["output"]["HostingBucketName"]
    sandbox_server.client("s3").delete_bucket(Bucket=hosting_bucket)  # retained: empty, so removable

    status = project.amplify("status")
    assert status.code == 0 and rows(status) == {"one": "No Change", "S3AndCloudFront": "No Change"}
    refused_as_missing(project, info["StackName"])
    assert (
        lock_objects(sandbox_server, info["DeploymentBucketName"]) == []
    )  # taken beside the check: given back

    forced = project.amplify("push", "--yes", "--force")  # the retained deployment bucket is kept
    assert forced.code == 0, forced.text
    assert set(nested_stacks(sandbox_server, info["StackName"])) == {"testkitone", "hostingS3AndCloudFront"}
    fresh = project.provider_info()
    assert fresh["StackName"] == info["StackName"] and fresh["StackId"] != info["StackId"]
    assert fresh["DeploymentBucketName"] == info["DeploymentBucketName"]
    tpi = json.loads((project.amplify_dir / "team-provider-info.json").read_text())
    assert tpi["dev"]["awscloudformation"]["StackId"] == fresh["StackId"]
    again = project.amplify("push", "--yes")
    assert again.code == 0 and "No changes detected" in again.out, again.text
    published = project.amplify("publish", "--yes")
    assert published.code == 0, published.text


def test_a_sandbox_that_started_empty_is_named_and_push_force_redeploys(project, sandbox_server):
    add_site(project)
    assert project.amplify("publish", "--yes").code == 0
    info = project.provider_info()
    sandbox_server.reset()  # as after "amplify sandbox start" on a fresh state folder

    refused_as_missing(project, info["StackName"])
    forced = project.amplify("push", "--yes", "--force")
    assert forced.code == 0, forced.text
    assert set(nested_stacks(sandbox_server, info["StackName"])) == {"hostingS3AndCloudFront"}
    published = project.amplify("publish", "--yes")
    assert published.code == 0, published.text
    bucket = project.meta()["hosting"]["S3AndCloudFront"]["output"]["HostingBucketName"]
    body = sandbox_server.client("s3").get_object(Bucket=bucket, Key="index.html")["Body"].read()
    assert b"v1" in body


@pytest.mark.slow
def test_bursts_of_throttles_are_survived(project, proxy, sandbox_server):
    """Five throttles in a row on every tenth request: init, push, publish, env add, env remove."""
    proxy.inject(*parse_faults("throttle=every10x5"))
    fresh = Project(project.root.parent / "second", project.env, f"{project.name}b", project.events_file)
    (fresh.root / "src").mkdir(parents=True)
    init = fresh.amplify(
        *headless_init_args(fresh.name),
        timeout=600,
    )
    assert init.code == 0, init.text
    assert len(root_stacks(sandbox_server, fresh.name, "dev")) == 1

    add_site(project)
    assert project.amplify("testkit", "add", "one").code == 0
    steps = [
        ("push", "--yes"),
        ("publish", "--yes"),
        ("env", "add", "test", "--yes"),
        ("env", "checkout", "dev"),
        ("env", "remove", "test", "--yes"),
    ]
    for step in steps:
        result = project.amplify(*step, timeout=600)
        assert result.code == 0, f"amplify {' '.join(step)}: {result.text}"
    assert proxy.faults[0].fired >= 25, proxy.faults[0].fired
    assert rows(project.amplify("status")) == {"one": "No Change", "S3AndCloudFront": "No Change"}
    assert root_stacks(sandbox_server, project.name, "test") == []
