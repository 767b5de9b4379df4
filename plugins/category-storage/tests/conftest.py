"""Fixtures: a javascript project made by the real ``amplify init`` against the sandbox, and
a runner for the real ``amplify`` command (no terminal, ``CI=true``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from amplify_sandbox.testing import SandboxProject as Project
from amplify_sandbox.testing import init_sandbox_project

pytest_plugins = ["amplify_sandbox.testing"]


@pytest.fixture
def project(tmp_path: Path, sandbox_server) -> Project:
    return init_sandbox_project(tmp_path, sandbox_server, prefix="st")
