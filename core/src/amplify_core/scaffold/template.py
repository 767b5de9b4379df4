"""Find the plugin template and render it into ``{relative path: text}`` (no disk writes).

The template is ``examples/plugin-template/`` in the repository. A wheel of the core ships a
copy as ``amplify_core/scaffold/template/`` (see ``core/hatch_build.py``); an editable install
reads the repository folder directly. ``AMPLIFY_PLUGIN_TEMPLATE`` or ``--template`` point at
another copy, for teams that keep their own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .render import DIRECTIVE, Selection, TemplateError, render_text, substitute

MANIFEST = "template.toml"
ENV_VAR = "AMPLIFY_PLUGIN_TEMPLATE"


def template_dir(override: str | Path | None = None) -> Path:
    """The template to use: ``override``, ``$AMPLIFY_PLUGIN_TEMPLATE``, the packaged copy, the repo's."""
    chosen = override or os.environ.get(ENV_VAR)
    if chosen:
        path = Path(chosen).expanduser()
        if not (path / MANIFEST).is_file():
            raise TemplateError(f"{path} is not a plugin template (no {MANIFEST})")
        return path
    here = Path(__file__).resolve().parent
    for candidate in (here / "template", here.parents[3] / "examples" / "plugin-template"):
        if (candidate / MANIFEST).is_file():
            return candidate
    raise TemplateError(
        "The plugin template is missing from this installation of amplify-cli-core.",
        hint=f"Point {ENV_VAR} (or --template) at a copy of examples/plugin-template.",
    )


@dataclass(frozen=True)
class Manifest:
    root: str
    placeholders: dict[str, str]
    only: dict[str, str]


def load_manifest(folder: Path) -> Manifest:
    import tomllib

    try:
        data = tomllib.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(f"{folder / MANIFEST}: {exc}") from None
    return Manifest(
        root=str(data.get("root", "")),
        placeholders=dict(data.get("placeholders", {})),
        only=dict(data.get("only", {})),
    )


def _included(condition: str, selection: Selection, where: str) -> bool:
    match = DIRECTIVE.match(f"# [[if {condition}]]")
    if match is None:
        raise TemplateError(f"{where}: bad condition {condition!r}")
    values = [v.strip() for v in match.group("values").split(",") if v.strip()]
    return selection.holds(match.group("key"), match.group("op"), values, where)


def render_template(folder: Path, variables: Mapping[str, str], selection: Selection) -> dict[str, str]:
    """Every file the plugin gets, keyed by its rendered path relative to the new folder."""
    manifest = load_manifest(folder)
    undeclared = sorted(set(variables) ^ set(manifest.placeholders))
    if undeclared:
        raise TemplateError(
            f"{folder / MANIFEST}: placeholders and variables differ: {', '.join(undeclared)}"
        )
    root = folder / manifest.root
    if not root.is_dir():
        raise TemplateError(f"{folder}: the template root {manifest.root!r} is missing")
    files: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
            continue
        relative = path.relative_to(folder).as_posix()
        condition = manifest.only.get(relative)
        if condition and not _included(condition, selection, f"{MANIFEST} [only] {relative}"):
            continue
        text = render_text(path.read_text(encoding="utf-8"), variables, selection, relative)
        target = substitute(path.relative_to(root).as_posix(), variables, relative)
        files[target] = text
    return files
