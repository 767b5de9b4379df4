"""The public plugin API module: every name it lists resolves, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys

import amplify_core.plugin as api


def test_every_public_name_resolves():
    missing = [name for name in api.__all__ if getattr(api, name, None) is None]
    assert missing == []


def test_unknown_name_is_an_attribute_error():
    try:
        api.NoSuchThing  # noqa: B018
    except AttributeError as error:
        assert "NoSuchThing" in str(error)
    else:
        raise AssertionError("an unknown name resolved")


def test_registration_imports_stay_cheap():
    code = (
        "import sys; from amplify_core.plugin import hookimpl, CategoryInfo; "
        "print(sorted(m for m in ('pydantic', 'typer', 'boto3', 'InquirerPy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
