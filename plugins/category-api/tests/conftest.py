"""Fixtures: a javascript project made by the real ``amplify init`` against the sandbox, and
a runner for the real ``amplify`` command (no terminal, ``CI=true``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from amplify_core.testing import ProcessResult as Result

pytest_plugins = ["amplify_sandbox.testing"]

AMPLIFY = str(Path(sys.executable).with_name("amplify"))


@dataclass
class Project:
    root: Path
    env: dict[str, str]
    name: str

    def amplify(self, *args: str, timeout: float = 180) -> Result:
        proc = subprocess.run([AMPLIFY, *args], cwd=self.root, env=self.env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    @property
    def backend(self) -> Path:
        return self.root / "amplify" / "backend"

    def meta(self) -> dict:
        return json.loads((self.backend / "amplify-meta.json").read_text())

    def exports(self) -> str:
        return (self.root / "src" / "aws-exports.js").read_text()

    def files(self) -> dict[str, bytes]:
        """Every file under amplify/ (to prove a refused command changed nothing)."""
        return {str(p.relative_to(self.root)): p.read_bytes()
                for p in sorted((self.root / "amplify").rglob("*")) if p.is_file()}


def project_env(tmp_path: Path, sandbox) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
    env.update(sandbox.env())
    env.update({"HOME": str(home), "AMPLIFY_HOME": str(home / ".amplify"), "CI": "true",
                "AWS_CONFIG_FILE": str(home / "none"), "AWS_SHARED_CREDENTIALS_FILE": str(home / "none")})
    return env


@pytest.fixture
def project(tmp_path: Path, sandbox_server) -> Project:
    name = f"ap{uuid.uuid4().hex[:8]}"
    root = tmp_path / name
    (root / "src").mkdir(parents=True)
    (root / "package.json").write_text(json.dumps({"name": name, "version": "0.0.0"}))
    proj = Project(root, project_env(tmp_path, sandbox_server), name)
    result = proj.amplify(
        "init", "--yes",
        "--amplify", json.dumps({"projectName": name, "envName": "dev", "defaultEditor": "code"}),
        "--frontend", json.dumps({"frontend": "javascript", "framework": "none", "config": {
            "SourceDir": "src", "DistributionDir": "dist", "BuildCommand": "true", "StartCommand": "true"}}),
        "--providers", json.dumps({"awscloudformation": {"configLevel": "general"}}),
    )
    assert result.code == 0, result.text
    return proj
