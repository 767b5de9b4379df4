"""``amplify pull``: attach this folder to an existing environment."""

from __future__ import annotations

import typer

from .. import runtime
from ..options import AMPLIFY, FRONTEND, PROVIDERS, YES
from ..output import new_app

app = new_app("pull", "Attach this folder to an environment in the cloud, or refresh it from there.")


@app.command()
def pull(
    amplify: str = AMPLIFY,
    frontend: str = FRONTEND,
    providers: str = PROVIDERS,
    restore: bool = typer.Option(
        False, "--restore", help="Overwrite the local backend/ with the environment's deployed state."
    ),
    env_name: str = typer.Option(None, "--envName", hidden=True, help="Gen 1 spelling of --amplify.envName."),
    app_id: str = typer.Option(None, "--appId", hidden=True, help="Gen 1's Amplify app id (not used here)."),
    yes: bool = YES,
) -> None:
    """Attach to an environment: in a new folder, write the project's files from the cloud; in
    a project, refresh the environment (or switch to --amplify.envName).

    Headless: amplify pull --amplify '{"projectName": "myapp", "envName": "dev"}' --yes
    (with --providers and --frontend JSON as for init).
    """
    from ...errors import UsageError
    from ...params.headless import parse_headless
    from ...workflows.naming import require_env_name
    from ...workflows.pull import run_pull, success_line

    if app_id is not None:
        raise UsageError(
            "--appId: this CLI does not use Amplify app ids; environments are found by their root stacks.",
            hint='Name the project instead: --amplify \'{"projectName": "<project>", "envName": "<env>"}\'',
        )
    ctx = runtime.context(yes=yes)
    headless = parse_headless(ctx.plugins, amplify=amplify, frontend=frontend, providers=providers)
    if env_name is not None:
        headless.amplify = {**headless.amplify, "envName": require_env_name(env_name)}
    pulled = run_pull(ctx, headless, restore=restore)
    ctx.console.success(success_line(pulled))
