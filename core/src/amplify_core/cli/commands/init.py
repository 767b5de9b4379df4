"""``amplify init``."""

from __future__ import annotations

import typer

from ...params.headless import parse_headless
from ...workflows.init import run_init
from .. import runtime
from ..options import AMPLIFY, CATEGORIES, FRONTEND, JSON, PROVIDERS, YES
from ..output import json_document, new_app

app = new_app("init", "Initialize a new project, or a new environment of one.")


@app.command()
def init(
    amplify: str = AMPLIFY,
    frontend: str = FRONTEND,
    providers: str = PROVIDERS,
    categories: str = CATEGORIES,
    env_name: str = typer.Option(None, "--envName", hidden=True, help="Gen 1 spelling of --amplify.envName."),
    yes: bool = YES,
    as_json: bool = JSON,
) -> None:
    """Initialize a new project (or a new environment of this one) and its root stack.

    Headless: pass --amplify, --frontend and --providers as JSON, plus --yes.
    """
    ctx = runtime.context(yes=yes)
    with json_document(as_json, "init") as doc:
        headless = parse_headless(
            ctx.plugins, amplify=amplify, frontend=frontend, providers=providers, categories=categories
        )
        if env_name is not None:
            from ...workflows.naming import require_env_name

            headless.amplify = {**headless.amplify, "envName": require_env_name(env_name)}
        run_init(ctx, headless)
        if as_json:
            from ...workflows.results import init_document

            doc.data = init_document(ctx.project)
