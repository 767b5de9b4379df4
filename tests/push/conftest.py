"""Fixtures for the push/status scenarios: the sandbox behind a recording proxy, projects
made by the real ``amplify init``, and a runner for the real ``amplify`` command.

The test-only category plugin ``amplify-category-testkit`` (``tests/plugins/category-testkit``)
must be installed as a distribution (``./dev setup`` does it).
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from amplify_core.testing import AMPLIFY, headless_init_args, run_amplify
from amplify_core.testing import ProcessResult as Result
from amplify_sandbox.faults import RecordingProxy
from amplify_sandbox.testing import sandbox_server, sigint_default  # noqa: F401 - the session-wide sandbox fixture

REGION = "us-east-1"


@pytest.fixture(scope="session")
def proxy(sandbox_server) -> Iterator[RecordingProxy]:  # noqa: F811
    recording = RecordingProxy(sandbox_server.endpoint_url)
    yield recording
    recording.close()


@pytest.fixture(scope="session")
def testkit_installed() -> None:
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        distribution("amplify-category-testkit")
    except PackageNotFoundError:
        pytest.fail(
            "amplify-category-testkit is not installed: run ./dev setup "
            "(or pip install --no-deps tests/plugins/category-testkit)"
        )


_names = itertools.count()


@dataclass
class Project:
    """A project folder plus the environment its ``amplify`` commands run with."""

    root: Path
    env: dict[str, str]
    name: str
    events_file: Path
    procs: list[subprocess.Popen] = field(default_factory=list)

    def amplify(self, *args: str, timeout: float = 120, extra_env: dict[str, str] | None = None) -> Result:
        return run_amplify(*args, cwd=self.root, env={**self.env, **(extra_env or {})}, timeout=timeout)

    def start(self, *args: str) -> subprocess.Popen:
        """Start ``amplify`` without waiting (read its output with ``finish``)."""
        proc = subprocess.Popen(
            [AMPLIFY, *args],
            cwd=self.root,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=sigint_default,
        )
        self.procs.append(proc)
        return proc

    @staticmethod
    def finish(proc: subprocess.Popen, timeout: float = 120) -> Result:
        out, err = proc.communicate(timeout=timeout)
        return Result(proc.returncode, out, err)

    def interrupt(self, proc: subprocess.Popen) -> None:
        proc.send_signal(signal.SIGINT)

    @property
    def amplify_dir(self) -> Path:
        return self.root / "amplify"

    def meta(self, current: bool = False) -> dict:
        base = self.amplify_dir / ("#current-cloud-backend" if current else "backend")
        return json.loads((base / "amplify-meta.json").read_text())

    def provider_info(self) -> dict:
        return self.meta()["providers"]["awscloudformation"]

    def events(self) -> list[dict]:
        if not self.events_file.exists():
            return []
        return [json.loads(line) for line in self.events_file.read_text().splitlines()]

    def snapshot(self) -> dict[str, bytes]:
        """Bytes of amplify-meta.json and every file under #current-cloud-backend."""
        files = {
            "backend/amplify-meta.json": (self.amplify_dir / "backend" / "amplify-meta.json").read_bytes()
        }
        current = self.amplify_dir / "#current-cloud-backend"
        for path in sorted(current.rglob("*")):
            if path.is_file():
                files[str(path.relative_to(self.amplify_dir))] = path.read_bytes()
        return files


def _environment(tmp_path: Path, proxy: RecordingProxy, sandbox) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
    env.update(sandbox.env())
    env.update(
        {
            "AWS_ENDPOINT_URL": proxy.url,
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "AWS_CONFIG_FILE": str(home / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-aws-credentials"),
            "AMPLIFY_TESTKIT_EVENTS": str(tmp_path / "events.jsonl"),
            "CI": "true",
        }
    )
    return env


@pytest.fixture
def project(tmp_path: Path, proxy: RecordingProxy, sandbox_server, testkit_installed) -> Iterator[Project]:  # noqa: F811
    """A javascript app initialised with the real ``amplify init`` against the sandbox."""
    name = f"pt{uuid.uuid4().hex[:6]}{next(_names)}"
    root = tmp_path / name
    (root / "src").mkdir(parents=True)
    (root / "package.json").write_text(json.dumps({"name": name, "version": "0.0.0"}))
    proj = Project(root, _environment(tmp_path, proxy, sandbox_server), name, tmp_path / "events.jsonl")
    result = proj.amplify(
        *headless_init_args(name, start="python -c \"open('started', 'w')\"", defaultEditor="code"),
    )
    assert result.code == 0, result.text
    yield proj
    for proc in proj.procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    proxy.clear()


_MODULES_HOOK = """\
import atexit, os, sys

def _record(path=os.environ["AMPLIFY_TEST_MODULES_FILE"]):
    with open(path, "w") as out:
        out.write("\\n".join(sorted(sys.modules)))

atexit.register(_record)
"""


class ModulesProbe:
    """Records which modules a real ``amplify`` process imported, read when it exits: a
    ``sitecustomize`` on ``PYTHONPATH`` (the venv has none of its own) writes ``sys.modules``
    at exit to the file ``AMPLIFY_TEST_MODULES_FILE`` names."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "sitecustomize.py").write_text(_MODULES_HOOK)
        self.file = folder / "modules.txt"
        self.env = {"PYTHONPATH": str(folder), "AMPLIFY_TEST_MODULES_FILE": str(self.file)}

    def top_level(self) -> set[str]:
        """The top-level packages imported (fails if the hook did not run)."""
        names = self.file.read_text().split()
        assert "amplify_core" in names, "the modules hook did not see an amplify process"
        return {name.split(".")[0] for name in names}


@pytest.fixture
def modules_probe(tmp_path: Path) -> ModulesProbe:
    return ModulesProbe(tmp_path / "modules-probe")


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
