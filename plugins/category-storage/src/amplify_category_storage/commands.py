"""``amplify storage add | update | remove`` (also ``amplify add|update|remove storage``).

``--params`` takes the values as JSON (inline, ``@file`` or ``-``), validated against
``amplify schema categories.storage.add`` / ``.update``; ``--yes`` takes defaults. Without a
terminal nothing prompts: a missing value is an error (exit 2), nothing written.
"""

from __future__ import annotations

import typer
from amplify_core.plugin import YES, command_context, load_object_param, new_app

app = new_app("storage", "Content buckets on Amazon S3 and NoSQL tables on DynamoDB.", group=True)

PARAMS = typer.Option(None, "--params", help="All values as JSON (inline, @file.json or -); flags win.")


def _params(value: str | None) -> dict:
    return load_object_param("--params", value) or {}


@app.command()
def add(
    service: str | None = typer.Option(
        None, "--service", help="S3 (content bucket) or DynamoDB (NoSQL table)."
    ),
    name: str | None = typer.Option(None, "--name", help="The resource's name."),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """Add a content bucket or a NoSQL table (deployed by the next `amplify push`)."""
    from .flows import run_add

    given = _params(params)
    if service is not None:
        given["service"] = {"s3": "S3", "dynamodb": "DynamoDB"}.get(service.lower(), service)
    if name is not None:
        given["resourceName"] = name
    run_add(command_context(yes=yes), given)


def _update(name: str | None, params: str | None, yes: bool) -> None:
    from .flows import run_update

    run_update(command_context(yes=yes), name, _params(params))


@app.command()
def update(
    name: str | None = typer.Argument(None, help="The resource (asked when omitted)."),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """Change a bucket's access (users, guests, groups) or a table's indexes."""
    _update(name, params, yes)


@app.command(hidden=True)
def configure(
    name: str | None = typer.Argument(None),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """The same as update (`amplify update storage` arrives here)."""
    _update(name, params, yes)


@app.command()
def remove(
    name: str | None = typer.Argument(None, help="The resource (asked when omitted)."),
    yes: bool = YES,
) -> None:
    """Remove a resource. The next `amplify push` deletes it (a bucket: with its files)."""
    from .flows import run_remove

    run_remove(command_context(yes=yes), name)
