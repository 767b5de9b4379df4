"""Fixtures for the robustness scenarios (bad input files, escaping paths, interrupts, secrets):
an isolated home pointed at the session's sandbox server, a project made by the real
``amplify init``, and runners for the real ``amplify`` command (a subprocess, or this process
for the larger matrices: the same ``run`` the console script calls)."""

from __future__ import annotations

import json
import os
import shutil
import traceback
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from amplify_core.testing import ProcessResult as Result
from amplify_core.testing import run_amplify
from amplify_sandbox.testing import sandbox_server  # noqa: F401 - the session-wide sandbox

JS_CONFIG = {
    "SourceDir": "src",
    "DistributionDir": "dist",
    "BuildCommand": "python -c pass",
    "StartCommand": "python -c pass",
}


@dataclass
class Env:
    """The environment every ``amplify`` run of one test gets."""

    vars: dict[str, str]
    home: Path

    def run(self, *args: str, cwd: Path, timeout: float = 120, stdin: str = "") -> Result:
        return run_amplify(*args, cwd=cwd, env=self.vars, stdin=stdin, timeout=timeout)


@pytest.fixture
def env(tmp_path: Path, sandbox_server) -> Env:  # noqa: F811
    home = tmp_path / "home"
    home.mkdir()
    variables = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
    variables.update(sandbox_server.env())
    variables.update(
        {
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "AWS_CONFIG_FILE": str(home / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-aws-credentials"),
            "CI": "true",
        }
    )
    return Env(variables, home)


def init_args(name: str = "robust", config: dict | None = None) -> list[str]:
    return [
        "init",
        "--yes",
        "--amplify",
        json.dumps({"projectName": name, "envName": "dev", "defaultEditor": "code"}),
        "--frontend",
        json.dumps({"frontend": "javascript", "framework": "none", "config": config or JS_CONFIG}),
        "--providers",
        json.dumps({"awscloudformation": {"configLevel": "general"}}),
    ]


def make_app(root: Path) -> Path:
    (root / "src").mkdir(parents=True)
    (root / "dist").mkdir()
    (root / "dist" / "index.html").write_text("<html>v1</html>")
    (root / "package.json").write_text(json.dumps({"name": root.name, "version": "0.0.0"}))
    return root


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory, sandbox_server) -> Path:  # noqa: F811
    """One project initialised with the real ``amplify init`` (copy it before changing it)."""
    base = tmp_path_factory.mktemp("initialised")
    home = base / "home"
    home.mkdir()
    e = Env(
        {
            **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))},
            **sandbox_server.env(),
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "AWS_CONFIG_FILE": str(home / "none"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "none"),
            "CI": "true",
        },
        home,
    )
    app = make_app(base / "robust")
    result = e.run(*init_args(f"rb{uuid.uuid4().hex[:8]}"), cwd=app)
    assert result.code == 0, result.text
    return app


@pytest.fixture
def project(initialised: Path, tmp_path: Path) -> Path:
    """A private copy of the initialised project (its stored path updated, as a clone would)."""
    target = tmp_path / "robust"
    shutil.copytree(initialised, target, symlinks=True)
    info = target / "amplify" / ".config" / "local-env-info.json"
    data = json.loads(info.read_text())
    data["projectPath"] = str(target)
    info.write_text(json.dumps(data))
    return target


@pytest.fixture
def inprocess(env: Env, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Iterator:
    """Run ``amplify`` in this process; an exception escaping ``run`` is reported as the
    traceback a user would have seen (exit code ``None``)."""
    from amplify_core.cli import runtime
    from amplify_core.cli.app import run as run_cli

    for name in [k for k in os.environ if k.startswith(("AWS_", "AMPLIFY_"))]:
        monkeypatch.delenv(name)
    for name, value in env.vars.items():
        if name.startswith(("AWS_", "AMPLIFY_", "HOME", "CI")):
            monkeypatch.setenv(name, value)

    def run(*args: str, cwd: Path) -> Result:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            code = run_cli(list(args))
        except BaseException:  # noqa: BLE001 - what the user would see as a traceback
            captured = capsys.readouterr()
            return Result(None, captured.out, captured.err + "Traceback\n" + traceback.format_exc())
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield run
    runtime.use_prompter(None)
