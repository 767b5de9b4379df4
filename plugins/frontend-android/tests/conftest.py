"""Shared fixtures: the frontend object and the example app."""

from __future__ import annotations

from pathlib import Path

import pytest
from amplify_frontend_android.frontend import AndroidFrontend


@pytest.fixture
def frontend() -> AndroidFrontend:
    # The pure methods never touch the context.
    return AndroidFrontend(context=None)


@pytest.fixture
def android_app() -> Path:
    """The example Android app (read only)."""
    return Path(__file__).resolve().parents[3] / "examples" / "android-app"
