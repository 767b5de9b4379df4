"""``amplify pull`` (issue 13, item 4): the real command against one sandbox server.

A teammate's project is initialised, given hosting and published; then another folder attaches
to it — a new empty folder (found by the root stack in the account), a git clone with only
the committed files (found in team-provider-info.json), and interactively in a terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest
from amplify_core.testing import ProcessResult, run_amplify, spawn_amplify
from amplify_sandbox.testing import sandbox_server  # noqa: F401 - session fixture

GENERAL = json.dumps({"awscloudformation": {"configLevel": "general"}})
FRONTEND = json.dumps(
    {
        "frontend": "javascript",
        "framework": "none",
        "config": {
            "SourceDir": "src",
            "DistributionDir": "dist",
            "BuildCommand": "true",
            "StartCommand": "true",
        },
    }
)
DOWN, ENTER = "\x1b[B", "\r"
PROJECT_FILES = (
    "amplify/.config/project-config.json",
    "amplify/team-provider-info.json",
    "amplify/backend/backend-config.json",
    "amplify/backend/amplify-meta.json",
    "amplify/backend/hosting/S3AndCloudFront/template.json",
    "src/aws-exports.js",
)


@dataclass
class Teammate:
    name: str
    root: Path
    env: dict[str, str]
    tmp: Path

    def run(self, cwd: Path, *args: str) -> ProcessResult:
        return run_amplify(*args, cwd=cwd, env=self.env, timeout=300)

    def ok(self, cwd: Path, *args: str) -> ProcessResult:
        result = self.run(cwd, *args)
        assert result.code == 0, f"amplify {' '.join(args)}: {result.code}\n{result.out}{result.err}"
        return result

    def folder(self, name: str) -> Path:
        path = self.tmp / name
        path.mkdir()
        return path


@pytest.fixture
def teammate(tmp_path: Path, sandbox_server) -> Teammate:  # noqa: F811
    """A published DEV-hosting project ``dev`` in the sandbox account."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
    env.update(sandbox_server.env())
    env.update(
        {
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "CI": "true",
            "AWS_CONFIG_FILE": str(home / "no-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-creds"),
        }
    )
    root = tmp_path / "teammate"
    (root / "dist").mkdir(parents=True)
    (root / "dist" / "index.html").write_text("<!doctype html><title>pulled</title>")
    mate = Teammate(f"pull{uuid.uuid4().hex[:8]}", root, env, tmp_path)
    mate.ok(
        root,
        "init",
        "--yes",
        "--amplify",
        json.dumps({"projectName": mate.name, "envName": "dev"}),
        "--providers",
        GENERAL,
        "--frontend",
        FRONTEND,
    )
    mate.ok(root, "hosting", "add", "--stage", "DEV", "--yes")
    mate.ok(root, "publish", "--yes")
    return mate


def same_files(a: Path, b: Path) -> None:
    for rel in PROJECT_FILES:
        left, right = a / rel, b / rel
        if rel.endswith(".json"):
            assert json.loads(left.read_text()) == json.loads(right.read_text()), rel
        else:
            assert left.read_text() == right.read_text(), rel


@pytest.mark.slow
def test_pull_yes_in_a_new_folder_attaches_by_project_and_env_name(teammate: Teammate):
    new = teammate.folder("new")
    result = teammate.ok(
        new,
        "pull",
        "--yes",
        "--amplify",
        json.dumps({"projectName": teammate.name, "envName": "dev"}),
        "--frontend",
        FRONTEND,
    )
    assert "Successfully pulled backend environment dev from the cloud." in result.out + result.err
    same_files(teammate.root, new)
    local = json.loads((new / "amplify/.config/local-env-info.json").read_text())
    assert local == {"projectPath": str(new), "defaultEditor": "vscode", "envName": "dev"}
    assert json.loads((new / "amplify/.config/local-aws-info.json").read_text()) == {
        "dev": {"configLevel": "general"}
    }
    assert "amplify/.config/local-*" in (new / ".gitignore").read_text()
    status = teammate.ok(new, "status").out
    assert "No Change" in status and "Create" not in status and "Update" not in status


@pytest.mark.slow
def test_pull_that_finds_nothing_exits_1_and_writes_nothing(teammate: Teammate):
    empty = teammate.folder("empty")
    for amplify in ({"projectName": teammate.name, "envName": "prod"}, {"projectName": "nosuchproject"}):
        result = teammate.run(
            empty, "pull", "--yes", "--amplify", json.dumps(amplify), "--frontend", FRONTEND
        )
        assert result.code == 1, result.out + result.err
        assert "No Amplify project" in result.err and "Traceback" not in result.err
        assert list(empty.iterdir()) == []
    result = teammate.run(empty, "pull", "--yes", "--appId", "d1a2b3c4")
    assert result.code == 2 and "--appId" in result.err
    assert list(empty.iterdir()) == []


@pytest.mark.slow
def test_pull_in_a_git_clone_uses_team_provider_info(teammate: Teammate):
    git = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    genv = {**teammate.env, **git}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "project"]):
        subprocess.run(["git", *args], cwd=teammate.root, env=genv, check=True)
    clone = teammate.tmp / "clone"
    subprocess.run(["git", "clone", "-q", str(teammate.root), str(clone)], env=genv, check=True)
    assert not (clone / "amplify/.config/local-env-info.json").exists()
    assert not (clone / "amplify/#current-cloud-backend").exists()

    teammate.ok(clone, "pull", "--yes")

    same_files(teammate.root, clone)
    assert "No Change" in teammate.ok(clone, "status").out
    assert (
        subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True).stdout
        == ""
    )
    # A change in the clone survives a pull; --restore overwrites it with the deployed state.
    params = clone / "amplify/backend/hosting/S3AndCloudFront/parameters.json"
    edited = {**json.loads(params.read_text()), "bucketName": "edited-name"}
    params.write_text(json.dumps(edited))
    teammate.ok(clone, "pull", "--yes")
    assert json.loads(params.read_text())["bucketName"] == "edited-name"
    teammate.ok(clone, "pull", "--yes", "--restore")
    assert json.loads(params.read_text())["bucketName"] != "edited-name"
    assert "No Change" in teammate.ok(clone, "status").out


@pytest.mark.slow
def test_pull_in_a_terminal_asks_for_access_env_frontend_and_editor(teammate: Teammate):
    teammate.ok(teammate.root, "env", "add", "prod", "--yes", "--providers", GENERAL)
    new = teammate.folder("interactive")
    (new / "package.json").write_text(json.dumps({"name": "web", "scripts": {"build": "true"}}))
    child = spawn_amplify(
        "pull",
        "--amplify",
        json.dumps({"projectName": teammate.name}),
        cwd=new,
        env=teammate.env,
        timeout=60,
        dimensions=(40, 160),
    )
    child.expect("Select the authentication method you want to use")
    child.send(DOWN + ENTER)  # access keys → the AWS SDK's default chain
    child.expect("Pick a backend environment")
    child.send(DOWN + ENTER)  # dev → prod
    child.expect("Choose the type of app that you're building")
    child.send(ENTER)  # javascript (package.json)
    child.expect("Initialize the project with the above configuration")
    child.send("y")
    child.expect("Choose your default editor")
    child.send(DOWN + ENTER)  # vscode → android-studio
    child.expect("Successfully pulled backend environment prod from the cloud")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    local = json.loads((new / "amplify/.config/local-env-info.json").read_text())
    assert (local["envName"], local["defaultEditor"]) == ("prod", "android-studio")
    config = json.loads((new / "amplify/.config/project-config.json").read_text())
    assert (config["projectName"], config["frontend"]) == (teammate.name, "javascript")
    assert sorted(json.loads((new / "amplify/team-provider-info.json").read_text())) == ["prod"]
    status = teammate.ok(new, "status").out
    assert "Hosting" not in status  # prod never had hosting pushed: its deployed state has none


def test_pull_with_bad_parameters_is_refused_before_anything(tmp_path: Path):
    result = run_amplify(
        "pull",
        "--yes",
        "--amplify",
        '{"envName": "Not OK"}',
        cwd=tmp_path,
        env={**os.environ, "CI": "true"},
        timeout=60,
    )
    assert result.code == 2 and "envName" in result.err
    assert list(tmp_path.iterdir()) == []
