"""``amplify function add | update | remove | build | mock`` (also ``amplify add|update|remove
function`` and ``amplify mock function``).

``--params`` takes the values as JSON (inline, ``@file`` or ``-``), validated against ``amplify
schema categories.function.add`` / ``.update``; ``--yes`` takes defaults. Without a terminal
nothing prompts: a missing value is an error (exit 2), nothing written.
"""

from __future__ import annotations

import typer
from amplify_core.plugin import YES, command_context, load_object_param, new_app

app = new_app("function", "Lambda functions: add, update, remove, build, run locally.", group=True)

PARAMS = typer.Option(None, "--params", help="All values as JSON (inline, @file.json or -); flags win.")


def _params(value: str | None) -> dict:
    return load_object_param("--params", value) or {}


@app.command()
def add(
    name: str | None = typer.Option(None, "--name", help="The function's name."),
    runtime: str | None = typer.Option(
        None, "--runtime", help="nodejs22.x, nodejs24.x, python3.13 or python3.12."
    ),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """Add a Lambda function (deployed by the next `amplify push`)."""
    from .flows import run_add

    given = _params(params)
    if name is not None:
        given["functionName"] = name
    if runtime is not None:
        given["runtime"] = runtime
    run_add(command_context(yes=yes), given)


def _update(name: str | None, params: str | None, yes: bool) -> None:
    from .flows import run_update

    run_update(command_context(yes=yes), name, _params(params))


@app.command()
def update(
    name: str | None = typer.Argument(None, help="The function (asked when omitted)."),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """Change a function's runtime, access to other resources, schedule, environment variables or timeout."""
    _update(name, params, yes)


@app.command(hidden=True)
def configure(
    name: str | None = typer.Argument(None),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """The same as update (`amplify update function` arrives here)."""
    _update(name, params, yes)


@app.command()
def remove(
    name: str | None = typer.Argument(None, help="The function (asked when omitted)."),
    yes: bool = YES,
) -> None:
    """Remove a function. The next `amplify push` deletes it in the cloud."""
    from .flows import run_remove

    run_remove(command_context(yes=yes), name)


@app.command()
def build(name: str | None = typer.Argument(None, help="One function (default: all).")) -> None:
    """Install dependencies and zip the functions, as push does, without deploying."""
    from .flows import run_build

    run_build(command_context(), name)


@app.command()
def mock(
    name: str = typer.Argument(..., help="The function to run."),
    event: str | None = typer.Option(None, "--event", help="The event JSON file (default: src/event.json)."),
    timeout: float | None = typer.Option(
        None, "--timeout", help="Seconds before the run is stopped (default: the function's timeout)."
    ),
) -> None:
    """Run the handler here with the local runtime; prints its log and result (exit 1 if it throws)."""
    from .mock import run_mock

    run_mock(command_context(), name, event, timeout)
