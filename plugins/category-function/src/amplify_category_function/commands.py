"""``amplify function add | update | remove | build | mock`` (also ``amplify add|update|remove
function`` and ``amplify mock function``).

``--params`` takes the values as JSON (inline, ``@file`` or ``-``), validated against ``amplify
schema categories.function.add`` / ``.update``; ``--yes`` takes defaults. Without a terminal
nothing prompts: a missing value is an error (exit 2), nothing written.
"""

from __future__ import annotations

import typer
from amplify_core.plugin import PARAMS, YES, add_resource_commands, command_context, new_app, params_object

app = new_app("function", "Lambda functions: add, update, remove, build, run locally.", group=True)


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

    given = params_object(params)
    if name is not None:
        given["functionName"] = name
    if runtime is not None:
        given["runtime"] = runtime
    run_add(command_context(yes=yes), given)


add_resource_commands(
    app,
    flows=f"{__package__}.flows",
    resource="The function",
    update_help="Change a function's runtime, access to other resources, schedule, environment variables or timeout.",
    remove_help="Remove a function. The next `amplify push` deletes it in the cloud.",
)


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
