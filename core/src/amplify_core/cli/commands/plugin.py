"""``amplify plugin``: what is installed and in what state."""

from __future__ import annotations

import typer

from ... import API_VERSION, __version__
from ...console import Console
from .. import runtime
from ..output import new_app, print_json

app = new_app("plugin", "List, verify, scaffold and pin plugins.", group=True)


@app.command("list")
def list_plugins(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON document (stable for CI logs)."),
) -> None:
    """Show every discovered plugin with its kind, distribution, version and status."""
    plugins = runtime.plugins()
    records = sorted(plugins.records, key=lambda r: (r.kind, r.name, r.distribution))
    if as_json:
        print_json(
            {
                "core": {"distribution": "amplify-cli-core", "version": __version__, "apiVersion": API_VERSION},
                "plugins": [r.as_json() for r in records],
            }
        )
        return
    rows = [
        (r.name, r.kind, r.distribution, r.version, r.status.value + (f": {r.reason}" if r.reason else ""))
        for r in records
    ]
    Console().table(("Name", "Kind", "Distribution", "Version", "Status"), rows)
