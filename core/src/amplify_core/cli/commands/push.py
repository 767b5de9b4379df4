"""``amplify push [--yes] [--codegen JSON] [--force-unlock]``."""

from __future__ import annotations

import typer

from .. import runtime
from ..options import CODEGEN, YES
from ..output import new_app

app = new_app("push", "Deploy local backend changes to the cloud.")

FORCE_UNLOCK = typer.Option(
    False,
    "--force-unlock",
    help=(
        "Break the environment's deployment lock before pushing. Use only when the push "
        "named in the 'locked by' message is no longer running (it was killed, or its machine "
        "went away); breaking a live push's lock lets two deployments collide."
    ),
)


@app.command()
def push(yes: bool = YES, codegen: str = CODEGEN, force_unlock: bool = FORCE_UNLOCK) -> None:
    """Deploy local backend changes: show the plan, confirm, update the root stack.

    Compares amplify/backend with the last successful push; with nothing changed it prints
    "No changes detected" and makes no AWS call. One nested stack per resource. On failure the
    failing resource and CloudFormation's reason are printed, local files are left as they
    were, and the exit code is 1.

    Only one push per environment runs at a time: a lock in the deployment bucket records who
    holds it (user, host, pid, start time). If a push was killed and its lock remains, rerun
    with --force-unlock.
    """
    from ...params.headless import parse_headless
    from ...workflows.push import push_backend

    ctx = runtime.context(yes=yes)
    headless = parse_headless(ctx.plugins, codegen=codegen)
    push_backend(ctx, command="push", codegen=headless.codegen, force_unlock=force_unlock)
