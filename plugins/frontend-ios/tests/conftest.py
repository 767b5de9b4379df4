"""Shared fixtures: the frontend object and the example app."""

from __future__ import annotations

from pathlib import Path

import pytest
from amplify_frontend_ios.frontend import IosFrontend


@pytest.fixture
def frontend() -> IosFrontend:
    # The pure methods never touch the context.
    return IosFrontend(context=None)


@pytest.fixture
def ios_app() -> Path:
    """The example iOS app (read only)."""
    return Path(__file__).resolve().parents[3] / "examples" / "ios-app"
