"""``amplify api add | update | remove`` (also ``amplify add|update|remove api``).

``--params`` takes the values as JSON (inline, ``@file`` or ``-``), validated against
``amplify schema categories.api.add`` / ``.update``; ``--yes`` takes defaults. Without a
terminal nothing prompts: a missing value is an error (exit 2), nothing written.
"""

from __future__ import annotations

import typer
from amplify_core.plugin import YES, command_context, load_object_param, new_app

app = new_app("api", "REST APIs on Amazon API Gateway, backed by Lambda functions.", group=True)

PARAMS = typer.Option(None, "--params", help="All values as JSON (inline, @file.json or -); flags win.")


def _params(value: str | None) -> dict:
    return load_object_param("--params", value) or {}


@app.command()
def add(
    name: str | None = typer.Option(None, "--name", help="The API's resource name."),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """Add a REST API whose paths call Lambda functions (deployed by the next `amplify push`)."""
    from .flows import run_add

    given = _params(params)
    if name is not None:
        given["resourceName"] = name
    run_add(command_context(yes=yes), given)


def _update(name: str | None, params: str | None, yes: bool) -> None:
    from .flows import run_update

    run_update(command_context(yes=yes), name, _params(params))


@app.command()
def update(
    name: str | None = typer.Argument(None, help="The API (asked when omitted)."),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """Add, change or remove paths of a REST API, or who may call them."""
    _update(name, params, yes)


@app.command(hidden=True)
def configure(
    name: str | None = typer.Argument(None),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """The same as update (`amplify update api` arrives here)."""
    _update(name, params, yes)


@app.command()
def remove(
    name: str | None = typer.Argument(None, help="The API (asked when omitted)."),
    yes: bool = YES,
) -> None:
    """Remove an API. The next `amplify push` deletes it."""
    from .flows import run_remove

    run_remove(command_context(yes=yes), name)
