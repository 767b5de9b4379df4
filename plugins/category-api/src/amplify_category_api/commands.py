"""``amplify api add | update | remove`` (also ``amplify add|update|remove api``).

``--params`` takes the values as JSON (inline, ``@file`` or ``-``), validated against
``amplify schema categories.api.add`` / ``.update``; ``--yes`` takes defaults. Without a
terminal nothing prompts: a missing value is an error (exit 2), nothing written.
"""

from __future__ import annotations

import typer
from amplify_core.plugin import PARAMS, YES, add_resource_commands, command_context, new_app, params_object

app = new_app("api", "REST APIs on Amazon API Gateway, backed by Lambda functions.", group=True)


@app.command()
def add(
    name: str | None = typer.Option(None, "--name", help="The API's resource name."),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """Add a REST API whose paths call Lambda functions (deployed by the next `amplify push`)."""
    from .flows import run_add

    given = params_object(params)
    if name is not None:
        given["resourceName"] = name
    run_add(command_context(yes=yes), given)


add_resource_commands(
    app,
    flows=f"{__package__}.flows",
    resource="The API",
    update_help="Add, change or remove paths of a REST API, or who may call them.",
    remove_help="Remove an API. The next `amplify push` deletes it.",
)
