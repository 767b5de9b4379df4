"""Shared fixtures: the frontend object and small project folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from amplify_frontend_javascript.frontend import JavascriptFrontend


@pytest.fixture
def web_app() -> Path:
    """The example web app (read only: tests that build copy it first)."""
    return Path(__file__).resolve().parents[3] / "examples" / "web-app"


@pytest.fixture
def frontend() -> JavascriptFrontend:
    # The pure methods never touch the context.
    return JavascriptFrontend(context=None)


@pytest.fixture
def make_project(tmp_path):
    """Return a function that fills ``tmp_path`` with ``{relative path: text or JSON object}``."""

    def make(files: dict) -> Path:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            text = content if isinstance(content, str) else json.dumps(content)
            path.write_text(text, encoding="utf-8")
        return tmp_path

    return make
