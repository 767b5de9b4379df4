"""Install amplify as users do: pipx and ``uv tool`` from wheels this repository builds.

The wheels of every distribution go to one folder handed to the installer as ``--find-links``
(their dependencies come from the package index). Each installer gets its own temporary home,
so nothing on the machine changes. The default install must give a working ``amplify`` without
moto; ``amplify sandbox`` must then name the extra, and with ``amplify-cli[sandbox]`` it starts.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DISTRIBUTIONS = [
    "core",
    "plugins/frontend-javascript",
    "plugins/frontend-android",
    "plugins/frontend-ios",
    "plugins/provider-awscloudformation",
    "plugins/category-hosting",
    "plugins/category-auth",
    "plugins/category-storage",
    "plugins/category-function",
    "plugins/category-api",
    "plugins/sandbox",
    ".",
]
TIMEOUT = 600


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            *(str(ROOT / d) for d in DISTRIBUTIONS),
        ],
        check=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    assert len(list(out.glob("*.whl"))) == len(DISTRIBUTIONS)
    return out


@dataclass
class Tool:
    """One installation: the installer's environment and the ``amplify`` it put on its bin dir."""

    env: dict[str, str]
    bin_dir: Path
    venv: Path

    def run(self, *args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.bin_dir / "amplify"), *args],
            cwd=cwd,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )

    def has_module(self, name: str) -> bool:
        probe = subprocess.run(
            [str(self.venv / "bin" / "python"), "-c", f"import {name}"], capture_output=True, timeout=60
        )
        return probe.returncode == 0


def clean_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_", "AMPLIFY_", "PIPX_", "UV_", "VIRTUAL_ENV", "PYTHON"))
    }
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "CI": "true",
            "AWS_CONFIG_FILE": str(home / "no-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-creds"),
        }
    )
    return env


def install(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL
    )
    assert done.returncode == 0, done.stdout + done.stderr


def pipx(tmp_path: Path, wheels: Path, requirement: str) -> Tool:
    root = tmp_path / "pipx"
    env = clean_env(tmp_path / "home") | {
        "PIPX_HOME": str(root / "home"),
        "PIPX_BIN_DIR": str(root / "bin"),
        "PIPX_MAN_DIR": str(root / "man"),
    }
    install([str(BIN / "pipx"), "install", "--force", f"--pip-args=--find-links {wheels}", requirement], env)
    return Tool(env, root / "bin", root / "home" / "venvs" / "amplify-cli")


def uv_tool(tmp_path: Path, wheels: Path, requirement: str) -> Tool:
    root = tmp_path / "uv"
    env = clean_env(tmp_path / "home") | {
        "UV_TOOL_DIR": str(root / "tools"),
        "UV_TOOL_BIN_DIR": str(root / "bin"),
    }
    install([str(BIN / "uv"), "tool", "install", "--force", "--find-links", str(wheels), requirement], env)
    return Tool(env, root / "bin", root / "tools" / "amplify-cli")


def check_default_install(tool: Tool, tmp_path: Path, installer_hint: str) -> None:
    helped = tool.run("--help", cwd=tmp_path)
    assert helped.returncode == 0, helped.stderr
    assert "init" in helped.stdout and "hosting" in helped.stdout
    assert not tool.has_module("moto"), "the default install must not hold moto"

    sandbox = tool.run("sandbox", "start", cwd=tmp_path)
    assert sandbox.returncode == 2
    assert installer_hint in sandbox.stderr
    assert "Traceback" not in sandbox.stderr

    made = tool.run(
        "plugin", "new", "--kind", "util", "--name", "audit", "--events", "post_push", "--yes", cwd=tmp_path
    )
    assert made.returncode == 0, made.stderr
    verified = tool.run("plugin", "verify", str(tmp_path / "amplify-util-audit"), cwd=tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_pipx_install_gives_amplify_without_the_sandbox(tmp_path, wheels):
    tool = pipx(tmp_path, wheels, "amplify-cli")
    check_default_install(tool, tmp_path, "pipx install --force 'amplify-cli[sandbox]'")


def test_uv_tool_install_then_the_sandbox_extra_starts_and_init_works(tmp_path, wheels):
    tool = uv_tool(tmp_path, wheels, "amplify-cli")
    check_default_install(tool, tmp_path, "uv tool install --force 'amplify-cli[sandbox]'")

    tool = uv_tool(tmp_path, wheels, "amplify-cli[sandbox]")
    assert tool.has_module("moto")
    started = tool.run("sandbox", "start", "--port", "0", "--detach", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    try:
        exports = tool.run("sandbox", "env", cwd=tmp_path).stdout
        aws = dict(
            shlex.split(line)[1].split("=", 1) for line in exports.splitlines() if line.startswith("export ")
        )
        project = tmp_path / "app"
        project.mkdir()
        (project / "package.json").write_text(json.dumps({"name": "app", "dependencies": {"react": "18"}}))
        init = tool.run(
            "init",
            "--yes",
            "--amplify",
            json.dumps({"projectName": "installed", "envName": "dev"}),
            "--providers",
            json.dumps({"awscloudformation": {"configLevel": "general"}}),
            cwd=project,
            env=aws,
        )
        assert init.returncode == 0, init.stdout + init.stderr
        assert (project / "amplify" / "team-provider-info.json").is_file()
    finally:
        tool.run("sandbox", "stop", cwd=tmp_path)
