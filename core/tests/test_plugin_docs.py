"""docs/plugins.md's hook reference is generated from the hookspec docstrings and must match
them; the docstrings themselves follow the conventions plugin authors rely on."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import textwrap
from pathlib import Path

import pytest
from amplify_core.hookspecs import AmplifySpecs

ROOT = Path(__file__).resolve().parents[2]
SPECS = [(name, fn) for name, fn in vars(AmplifySpecs).items() if name.startswith("amplify_")]


def _generator():
    spec = importlib.util.spec_from_file_location("hook_reference", ROOT / "docs" / "hook_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_in_docs_matches_the_hookspecs():
    generator = _generator()
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert generator.current_section(text) is not None, "the hook reference markers are missing"
    assert generator.update(text) == text, "docs/plugins.md is out of date: run python docs/hook_reference.py"


def test_every_hook_has_a_section():
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name, fn in SPECS:
        args = [p for p in inspect.signature(fn).parameters if p != "self"]
        assert f"#### `{name}({', '.join(args)})`" in text


def test_drift_is_detected(monkeypatch):
    generator = _generator()
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    monkeypatch.setattr(AmplifySpecs.amplify_post_push, "__doc__", "Changed.\n\n:param context: x\n")
    assert generator.update(text) != text


@pytest.mark.parametrize(("name", "fn"), SPECS, ids=[name for name, _ in SPECS])
def test_docstring_documents_every_argument_and_has_a_matching_example(name, fn):
    doc = inspect.getdoc(fn) or ""
    args = [p for p in inspect.signature(fn).parameters if p != "self"]
    for arg in args:
        assert f":param {arg}:" in doc, f"{name}: document argument {arg!r}"
    assert ":param" not in doc or set(re.findall(r":param (\w+):", doc)) <= set(args)
    assert "**Example:**" in doc and "@hookimpl" in doc, f"{name}: add an **Example:** with @hookimpl"
    code = textwrap.dedent(doc.split(".. code-block:: python", 1)[1]).strip()
    example = next(node for node in ast.walk(ast.parse(code)) if isinstance(node, ast.FunctionDef))
    assert example.name == name
    assert [a.arg for a in example.args.args] == args, f"{name}: the example's arguments differ from the spec"
    assert not example.args.defaults, f"{name}: the example gives an argument a default"


def test_markdown_conversion():
    generator = _generator()
    md = generator.docstring_to_markdown(
        """Do it.

        :param context: the :class:`~amplify_core.context.AmplifyContext`; see ``x``.
        :param other: spans
            two lines.
        :returns: a list of :class:`amplify_core.descriptors.FrontendInfo`.

        **Example:**

        .. code-block:: python

            @hookimpl
            def f(context):
                pass
        """
    )
    assert "- `context`: the `AmplifyContext`; see `x`." in md
    assert "- `other`: spans two lines." in md
    assert "Returns a list of `amplify_core.descriptors.FrontendInfo`." in md
    assert "```python\n@hookimpl\ndef f(context):\n    pass\n```" in md
