"""``amplify merge-driver``: the git merge driver that merges ``team-provider-info.json`` by
environment (``install`` registers it in this clone; git runs ``merge``)."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import runtime
from ..output import new_app

app = new_app(
    "merge-driver",
    "The git merge driver for team-provider-info.json: environments merge by name.",
    group=True,
)


@app.command("install")
def install() -> None:
    """Register the driver: .gitattributes (commit it) and this clone's git config."""
    from ...errors import UsageError
    from ...state.merge_driver import configure_clone, ensure_gitattributes
    from ...state.paths import require_project_root

    ctx = runtime.context()
    root = require_project_root(ctx.cwd)
    changed = ensure_gitattributes(root)
    if not configure_clone(root):
        raise UsageError(
            f"{root} is not in a git work tree (or git is not installed); the driver lives in a clone's git config.",
            hint="Run it again after `git init` or in a clone.",
        )
    ctx.console.success(
        "The team-provider-info.json merge driver is registered in this clone."
        + (" Commit .gitattributes so that every clone uses it." if changed else "")
    )


@app.command("merge")
def merge(
    base: Path = typer.Argument(..., help="git's %O: the common ancestor's version."),
    ours: Path = typer.Argument(..., help="git's %A: this branch's version; receives the result."),
    theirs: Path = typer.Argument(..., help="git's %B: the other branch's version."),
    name: str = typer.Argument("amplify/team-provider-info.json", help="git's %P: the file's path."),
) -> None:
    """Run by git: merge environments by name; exit 1 (with conflict markers) only when both
    sides changed the same key of the same environment differently."""
    from ...state.merge_driver import run_driver

    raise typer.Exit(run_driver(base, ours, theirs, name))
