"""The seed's "Team-members working on their own sandbox environments": a teammate clones the
project, adds an environment of their own in the fresh clone (which has team-provider-info.json
and no local environment), and pushes — interactively in a terminal, and headless."""

from __future__ import annotations

import pexpect
import pytest

from .conftest import PROFILE, headless_init, project_name, read, stacks_of, web_app

pytestmark = pytest.mark.slow


def shared_repo(alice, tmp_path):
    """Alice's project on ``master`` with hosting added (not deployed), cloned into a bare repo."""
    name = project_name()
    app = web_app(tmp_path / "alice" / "app")
    alice.git("init", "-q", "-b", "master", cwd=app)
    headless_init(alice, app, name, env="master")
    alice.ok("hosting", "add", "--stage", "DEV", "--yes", cwd=app)
    alice.git("add", "-A", cwd=app)
    alice.git("commit", "-qm", "Creation of a master amplify environment", cwd=app)
    origin = tmp_path / "origin.git"
    alice.git("clone", "-q", "--bare", str(app), str(origin), cwd=tmp_path)
    return name, app, origin


def clone(person, origin, folder):
    person.git("clone", "-q", str(origin), str(folder), cwd=origin.parent)
    person.git("checkout", "-q", "-b", "mysandbox", cwd=folder)
    amplify_dir = folder / "amplify"
    assert (amplify_dir / "team-provider-info.json").exists()
    assert not (amplify_dir / ".config" / "local-env-info.json").exists()
    assert not (amplify_dir / "backend" / "amplify-meta.json").exists()
    return folder


def test_a_teammate_adds_their_own_environment_in_a_terminal(teammate, sandbox_server, tmp_path):
    alice, bob = teammate("alice"), teammate("bob")
    name, _, origin = shared_repo(alice, tmp_path)
    work = clone(bob, origin, tmp_path / "bob" / "app")

    child = bob.spawn("env", "add", cwd=work)
    try:
        for prompt, answer in [
            ("Enter a name for the environment", "mysandbox\r"),
            ("Choose your default editor", "\r"),
            ("Select the authentication method you want to use", "\r"),
            ("Please choose the profile you want to use", "\r"),
        ]:
            child.expect_exact(prompt)
            child.send(answer)
        child.expect_exact("Initialized your environment successfully.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0, child.before

    assert read(work / "amplify/.config/local-env-info.json")["envName"] == "mysandbox"
    assert set(read(work / "amplify/team-provider-info.json")) == {"master", "mysandbox"}
    listed = bob.ok("env", "list", cwd=work).out
    assert "*mysandbox" in listed and "master" in listed
    status = bob.ok("status", cwd=work).out
    assert "S3AndCloudFront" in status and "Create" in status

    pushed = bob.ok("push", "--yes", cwd=work)
    assert "S3AndCloudFront" in pushed.text
    assert "No Change" in bob.ok("status", cwd=work).out
    meta = read(work / "amplify/backend/amplify-meta.json")
    assert meta["hosting"]["S3AndCloudFront"]["output"]["HostingBucketName"].endswith("-mysandbox")
    assert any(
        stack.endswith("mysandbox") or "mysandbox" in stack for stack in stacks_of(sandbox_server, name)
    )
    assert "aws_project_region" in (work / "src" / "aws-exports.js").read_text()


def test_a_teammate_adds_their_own_environment_headless(teammate, sandbox_server, tmp_path):
    alice, carol = teammate("alice"), teammate("carol")
    _, _, origin = shared_repo(alice, tmp_path)
    work = clone(carol, origin, tmp_path / "carol" / "app")

    added = carol.ok("env", "add", "qa", "--providers", PROFILE, "--yes", cwd=work)
    assert "Initialized your environment successfully." in added.out
    assert read(work / "amplify/.config/local-env-info.json") | {"projectPath": None} == {
        "projectPath": None,
        "defaultEditor": "vscode",
        "envName": "qa",
    }
    assert read(work / "amplify/.config/local-aws-info.json")["qa"]["profileName"] == "sandbox"
    carol.ok("push", "--yes", cwd=work)
    assert "No Change" in carol.ok("status", cwd=work).out


def test_headless_env_add_in_a_fresh_clone_lists_everything_missing(teammate, tmp_path):
    alice, dave = teammate("alice"), teammate("dave")
    _, _, origin = shared_repo(alice, tmp_path)
    work = clone(dave, origin, tmp_path / "dave" / "app")
    before = sorted(p.name for p in (work / "amplify").rglob("*"))

    refused = dave.amplify("env", "add", cwd=work)
    assert refused.code == 2, refused.text
    assert "envName" in refused.err
    assert "not configured to modify the backend" not in refused.err
    assert sorted(p.name for p in (work / "amplify").rglob("*")) == before
