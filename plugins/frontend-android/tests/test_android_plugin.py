"""Registration: the entry point, the descriptor, and a start-up that imports nothing heavy."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

from amplify_core.descriptors import FrontendInfo
from amplify_core.interfaces import Frontend
from amplify_core.lazy import resolve
from amplify_frontend_android import plugin
from pydantic import BaseModel


def test_entry_point_names_the_plugin_module():
    [ep] = [ep for ep in entry_points(group="amplify.frontends") if ep.name == "android"]
    assert ep.value == "amplify_frontend_android.plugin"


def test_descriptor_points_at_the_frontend_and_its_params():
    [info] = plugin.amplify_frontends()
    assert isinstance(info, FrontendInfo) and info.name == "android"
    assert issubclass(resolve(info.factory), Frontend)
    assert issubclass(resolve(info.params), BaseModel)


def test_loading_the_plugin_imports_neither_pydantic_nor_the_implementation():
    code = (
        "import sys, amplify_frontend_android.plugin as p; p.amplify_frontends(); "
        "heavy = [m for m in sys.modules if m.startswith('pydantic') "
        "or m in ('amplify_frontend_android.frontend', 'amplify_frontend_android.params')]; "
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
