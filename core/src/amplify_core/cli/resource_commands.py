"""The ``update``, ``configure`` and ``remove`` commands every resource category has.

``amplify <category> update [name] [--params] [--yes]``, its hidden twin ``configure`` (where the
core's verb table sends ``amplify update <category>``) and ``amplify <category> remove [name]
[--yes]`` are the same in each category but for their help texts and the flows they run. A
category plugin declares them here in one call; its ``add``, whose flags differ per category,
stays its own. The flows module is imported only when a command runs, so ``--help`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import typer

from ..params.source import load_object_param
from .options import YES
from .runtime import context

PARAMS = typer.Option(None, "--params", help="All values as JSON (inline, @file.json or -); flags win.")


def params_object(raw: str | None) -> dict[str, Any]:
    """``--params`` as a JSON object (``{}`` when not given); anything else is exit 2."""
    return load_object_param("--params", raw) or {}


def add_resource_commands(
    app: typer.Typer, *, flows: str, resource: str, update_help: str, remove_help: str
) -> None:
    """Add ``update``, ``configure`` and ``remove`` to a category's ``app``.

    :param flows: the module whose ``run_update(ctx, name, params)`` and ``run_remove(ctx, name)``
        do the work, e.g. ``f"{__package__}.flows"``.
    :param resource: what the name argument names, for its help: ``"The API"``.
    """
    name_help = f"{resource} (asked when omitted)."

    def _update(name: str | None, params: str | None, yes: bool) -> None:
        import_module(flows).run_update(context(yes=yes), name, params_object(params))

    def update(
        name: str | None = typer.Argument(None, help=name_help),
        params: str | None = PARAMS,
        yes: bool = YES,
    ) -> None:
        _update(name, params, yes)

    def configure(
        name: str | None = typer.Argument(None),
        params: str | None = PARAMS,
        yes: bool = YES,
    ) -> None:
        _update(name, params, yes)

    def remove(name: str | None = typer.Argument(None, help=name_help), yes: bool = YES) -> None:
        import_module(flows).run_remove(context(yes=yes), name)

    app.command("update", help=update_help)(update)
    app.command(
        "configure", hidden=True, help=f"The same as update (`amplify update {app.info.name}` arrives here)."
    )(configure)
    app.command("remove", help=remove_help)(remove)
