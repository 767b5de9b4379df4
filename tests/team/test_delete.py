"""``amplify delete``: every environment's stacks and retained buckets, then ``amplify/`` and
the frontend's config files, after one confirmation (or ``--yes``); tolerant of what is gone."""

from __future__ import annotations

import pexpect
import pytest

from .conftest import buckets_of, headless_init, project_name, read, stacks_of, web_app

pytestmark = pytest.mark.slow


def deployed_project(person, tmp_path, envs=("dev", "prod")):
    """A project with DEV hosting pushed in every environment and a file in each hosting bucket."""
    name = project_name()
    app = web_app(tmp_path / "app")
    headless_init(person, app, name, env=envs[0])
    person.ok("hosting", "add", "--stage", "DEV", "--yes", cwd=app)
    person.ok("push", "--yes", cwd=app)
    for env in envs[1:]:
        person.ok("env", "add", env, "--yes", cwd=app)
        person.ok("push", "--yes", cwd=app)
    return name, app


def test_delete_yes_leaves_no_stack_bucket_or_amplify_folder(teammate, sandbox_server, tmp_path):
    alice = teammate("alice")
    name, app = deployed_project(alice, tmp_path)
    s3 = sandbox_server.client("s3")
    hosting = [b for b in buckets_of(sandbox_server, name) if "hostingbucket" in b]
    assert len(hosting) == 2
    for bucket in hosting:
        s3.put_object(Bucket=bucket, Key="index.html", Body=b"<html></html>")
    assert len(stacks_of(sandbox_server, name)) >= 4  # two root stacks, two hosting stacks
    assert (app / "src" / "aws-exports.js").exists()

    current = alice.amplify("env", "remove", "prod", "--yes", cwd=app)
    assert current.code == 2 and "amplify delete" in current.err

    (app / "amplify/hooks/pre-delete.sh").write_text("echo about to delete $(cat | head -c 20)\n")
    (app / "amplify/hooks/post-delete.sh").write_text("echo never: amplify/ is gone by then\n")
    deleted = alice.amplify("delete", "--yes", cwd=app)
    assert deleted.code == 0, deleted.text
    assert "about to delete" in deleted.err and "never" not in deleted.err
    assert "Project deleted in the cloud." in deleted.out and "Project deleted locally." in deleted.out
    assert stacks_of(sandbox_server, name) == []
    assert buckets_of(sandbox_server, name) == []
    assert not (app / "amplify").exists()
    assert not (app / "src" / "aws-exports.js").exists()
    assert not (app / "src" / "amplifyconfiguration.json").exists()
    assert (app / "src" / "index.js").exists() and (app / "package.json").exists()


def test_delete_tolerates_an_environment_already_gone(teammate, sandbox_server, tmp_path):
    alice = teammate("alice")
    name, app = deployed_project(alice, tmp_path, envs=("dev", "test"))
    gone = read(app / "amplify/team-provider-info.json")["test"]["awscloudformation"]
    # Someone already removed the "test" environment by hand: its stacks and its buckets.
    cfn, s3 = sandbox_server.client("cloudformation"), sandbox_server.client("s3")
    cfn.delete_stack(StackName=gone["StackName"])
    cfn.get_waiter("stack_delete_complete").wait(StackName=gone["StackId"])
    for bucket in [
        b
        for b in buckets_of(sandbox_server, name)
        if b.endswith("-test") or b == gone["DeploymentBucketName"]
    ]:
        for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=obj["Key"])
        s3.delete_bucket(Bucket=bucket)

    deleted = alice.amplify("delete", "--yes", cwd=app)
    assert deleted.code == 0, deleted.text
    assert f"Stack {gone['StackName']} did not exist any more." in deleted.text
    assert f"Bucket {gone['DeploymentBucketName']} did not exist any more." in deleted.text
    assert stacks_of(sandbox_server, name) == []
    assert buckets_of(sandbox_server, name) == []
    assert not (app / "amplify").exists()

    again = alice.amplify("delete", "--yes", cwd=app)
    assert again.code == 2 and "amplify init" in again.err  # no project any more, said plainly


def test_delete_asks_once_and_declining_changes_nothing(teammate, sandbox_server, tmp_path):
    alice = teammate("alice")
    name = project_name()
    app = web_app(tmp_path / "app")
    headless_init(alice, app, name)
    before = sorted(str(p) for p in app.rglob("*"))

    refused = alice.amplify("delete", cwd=app)  # no terminal, no --yes
    assert refused.code == 2 and "confirmDelete" in refused.err and "--yes" in refused.err

    child = alice.spawn("delete", cwd=app)
    try:
        child.expect_exact("This CANNOT be undone")
        child.send("n")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 1 and "nothing was changed" in child.before
    assert sorted(str(p) for p in app.rglob("*")) == before
    assert len(stacks_of(sandbox_server, name)) == 1

    child = alice.spawn("delete", cwd=app)
    try:
        child.expect_exact("This CANNOT be undone")
        child.send("y")
        child.expect_exact("Project deleted locally.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert stacks_of(sandbox_server, name) == [] and not (app / "amplify").exists()
