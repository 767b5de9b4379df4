"""Helpers every command shares: JSON to stdout and the standard typer app settings."""

from __future__ import annotations

import json
from typing import Any

import typer


def new_app(name: str, help: str, *, group: bool = False) -> typer.Typer:
    """A typer app with plain help (no rich) so help renders fast and reads well in CI logs."""
    app = typer.Typer(
        name=name,
        help=help,
        rich_markup_mode=None,
        add_completion=False,
        no_args_is_help=group,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    if group:
        # A callback makes typer build a group even while the app has a single subcommand.
        app.callback()(_group_callback)
    return app


def _group_callback() -> None:
    """Subcommands follow."""


def print_json(data: Any) -> None:
    """Machine-readable output: 2-space JSON, stable key order as given."""
    typer.echo(json.dumps(data, indent=2))
