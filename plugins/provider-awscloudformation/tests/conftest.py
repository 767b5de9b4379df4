"""Fixtures: the sandbox server (one per session), an isolated HOME / AMPLIFY_HOME / AWS config
per test, and runners for the real ``amplify`` command (a subprocess, or in this process when
a test must answer prompts through a ScriptedPrompter or inject a failure).

Nothing here can prompt: subprocesses get ``stdin=/dev/null`` and ``CI=true``, and every run
has a timeout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from amplify_core.testing import ProcessResult as Result
from amplify_core.testing import run_amplify
from amplify_sandbox.testing import (
    SandboxProcess,
    sandbox_server,  # noqa: F401 - the session-wide sandbox
)

REGION = "us-east-1"
ACCOUNT = "123456789012"
#: Distinctive secrets, so a test can grep every output and file for them. The sandbox refuses
#: keys it did not issue, so the ``sandbox`` fixture registers these with it (``add_key``).
SECRET = "sandboxSecretKEYvalue0123456789"
SEED_SECRET = "headlesssecrectaccesskey"
TEST_KEYS = {
    "AKIASANDBOX0000001": SECRET,
    "AKIASANDBOX0000002": SECRET,
    "AKIANEWKEYS000001": SECRET,
    "AKIAENVIRONMENT0001": SECRET,
    "AKIAINTERACTIVE01": SECRET,
    "AKIA0000000000000001": "s3cr3t",
    "headlessaccesskeyid": SEED_SECRET,
}
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/amplify-admin"
MFA_SERIAL = f"arn:aws:iam::{ACCOUNT}:mfa/dev-user"


@dataclass
class Sandbox:
    """What a test needs to know about its AWS world."""

    endpoint: str
    home: Path
    amplify_home: Path
    config_file: Path
    credentials_file: Path
    env: dict[str, str]
    server: SandboxProcess

    def client(self, service: str):
        return self.server.client(service)


def write_profiles(sandbox: Sandbox, *, default: bool = False, mfa: bool = False) -> None:
    endpoint = f"endpoint_url = {sandbox.endpoint}\nregion = {REGION}\n"
    config = f"[profile sandbox]\n{endpoint}\n"
    credentials = f"[sandbox]\naws_access_key_id = AKIASANDBOX0000001\naws_secret_access_key = {SECRET}\n\n"
    if default:
        config += f"[default]\n{endpoint}\n"
        credentials += (
            f"[default]\naws_access_key_id = AKIASANDBOX0000002\naws_secret_access_key = {SECRET}\n\n"
        )
    if mfa:
        config += (
            f"[profile mfa]\nrole_arn = {ROLE_ARN}\nsource_profile = sandbox\nmfa_serial = {MFA_SERIAL}\n"
            f"role_session_name = amplify-test\n{endpoint}\n"
        )
    sandbox.config_file.write_text(config)
    sandbox.credentials_file.write_text(credentials)


@pytest.fixture(scope="session")
def bytecode_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Compiled modules for the subprocesses, kept outside the source tree."""
    return tmp_path_factory.mktemp("pycache")


@pytest.fixture
def sandbox(sandbox_server, tmp_path: Path, bytecode_cache: Path) -> Sandbox:  # noqa: F811
    home = tmp_path / "home"
    (home / ".aws").mkdir(parents=True)
    amplify_home = tmp_path / "amplify-home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "CI"}
    env.update(
        HOME=str(home),
        AMPLIFY_HOME=str(amplify_home),
        AWS_CONFIG_FILE=str(home / ".aws" / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(home / ".aws" / "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        CI="true",
        PYTHONPYCACHEPREFIX=str(bytecode_cache),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    box = Sandbox(
        endpoint=sandbox_server.endpoint_url,
        home=home,
        amplify_home=amplify_home,
        config_file=home / ".aws" / "config",
        credentials_file=home / ".aws" / "credentials",
        env=env,
        server=sandbox_server,
    )
    for key, secret in TEST_KEYS.items():
        sandbox_server.add_key(key, secret)
    write_profiles(box)
    return box


@pytest.fixture
def amplify(sandbox: Sandbox):
    """Run the real ``amplify`` command: ``amplify(*args, cwd=…, env={…}, stdin=…)``."""

    def run(*args: str, cwd: Path, env: dict[str, str] | None = None, script: str | None = None) -> Result:
        full_env = {**sandbox.env, **(env or {})}
        if not script:
            return run_amplify(*args, cwd=cwd, env=full_env, timeout=120)
        done = subprocess.run(
            ["bash", script],
            cwd=cwd,
            env=full_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def inprocess(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """Run ``amplify`` in this process (same code path as the console script)."""
    from amplify_core.cli import runtime
    from amplify_core.cli.app import run as run_cli

    for name in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(name)
    for name, value in sandbox.env.items():
        if name.startswith(("AWS_", "AMPLIFY_", "HOME", "CI")):
            monkeypatch.setenv(name, value)

    def run(*args: str, cwd: Path) -> Result:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = run_cli(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield run
    runtime.use_prompter(None)


def make_web_app(folder: Path) -> Path:
    """A minimal React app (package.json and src/), as a user's project folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text(json.dumps({"name": "app", "dependencies": {"react": "^18.0.0"}}))
    (folder / "src").mkdir(exist_ok=True)
    (folder / "src" / "index.js").write_text("console.log('hi')\n")
    return folder


def amplify_param(project: str = "myapp", env: str = "dev") -> str:
    return json.dumps({"projectName": project, "envName": env, "defaultEditor": "code"})


PROFILE = json.dumps(
    {"awscloudformation": {"configLevel": "project", "useProfile": True, "profileName": "sandbox"}}
)
FRONTEND = json.dumps({"frontend": "javascript", "framework": "react"})


def headless_init(
    amplify, cwd: Path, *, project: str = "myapp", env: str = "dev", providers: str = PROFILE
) -> Result:
    result = amplify(
        "init",
        "--amplify",
        amplify_param(project, env),
        "--frontend",
        FRONTEND,
        "--providers",
        providers,
        "--yes",
        cwd=cwd,
    )
    assert result.code == 0, result.text
    return result


def read(path: Path):
    return json.loads(Path(path).read_text())


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to prove nothing changed)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(folder).parts
    }


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    info = target / "amplify" / ".config" / "local-env-info.json"
    data = read(info)
    data["projectPath"] = str(target)
    info.write_text(json.dumps(data))
    return target
