"""A fresh plugin set per test (what ``amplify`` sees through ``runtime.use_plugins``) and the
context a command would get."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..cli import runtime
from ..context import AmplifyContext
from ..plugins.loader import new_plugin_manager
from ..plugins.registry import PluginSet
from ..prompts.prompter import ScriptedPrompter


def new_plugin_set() -> PluginSet:
    """A plugin set with the hookspecs and the core's reserved command names, and no plugin."""
    return PluginSet(new_plugin_manager(), reserved_commands=frozenset(runtime.CORE_COMMANDS))


@pytest.fixture
def plugin_set() -> Iterator[PluginSet]:
    plugins = new_plugin_set()
    runtime.use_plugins(plugins)
    try:
        yield plugins
    finally:
        runtime.use_plugins(None)


@pytest.fixture
def plugin_manager(plugin_set: PluginSet) -> Any:
    return plugin_set.pm


@pytest.fixture
def amplify_context(plugin_set: PluginSet, tmp_path: Path) -> AmplifyContext:
    return AmplifyContext(plugins=plugin_set, prompter=ScriptedPrompter({}), cwd=tmp_path)
