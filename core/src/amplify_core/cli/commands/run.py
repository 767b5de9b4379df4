"""``amplify run``: push, then the frontend's start command."""

from __future__ import annotations

from .. import runtime
from ..options import YES
from ..output import new_app
from .push import FORCE_UNLOCK

app = new_app("run", "Push, then run the frontend's start command.")


@app.command()
def run(yes: bool = YES, force_unlock: bool = FORCE_UNLOCK) -> None:
    """Deploy backend changes (as "amplify push"), then start the app with the frontend's
    start command (e.g. "npm start" for javascript)."""
    from ...workflows.push import push_backend

    ctx = runtime.context(yes=yes)
    project = ctx.project
    push_backend(ctx, command="run", force_unlock=force_unlock)
    config = project.project_config()
    ctx.frontend(config.frontend).start(project.root, config.frontend_settings())
