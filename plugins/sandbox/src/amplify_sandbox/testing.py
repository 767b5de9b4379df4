"""pytest fixtures for a local AWS, with amplify's moto extensions active.

Opt in from a test package's ``conftest.py``::

    pytest_plugins = ["amplify_sandbox.testing"]

Two modes. **In-process** is fastest and isolates every test: moto intercepts boto3 calls in the
test process itself, no HTTP. **Server mode** is a real sandbox server (the process
``amplify sandbox start`` runs) on a free 127.0.0.1 port, started once per test session: use it
for subprocesses (the real ``amplify`` command, the AWS CLI), the site preview over HTTP, and
profiles with ``endpoint_url``.

Fixtures
--------

``sandbox_credentials`` (function)
    moto in-process's fixed credentials and region in ``os.environ`` (``testing`` / ``testing`` /
    us-east-1: the server refuses them); the user's real ``~/.aws`` files, ``AWS_PROFILE`` and
    endpoint variables are hidden. Returns the variables it set.
``sandbox_inprocess`` (function)
    ``moto.mock_aws()`` with the extensions installed; state starts empty in every test.
    Yields a ``boto3.Session`` (us-east-1). Code under test may create its own clients
    (moto swaps in its own fake keys while the mock is active).
``sandbox_server`` (session)
    The running server, a :class:`SandboxProcess`: ``.endpoint_url``, ``.port``, ``.keys`` (the
    keys it issued at start), ``.env()`` (variables for a subprocess), ``.client("s3")``,
    ``.reset()``, ``.add_key(id, secret)`` (another key with full rights, until it stops),
    ``.site_url(kind, name)``.
    Its state is shared by every test that uses it; use the next fixture for a clean slate.
``sandbox_server_env`` (function)
    Resets the server's state and points ``os.environ`` at it (``AWS_ENDPOINT_URL``, keys,
    region; real ``~/.aws`` hidden). Yields the :class:`SandboxProcess`.
``sandbox_fault_proxy`` (function)
    A :class:`~amplify_sandbox.faults.RecordingProxy` on 127.0.0.1 in front of the session's
    server, with no faults until the test calls ``.inject(Fault(...))`` (or
    ``.inject(*parse_faults("throttle=every10x5"))``). Point a subprocess at ``.url`` with
    ``AWS_ENDPOINT_URL``; ``.requests`` lists what it sent.
``sandbox_profile`` (function)
    Resets the server's state and writes an AWS profile for it (endpoint, region, its keys)
    into a temporary HOME; sets ``HOME``, ``AWS_CONFIG_FILE`` and ``AWS_SHARED_CREDENTIALS_FILE``
    and removes the endpoint and key variables, so only the profile leads to the sandbox.
    Yields a :class:`SandboxProfile` (``.name`` is ``amplify-sandbox``); ``AWS_PROFILE`` is *not*
    set, so code under test must select the profile itself (as
    ``{"configLevel": "project", "useProfile": true, "profileName": …}`` does).

Helpers
-------

:func:`fetch_preview` GETs a preview URL (``http://<site>.cloudfront.localhost:<port>/…``)
by connecting to 127.0.0.1 with the URL's host as the Host header — what a browser does, for
resolvers that do not know ``*.localhost``; redirects are returned, not followed.
:func:`start_sandbox_process` starts the server outside pytest, for any harness.
:func:`init_sandbox_project` makes a project with the real ``amplify init`` against a server and
returns a :class:`SandboxProject`: ``.amplify(*args)`` runs the command there (through
``amplify_core.testing.run_amplify``), ``.spawn(*args)`` opens it in a real terminal
(``spawn_amplify``).

This module imports no moto or boto3 at import time: test collection stays fast.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from amplify_core.testing import ProcessResult, Terminal, headless_init_args, run_amplify, spawn_amplify

from .config import (
    ADMIN_HEADER,
    HOST,
    INPROCESS_ACCESS_KEY_ID,
    INPROCESS_SECRET_ACCESS_KEY,
    REGION,
    client_env,
)
from .credentials import SandboxKeys, read_keys
from .faults import RecordingProxy
from .preview.routes import site_url
from .state import SandboxState

# Variables that would lead boto3 away from the sandbox or to the user's real account.
_AWS_VARIABLES = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
)


@dataclass
class SandboxProcess:
    """A sandbox server this test session started (and will stop)."""

    process: subprocess.Popen
    state: SandboxState
    home: Path
    keys: SandboxKeys

    @property
    def port(self) -> int:
        return self.state.port

    @property
    def endpoint_url(self) -> str:
        return self.state.endpoint

    def env(self) -> dict[str, str]:
        """Variables that point a subprocess at this server (merge them into its environment)."""
        return client_env(self.port, self.keys)

    def client(self, service: str, **kwargs: Any) -> Any:
        """A boto3 client for ``service`` on this server (explicit keys; ignores os.environ)."""
        import boto3

        options = {
            "endpoint_url": self.endpoint_url,
            "region_name": REGION,
            "aws_access_key_id": self.keys.access_key_id,
            "aws_secret_access_key": self.keys.secret_access_key,
            **kwargs,
        }
        return boto3.client(service, **options)

    def reset(self) -> None:
        """Forget every bucket, stack and distribution (moto's ``/moto-api/reset``)."""
        self._admin("/moto-api/reset", b"")

    def add_key(self, access_key_id: str, secret_access_key: str) -> None:
        """Give ``access_key_id`` the owner's full rights until the server stops (for tests whose
        profiles must carry distinctive keys)."""
        body = json.dumps({"access_key_id": access_key_id, "secret_access_key": secret_access_key})
        self._admin("/_sandbox/keys", body.encode())

    def _admin(self, path: str, body: bytes) -> None:
        request = urllib.request.Request(
            self.endpoint_url + path,
            data=body,
            method="POST",
            headers={ADMIN_HEADER: self.keys.admin_token},
        )
        with urllib.request.urlopen(request, timeout=10):
            pass

    def site_url(self, kind: str, name: str) -> str:
        """Preview URL of a hosted site: ``kind`` is ``"s3-website"`` (bucket) or ``"cloudfront"``."""
        return site_url(kind, name, self.port)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def sigint_default() -> None:
    """``preexec_fn`` for a command a test will interrupt: Ctrl-C back to its default.

    A shell without job control starts background commands with SIGINT ignored, and children
    inherit that; a test run from such a shell (``./dev test &``, some CI runners) would then
    send SIGINT into the void and see the command finish instead of exiting 130.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_sandbox_process(home: Path, port: int = 0) -> SandboxProcess:
    """Start the sandbox server with ``AMPLIFY_HOME=home`` and wait until it answers.

    :param port: 0 lets the system choose a free port (read it from ``.port``).
    """
    from .launch import launch

    process, state = launch(port, home=home, new_session=False)
    return SandboxProcess(process, state, home, read_keys(home))


@dataclass(frozen=True)
class PreviewResponse:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes


def fetch_preview(url: str, headers: dict[str, str] | None = None) -> PreviewResponse:
    """GET ``url`` from the sandbox on 127.0.0.1, sending the URL's host as the Host header."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    connection = http.client.HTTPConnection(HOST, parts.port or 80, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": parts.netloc, **(headers or {})})
        response = connection.getresponse()
        return PreviewResponse(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
    finally:
        connection.close()


def _hide_real_aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in _AWS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))


@pytest.fixture
def sandbox_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    _hide_real_aws(monkeypatch, tmp_path)
    values = {
        "AWS_ACCESS_KEY_ID": INPROCESS_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": INPROCESS_SECRET_ACCESS_KEY,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.fixture
def sandbox_inprocess(sandbox_credentials: dict[str, str]) -> Iterator[Any]:
    import boto3
    from moto import mock_aws

    from .moto_extensions import install

    install()
    with mock_aws():
        yield boto3.Session(region_name=REGION)


@pytest.fixture(scope="session")
def sandbox_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    server = start_sandbox_process(tmp_path_factory.mktemp("sandbox-home"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sandbox_server_env(
    sandbox_server: SandboxProcess, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> SandboxProcess:
    sandbox_server.reset()
    _hide_real_aws(monkeypatch, tmp_path)
    for name, value in sandbox_server.env().items():
        monkeypatch.setenv(name, value)
    return sandbox_server


@dataclass(frozen=True)
class SandboxProfile:
    name: str
    home: Path
    config_file: Path
    credentials_file: Path


@pytest.fixture
def sandbox_profile(
    sandbox_server: SandboxProcess, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> SandboxProfile:
    from .config import DEFAULT_PROFILE
    from .profile import write_profile

    sandbox_server.reset()
    _hide_real_aws(monkeypatch, tmp_path)
    home = tmp_path / "home"
    config_file, credentials_file = write_profile(
        DEFAULT_PROFILE, sandbox_server.port, sandbox_server.keys, home=home, amplify_home=sandbox_server.home
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config_file))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials_file))
    return SandboxProfile(DEFAULT_PROFILE, home, config_file, credentials_file)


@pytest.fixture
def sandbox_fault_proxy(sandbox_server: SandboxProcess) -> Iterator[RecordingProxy]:
    proxy = RecordingProxy(sandbox_server.endpoint_url)
    try:
        yield proxy
    finally:
        proxy.close()


# -- a project initialised against the sandbox ------------------------------------------------


@dataclass
class SandboxProject:
    """A javascript project made by the real ``amplify init`` against the sandbox, and runners
    for the real ``amplify`` command in it: ``amplify`` (no terminal, ``CI=true``, a HOME of its
    own) and ``spawn`` (a real terminal, for prompts)."""

    root: Path
    env: dict[str, str]
    name: str

    def amplify(self, *args: str, timeout: float = 180, stdin: str | None = None) -> ProcessResult:
        return run_amplify(*args, cwd=self.root, env=self.env, stdin=stdin, timeout=timeout)

    def spawn(
        self, *args: str, timeout: float = 30, dimensions: tuple[int, int] = (40, 160), **options: Any
    ) -> Terminal:
        """``amplify <args>`` in a real terminal in this project (its env without ``CI``)."""
        return spawn_amplify(
            *args, cwd=self.root, env=self.env, timeout=timeout, dimensions=dimensions, **options
        )

    @property
    def backend(self) -> Path:
        return self.root / "amplify" / "backend"

    def meta(self) -> dict[str, Any]:
        return json.loads((self.backend / "amplify-meta.json").read_text())

    def exports(self) -> str:
        return (self.root / "src" / "aws-exports.js").read_text()

    def files(self) -> dict[str, bytes]:
        """Every file under amplify/ (to prove a refused command changed nothing)."""
        return {
            str(p.relative_to(self.root)): p.read_bytes()
            for p in sorted((self.root / "amplify").rglob("*"))
            if p.is_file()
        }


def sandbox_project_env(tmp_path: Path, sandbox: SandboxProcess) -> dict[str, str]:
    """The environment of a user whose only AWS is this sandbox (no real profile or keys)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
    env.update(sandbox.env())
    env.update(
        {
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "CI": "true",
            "AWS_CONFIG_FILE": str(home / "none"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "none"),
            "AWS_EC2_METADATA_DISABLED": "true",
        }
    )
    return env


def init_sandbox_project(tmp_path: Path, sandbox: SandboxProcess, prefix: str = "app") -> SandboxProject:
    """``amplify init`` (headless, javascript, no-op build) of a new folder against ``sandbox``."""
    name = f"{prefix}{uuid.uuid4().hex[:8]}"
    root = tmp_path / name
    (root / "src").mkdir(parents=True)
    (root / "package.json").write_text(json.dumps({"name": name, "version": "0.0.0"}))
    project = SandboxProject(root, sandbox_project_env(tmp_path, sandbox), name)
    result = project.amplify(
        *headless_init_args(name, build="true", start="true", defaultEditor="code"),
    )
    assert result.code == 0, result.text
    return project
