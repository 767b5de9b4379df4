"""Plugins import the core only through ``amplify_core.plugin``: ruff's banned-api rule (TID251,
configured in the root ``pyproject.toml``) refuses anything else in plugin sources."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import amplify_core
import pytest
from amplify_core.scaffold.new import KINDS, PluginSpec, event_names

ROOT = Path(__file__).resolve().parents[2]
RUFF = str(Path(sys.executable).with_name("ruff"))
PUBLIC = {"plugin", "testing"}


def ruff(source: str, as_path: str) -> subprocess.CompletedProcess:
    """Lint ``source`` as if it were the file ``as_path`` of this repository."""
    return subprocess.run(
        [RUFF, "check", "--no-cache", "--select", "TID251", "--stdin-filename", as_path, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    "path",
    [
        "plugins/category-demo/src/amplify_category_demo/thing.py",
        "examples/plugins/frontend-demo/src/amplify_frontend_demo/frontend.py",
    ],
)
def test_a_private_core_import_in_plugin_code_fails_the_lint(path):
    bad = ruff("from amplify_core.errors import UsageError\n\nUsageError\n", path)
    assert bad.returncode == 1
    assert "TID251" in bad.stdout and "amplify_core.errors" in bad.stdout
    assert ruff("from amplify_core import hookimpl\n\nhookimpl\n", path).returncode == 1
    good = ruff("from amplify_core.plugin import UsageError, hookimpl\n\nUsageError, hookimpl\n", path)
    assert good.returncode == 0, good.stdout


def test_core_and_tests_may_use_any_module():
    source = "from amplify_core.errors import UsageError\n\nUsageError\n"
    assert ruff(source, "core/src/amplify_core/workflows/new.py").returncode == 0
    assert ruff(source, "plugins/category-demo/tests/test_x.py").returncode == 0


def test_every_private_core_module_is_banned():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    banned = set(config["tool"]["ruff"]["lint"]["flake8-tidy-imports"]["banned-api"])
    modules = {m.name for m in pkgutil.iter_modules(amplify_core.__path__)} - PUBLIC
    missing = sorted(f"amplify_core.{m}" for m in modules if f"amplify_core.{m}" not in banned)
    assert not missing, f"add to [tool.ruff.lint.flake8-tidy-imports.banned-api]: {missing}"


@pytest.mark.parametrize("kind", KINDS)
def test_the_scaffolded_plugin_imports_only_the_public_module(kind):
    spec = PluginSpec(name="demo", kind=kind, events=tuple(event_names()))
    sources = {
        path: text for path, text in spec.render().items() if path.startswith("src/") and path.endswith(".py")
    }
    assert sources
    for path, text in sources.items():
        result = ruff(text, f"examples/plugins/{spec.distribution}/{path}")
        assert result.returncode == 0, f"{path}: {result.stdout}"
