"""``amplify push [--yes] [--codegen JSON] [--force-unlock]``."""

from __future__ import annotations

import typer

from .. import runtime
from ..options import CODEGEN, FORCE_UNLOCK, JSON, YES
from ..output import json_document, new_app

app = new_app("push", "Deploy local backend changes to the cloud.")

FORCE = typer.Option(
    False,
    "--force",
    help=(
        "Recreate the environment's root stack in place if it is gone (deleted outside amplify, "
        "or a sandbox that started empty) and redeploy every resource, changed or not."
    ),
)


@app.command()
def push(
    yes: bool = YES,
    codegen: str = CODEGEN,
    force_unlock: bool = FORCE_UNLOCK,
    force: bool = FORCE,
    as_json: bool = JSON,
) -> None:
    """Deploy local backend changes: show the plan, confirm, update the root stack.

    Compares amplify/backend with the last successful push; with nothing changed it prints
    "No changes detected" and makes no AWS call. One nested stack per resource. On failure the
    failing resource and CloudFormation's reason are printed, local files are left as they
    were, and the exit code is 1.

    Only one push per environment runs at a time: a lock in the deployment bucket records who
    holds it (user, host, pid, start time). If a push was killed and its lock remains, rerun
    with --force-unlock (a lock left by a dead process of this machine and user is broken
    with a warning).

    If the environment's root stack is gone, push says so; "amplify push --force" creates it
    again under the same name and bucket and redeploys every resource.
    """
    from ...params.headless import parse_headless
    from ...workflows.push import push_backend

    ctx = runtime.context(yes=yes)
    with json_document(as_json, "push") as doc:
        headless = parse_headless(ctx.plugins, codegen=codegen)
        outcome = push_backend(
            ctx, command="push", codegen=headless.codegen, force_unlock=force_unlock, force=force
        )
        if as_json:
            from ...workflows.results import push_document

            doc.data = push_document(ctx.project, outcome)
