"""Environments as a branch sees them: ``env list`` and init's chooser offer only the
environments of this branch's team-provider-info.json (others this clone knows are marked
local only), unknown names are named, and every env verb works in both word orders."""

from __future__ import annotations

import json

import pexpect
import pytest

from .conftest import headless_init, project_name, read, web_app

pytestmark = pytest.mark.slow


def test_another_branchs_environment_is_marked_and_not_offered(teammate, tmp_path):
    bob = teammate("bob")
    app = web_app(tmp_path / "app")
    bob.git("init", "-q", "-b", "master", cwd=app)
    headless_init(bob, app, project_name())
    bob.git("add", "-A", cwd=app)
    bob.git("commit", "-qm", "dev", cwd=app)
    bob.git("checkout", "-q", "-b", "feature", cwd=app)
    bob.ok("env", "add", "qa", "--yes", cwd=app)
    bob.git("commit", "-qam", "qa", cwd=app)
    bob.git("checkout", "-q", "master", cwd=app)  # this branch's team-provider-info has dev only

    listed = bob.ok("env", "list", cwd=app).out
    assert "| dev" in listed
    assert "*qa (local only: not in this branch's team-provider-info.json)" in listed
    assert json.loads(bob.ok("env", "list", "--json", cwd=app).out) == {"envs": ["dev"], "localOnly": ["qa"]}

    for args in (("env", "checkout", "qa"), ("env", "get", "--name", "qa")):
        refused = bob.amplify(*args, cwd=app)
        assert refused.code == 2, refused.text
        assert "'qa' is known to this clone only" in refused.err
    for args in (
        ("env", "checkout", "nope"),
        ("env", "get", "--name", "nope"),
        ("env", "remove", "nope", "--yes"),
    ):
        refused = bob.amplify(*args, cwd=app)
        assert refused.code == 2, refused.text
        assert "No environment named 'nope' in this project (environments: dev)" in refused.err

    child = bob.spawn("init", cwd=app)
    try:
        child.expect_exact("Do you want to use an existing environment?")
        child.send("y")
        child.expect_exact("Choose the environment you would like to use:")
        child.expect_exact("dev")
        child.send("\r")
        child.expect_exact("Initialized your environment successfully.")
        chooser = child.before
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert "qa" not in chooser
    assert read(app / "amplify/.config/local-env-info.json")["envName"] == "dev"


def test_every_env_verb_in_both_word_orders(teammate, tmp_path):
    alice = teammate("alice")
    app = web_app(tmp_path / "app")
    headless_init(alice, app, project_name())
    alice.ok("add", "env", "prod", "--yes", cwd=app)

    assert alice.ok("list", "env", cwd=app).out == alice.ok("env", "list", cwd=app).out
    assert (
        alice.ok("get", "env", "--name", "prod", cwd=app).out
        == alice.ok("env", "get", "--name", "prod", cwd=app).out
    )
    alice.ok("checkout", "env", "dev", cwd=app)
    assert read(app / "amplify/.config/local-env-info.json")["envName"] == "dev"
    assert "Successfully pulled backend environment dev" in alice.ok("pull", "env", cwd=app).out

    prod = read(app / "amplify/team-provider-info.json")["prod"]
    alice.ok("remove", "env", "prod", "--yes", cwd=app)
    assert set(read(app / "amplify/team-provider-info.json")) == {"dev"}

    # Re-register a copy of dev's stack under another name, the other word order of import.
    config = json.dumps(
        {"awscloudformation": read(app / "amplify/team-provider-info.json")["dev"]["awscloudformation"]}
    )
    aws_info = json.dumps({"configLevel": "project", "useProfile": True, "profileName": "sandbox"})
    alice.ok("import", "env", "--name", "mirror", "--config", config, "--awsInfo", aws_info, "--yes", cwd=app)
    assert set(read(app / "amplify/team-provider-info.json")) == {"dev", "mirror"}
    assert prod["awscloudformation"]["StackName"] not in (app / "amplify/team-provider-info.json").read_text()
