"""``amplify status [-v] [category …]``."""

from __future__ import annotations

import typer

from .. import runtime
from ..options import JSON
from ..output import json_document, new_app

app = new_app("status", "Show what a push would change (no network).")


@app.command()
def status(
    categories: list[str] | None = typer.Argument(None, help="Only these categories (e.g. hosting)."),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Show each changed resource's template diff."
    ),
    as_json: bool = JSON,
) -> None:
    """Show each resource and what the next push will do to it: Create, Update, Delete or No Change.

    Compares amplify/backend with what the last successful push deployed. Makes no network call.
    """
    from ...workflows.status import run_status

    ctx = runtime.context()
    with json_document(as_json, "status") as doc:
        status = run_status(ctx, categories or (), verbose, show=not as_json)
        if as_json:
            from ...workflows.results import status_document

            doc.data = status_document(status, status.filtered(categories or ()))
