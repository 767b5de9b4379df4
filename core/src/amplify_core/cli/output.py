"""Helpers every command shares: JSON to stdout (``--json``) and the standard typer app settings."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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


class JsonDocument:
    """What a ``--json`` command will print: set :attr:`data` before the command ends."""

    def __init__(self) -> None:
        self.data: dict[str, Any] | None = None


@contextmanager
def json_document(enabled: bool, command: str) -> Iterator[JsonDocument]:
    """``--json``: exactly one JSON document on stdout, everything else on stderr.

    While the command runs, file descriptor 1 points at stderr — so messages, progress and
    the output of child processes (a frontend build) cannot end up in the document — and
    afterwards the document is written to the real stdout. A failure still prints one
    document, ``{"command", "success": false, "error": {"message", "hint", "exitCode"}}``,
    and the error is raised on for the usual message on stderr and exit code.
    """
    doc = JsonDocument()
    if not enabled:
        yield doc
        return
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        yield doc
    except BaseException as exc:
        doc.data = {"command": command, "success": False, "error": _error_fields(exc)}
        raise
    else:
        doc.data = {"command": command, "success": True, **(doc.data or {})}
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
        if doc.data is not None:
            print_json(doc.data)


def _error_fields(exc: BaseException) -> dict[str, Any]:
    from ..errors import AmplifyError
    from ..redact import redact_text

    if isinstance(exc, AmplifyError):
        return {"message": redact_text(exc.message), "hint": exc.hint, "exitCode": exc.exit_code}
    if isinstance(exc, KeyboardInterrupt):
        return {"message": "Interrupted.", "hint": None, "exitCode": 130}
    if isinstance(exc, typer.Exit):
        return {"message": "", "hint": None, "exitCode": exc.exit_code}
    if isinstance(exc, typer.TyperException):
        return {"message": exc.format_message(), "hint": None, "exitCode": exc.exit_code}
    return {"message": redact_text(f"{type(exc).__name__}: {exc}"), "hint": None, "exitCode": 1}
