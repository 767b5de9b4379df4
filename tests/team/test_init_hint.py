"""Init's closing hint names only commands that are installed."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import headless_init, project_name, web_app

pytestmark = pytest.mark.slow


def test_the_hint_names_an_installed_category_and_that_command_runs(teammate, tmp_path):
    alice = teammate("alice")
    app = web_app(tmp_path / "app")
    out = headless_init(alice, app, project_name()).out
    assert set(re.findall(r'"amplify add (\w+)"', out)) == {"api"}  # Gen 1's hint, api installed
    assert alice.amplify("add", "api", "--help", cwd=app).code == 0

    alice.env["AMPLIFY_DISABLE_PLUGINS"] = "api"  # without api the hint falls back to hosting
    other = web_app(tmp_path / "other")
    out = headless_init(alice, other, project_name()).out
    assert set(re.findall(r'"amplify add (\w+)"', out)) == {"hosting"}
    assert "amplify add api" not in out
    assert alice.amplify("add", "hosting", "--help", cwd=other).code == 0


def test_without_any_category_plugin_the_hint_says_what_to_install(teammate, tmp_path):
    alice = teammate("alice")
    plugins = json.loads(alice.ok("plugin", "list", "--json", cwd=tmp_path).out)["plugins"]
    categories = [p["name"] for p in plugins if p.get("kind") == "category"]
    assert "hosting" in categories
    alice.env["AMPLIFY_DISABLE_PLUGINS"] = ",".join(categories)
    app = web_app(tmp_path / "app")
    out = headless_init(alice, app, project_name()).out
    assert "amplify add" not in out and "amplify publish" not in out
    assert "pip install amplify-category-hosting" in out
