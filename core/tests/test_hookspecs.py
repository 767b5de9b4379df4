"""Every hookspec documents each argument, its return value and a working example."""

from __future__ import annotations

import inspect

import pytest
from amplify_core.hookspecs import AmplifySpecs

HOOKS = [name for name in dir(AmplifySpecs) if name.startswith("amplify_")]


def test_all_events_of_the_design_exist():
    assert set(HOOKS) == {
        "amplify_frontends",
        "amplify_providers",
        "amplify_categories",
        "amplify_commands",
        "amplify_pre_init",
        "amplify_post_init",
        "amplify_pre_push",
        "amplify_post_push",
        "amplify_pre_publish",
        "amplify_post_publish",
        "amplify_post_env_add",
        "amplify_post_env_remove",
        "amplify_codegen",
    }


@pytest.mark.parametrize("name", HOOKS)
def test_hook_is_documented(name):
    function = getattr(AmplifySpecs, name)
    doc = inspect.getdoc(function)
    assert doc and "**Example:**" in doc and "@hookimpl" in doc
    for arg in list(inspect.signature(function).parameters)[1:]:
        assert f":param {arg}:" in doc, f"{name} does not document {arg}"
    if name in ("amplify_frontends", "amplify_providers", "amplify_categories", "amplify_commands"):
        assert ":returns:" in doc
    assert f"def {name}(" in doc
