"""The local AWS of ``amplify-sandbox`` for a plugin's tests, without depending on it."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import pytest


def sandbox_fixture(request: pytest.FixtureRequest, name: str = "sandbox_inprocess") -> Any:
    """The value of fixture ``name`` of ``amplify_sandbox.testing`` (``sandbox_inprocess``,
    ``sandbox_server``, ``sandbox_server_env``, ``sandbox_profile`` …), registering that pytest
    plugin on first use; skips the test when amplify-sandbox is not installed.

    Lets a plugin's tests use the sandbox when it is there without depending on it::

        def test_deploy(request):
            server = sandbox_fixture(request, "sandbox_server")
    """
    try:
        module = importlib.import_module("amplify_sandbox.testing")
    except ImportError as exc:
        if not (exc.name or "").startswith("amplify_sandbox"):
            raise
        pytest.skip(f"needs amplify-sandbox (pip install amplify-sandbox): {exc}")
    manager = request.config.pluginmanager
    if not manager.is_registered(module) and manager.get_plugin("amplify_sandbox.testing") is None:
        manager.register(module, "amplify_sandbox.testing")
    return request.getfixturevalue(name)


@pytest.fixture
def sandbox(request: pytest.FixtureRequest) -> Any:
    """The local AWS of ``amplify_sandbox.testing``, in-process (moto with amplify's extensions;
    a ``boto3.Session``); skipped when amplify-sandbox is not installed. For a real server
    (subprocesses, the AWS CLI) use :func:`sandbox_fixture` with ``"sandbox_server"``."""
    module = sys.modules.get("amplify_sandbox.testing")
    return sandbox_fixture(request, getattr(module, "FIXTURE", "sandbox_inprocess"))
