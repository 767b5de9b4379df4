"""Fixtures for the seed's team workflows: teammates with their own HOME, AWS profile and git
identity, running the real ``amplify`` command (a subprocess, or a pseudo-terminal through
pexpect when prompts are answered by hand) against the session's sandbox server.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from amplify_core.testing import ProcessResult as Result
from amplify_core.testing import run_amplify, spawn_amplify
from amplify_sandbox.testing import sandbox_server  # noqa: F401 - the session-wide sandbox

REGION = "us-east-1"
PROFILE = json.dumps(
    {"awscloudformation": {"configLevel": "project", "useProfile": True, "profileName": "sandbox"}}
)
FRONTEND = json.dumps({"frontend": "javascript", "framework": "react"})


@dataclass
class Teammate:
    """One developer: a HOME with an AWS profile ``sandbox`` for the sandbox, and git."""

    name: str
    home: Path
    env: dict[str, str]

    def amplify(self, *args: str, cwd: Path, timeout: float = 180) -> Result:
        return run_amplify(*args, cwd=cwd, env=self.env, timeout=timeout)

    def ok(self, *args: str, cwd: Path) -> Result:
        result = self.amplify(*args, cwd=cwd)
        assert result.code == 0, f"amplify {' '.join(args)} exited {result.code}:\n{result.text}"
        return result

    def git(self, *args: str, cwd: Path) -> str:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, env=self.env, capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stdout}{proc.stderr}"
        return proc.stdout

    def spawn(self, *args: str, cwd: Path):
        """``amplify`` in a real pseudo-terminal (pexpect), as a person runs it."""

        return spawn_amplify(*args, cwd=cwd, env=self.env, timeout=90, dimensions=(40, 120))


@pytest.fixture
def teammate(tmp_path: Path, sandbox_server):  # noqa: F811
    """``teammate("alice")`` → a :class:`Teammate` with its own HOME."""

    def make(name: str) -> Teammate:
        home = tmp_path / f"home-{name}"
        (home / ".aws").mkdir(parents=True)
        (home / ".aws" / "config").write_text(
            f"[profile sandbox]\nendpoint_url = {sandbox_server.endpoint_url}\nregion = {REGION}\n"
        )
        (home / ".aws" / "credentials").write_text(
            f"[sandbox]\naws_access_key_id = {sandbox_server.keys.access_key_id}\n"
            f"aws_secret_access_key = {sandbox_server.keys.secret_access_key}\n"
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_", "GIT_"))}
        env.update(
            HOME=str(home),
            AMPLIFY_HOME=str(home / ".amplify"),
            CI="true",
            AWS_CONFIG_FILE=str(home / ".aws" / "config"),
            AWS_SHARED_CREDENTIALS_FILE=str(home / ".aws" / "credentials"),
            AWS_EC2_METADATA_DISABLED="true",
            GIT_AUTHOR_NAME=name,
            GIT_AUTHOR_EMAIL=f"{name}@example.com",
            GIT_COMMITTER_NAME=name,
            GIT_COMMITTER_EMAIL=f"{name}@example.com",
            GIT_CONFIG_NOSYSTEM="1",
        )
        return Teammate(name, home, env)

    return make


def project_name() -> str:
    """A project name no other test of the session uses (stack names stay apart)."""
    return f"team{uuid.uuid4().hex[:8]}"


def web_app(folder: Path) -> Path:
    """A minimal React app, as a user's project folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text(json.dumps({"name": "app", "dependencies": {"react": "^18.0.0"}}))
    (folder / "src").mkdir(exist_ok=True)
    (folder / "src" / "index.js").write_text("console.log('hi')\n")
    return folder


def headless_init(person: Teammate, folder: Path, name: str, env: str = "dev") -> Result:
    amplify = json.dumps({"projectName": name, "envName": env, "defaultEditor": "code"})
    return person.ok(
        "init", "--amplify", amplify, "--frontend", FRONTEND, "--providers", PROFILE, "--yes", cwd=folder
    )


def read(path: Path):
    return json.loads(Path(path).read_text())


def stacks_of(sandbox, name: str) -> list[str]:
    """Live CloudFormation stacks whose name contains the project's name."""
    cfn = sandbox.client("cloudformation")
    found = []
    for page in cfn.get_paginator("list_stacks").paginate():
        for stack in page["StackSummaries"]:
            if name in stack["StackName"] and stack["StackStatus"] != "DELETE_COMPLETE":
                found.append(stack["StackName"])
    return found


def buckets_of(sandbox, name: str) -> list[str]:
    return [b["Name"] for b in sandbox.client("s3").list_buckets()["Buckets"] if name in b["Name"]]
