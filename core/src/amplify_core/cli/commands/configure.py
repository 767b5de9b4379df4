"""``amplify configure project``."""

from __future__ import annotations

from .. import runtime
from ..options import AMPLIFY, FRONTEND, PROVIDERS, YES
from ..output import new_app

app = new_app("configure", "Change the project's name, editor, frontend or AWS profile.", group=True)


@app.command("project")
def project(
    amplify: str = AMPLIFY,
    frontend: str = FRONTEND,
    providers: str = PROVIDERS,
    yes: bool = YES,
) -> None:
    """Change the project's name, editor, frontend settings or AWS access.

    Headless: pass any of --amplify {projectName, defaultEditor}, --frontend, --providers.
    """
    from ...params.headless import parse_headless
    from ...workflows.configure import run_configure_project

    ctx = runtime.context(yes=yes)
    headless = parse_headless(ctx.plugins, amplify=amplify, frontend=frontend, providers=providers)
    run_configure_project(ctx, headless)
