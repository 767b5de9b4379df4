"""The public plugin API module: every name it lists resolves, and importing it stays cheap."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import amplify_core.plugin as api
import pytest


def test_every_public_name_resolves():
    missing = [name for name in api.__all__ if getattr(api, name, None) is None]
    assert missing == []


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="NoSuchThing"):
        api.NoSuchThing  # noqa: B018


def test_type_checkers_see_the_same_names_as_run_time():
    """The TYPE_CHECKING block repeats the table for type checkers; the two must not drift."""
    tree = ast.parse(Path(api.__file__).read_text(encoding="utf-8"))
    block = next(
        node for node in tree.body if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
    )
    typed = {
        alias.asname or alias.name
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    typed |= {target.id for node in block.body if isinstance(node, ast.Assign) for target in node.targets}
    assert typed - {"_runtime"} == set(api._EXPORTS)


def test_registration_imports_stay_cheap():
    code = (
        "import sys; from amplify_core.plugin import hookimpl, CategoryInfo; "
        "print(sorted(m for m in ('pydantic', 'typer', 'boto3', 'InquirerPy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
