"""``amplify auth add | update | remove`` (also ``amplify add|update|remove auth``).

``--params`` takes Gen 1's headless JSON (inline, ``@file.json`` or ``-``), validated against
``amplify schema categories.auth.add`` / ``.update``; ``--headless`` reads it from standard
input, as ``amplify add auth --headless`` does in Gen 1. Without either, the questions are
asked (``--yes`` takes the defaults; without a terminal nothing prompts: exit 2).
"""

from __future__ import annotations

from typing import Any

import typer
from amplify_core.plugin import YES, UsageError, command_context, load_object_param, new_app

app = new_app("auth", "Cognito user pools, identity pools and user-pool groups.", group=True)

PARAMS = typer.Option(None, "--params", help="The request as JSON (inline, @file.json or -).")
HEADLESS = typer.Option(False, "--headless", help="Read the request as JSON from standard input (Gen 1).")


def _request(params: str | None, headless: bool) -> dict[str, Any] | None:
    if headless and params is not None:
        raise UsageError("Give either --params or --headless, not both.")
    return load_object_param("--params", "-" if headless else params)


@app.command()
def add(params: str | None = PARAMS, headless: bool = HEADLESS, yes: bool = YES) -> None:
    """Add a user pool (and identity pool, groups): writes amplify/backend/auth/<name>; push deploys it."""
    from .flows import run_add

    run_add(command_context(yes=yes), _request(params, headless))


@app.command()
def update(params: str | None = PARAMS, headless: bool = HEADLESS, yes: bool = YES) -> None:
    """Change MFA, verification, password policy, token period, identity pool or groups."""
    from .flows import run_update

    run_update(command_context(yes=yes), _request(params, headless))


# ``amplify update auth`` arrives as ``auth configure`` (the core's verb table).
app.command("configure", hidden=True)(update)


@app.command()
def remove(
    name: str = typer.Argument(None, help="The resource (default: the user pool)."), yes: bool = YES
) -> None:
    """Remove the user pool and its groups; the next `amplify push` deletes them in the cloud."""
    from .flows import run_remove

    run_remove(command_context(yes=yes), name)
