"""``amplify storage add | update | remove`` (also ``amplify add|update|remove storage``).

``--params`` takes the values as JSON (inline, ``@file`` or ``-``), validated against
``amplify schema categories.storage.add`` / ``.update``; ``--yes`` takes defaults. Without a
terminal nothing prompts: a missing value is an error (exit 2), nothing written.
"""

from __future__ import annotations

import typer
from amplify_core.plugin import PARAMS, YES, add_resource_commands, command_context, new_app, params_object

app = new_app("storage", "Content buckets on Amazon S3 and NoSQL tables on DynamoDB.", group=True)


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

    given = params_object(params)
    if service is not None:
        given["service"] = {"s3": "S3", "dynamodb": "DynamoDB"}.get(service.lower(), service)
    if name is not None:
        given["resourceName"] = name
    run_add(command_context(yes=yes), given)


add_resource_commands(
    app,
    flows=f"{__package__}.flows",
    resource="The resource",
    update_help="Change a bucket's access (users, guests, groups) or a table's indexes.",
    remove_help="Remove a resource. The next `amplify push` deletes it (a bucket: with its files).",
)
