"""``amplify env``: add, list, get, checkout, pull, remove, import.

``env list`` and ``env get`` read local files only and import neither the provider nor the
AWS SDK, so they answer in well under a second.
"""

from __future__ import annotations

from pathlib import Path

import typer

from .. import runtime
from ..options import AMPLIFY, CATEGORIES, FRONTEND, PROVIDERS, YES
from ..output import new_app, print_json

app = new_app("env", "Manage environments: add, list, get, checkout, pull, remove, import.", group=True)

RESTORE = typer.Option(
    False, "--restore", help="Also overwrite the local backend/ with the environment's deployed state."
)
ENV_NAME = typer.Option(None, "--envName", hidden=True, help="Gen 1 spelling of the environment name.")


@app.command("add")
def add(
    name: str = typer.Argument(None, help="The new environment's name (2-10 lowercase letters)."),
    amplify: str = AMPLIFY,
    frontend: str = FRONTEND,
    providers: str = PROVIDERS,
    categories: str = CATEGORIES,
    env_name: str = ENV_NAME,
    yes: bool = YES,
) -> None:
    """Add an environment with its own root stack.

    Headless: amplify env add prod --providers '{"awscloudformation": {…}}' --yes
    """
    from ...params.headless import parse_headless
    from ...workflows.init import init_existing_project

    ctx = runtime.context(yes=yes)
    headless = parse_headless(
        ctx.plugins, amplify=amplify, frontend=frontend, providers=providers, categories=categories
    )
    # A fresh clone (team-provider-info.json, no local environment) may add one too: the
    # flow then asks what init would ask (editor, AWS access) besides the name.
    init_existing_project(ctx, ctx.project, headless, command="env add", env_name=name or env_name)


@app.command("list")
def list_envs(
    details: bool = typer.Option(False, "--details", help="Show each environment's stack details."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the environments (the current one marked *)."""
    from ...state.jsonfile import read_json
    from ...workflows.env_list import details_text, env_names, list_table, local_only_names, locate

    paths, current = locate(Path.cwd())
    names = env_names(paths)
    local_only = local_only_names(paths)
    if details:
        tpi = read_json(paths.team_provider_info, default={}) or {}
        if as_json:
            print_json(tpi)
        else:
            typer.echo(details_text(tpi, names, current))
        return
    if as_json:
        # Gen 1's shape; environments known to this clone only are added when there are any.
        print_json({"envs": names} | ({"localOnly": local_only} if local_only else {}))
    else:
        typer.echo(list_table(names, current, local_only))


@app.command("ls", hidden=True)
def ls(
    details: bool = typer.Option(False, "--details"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Alias of list."""
    list_envs(details=details, as_json=as_json)


@app.command("get")
def get(
    name: str = typer.Option(None, "--name", help="The environment."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show an environment's stack details (team-provider-info.json)."""
    from ...workflows.env_list import env_text, get_env, locate

    paths, _ = locate(Path.cwd())
    env = get_env(paths, name)
    if as_json:
        print_json(env)
    else:
        typer.echo(env_text(env))


@app.command("checkout")
def checkout(
    name: str = typer.Argument(None, help="The environment to switch to."),
    restore: bool = RESTORE,
    providers: str = PROVIDERS,
    yes: bool = YES,
) -> None:
    """Switch to an environment (fetches its deployed state)."""
    from ...errors import UsageError
    from ...workflows.env_cloud import pull_env
    from ...workflows.init import ENV_SUCCESS

    ctx = runtime.context(yes=yes)
    project = ctx.project
    if not name:
        raise UsageError("Environment name was not specified.", hint="Usage: amplify env checkout <env>")
    if name not in project.team_provider_info():
        from ...workflows.env_list import unknown_env

        raise unknown_env(name, project.paths, action="check it out")
    pull_env(ctx, project, name, params=_provider_block(ctx, providers), restore=restore)
    ctx.console.success(ENV_SUCCESS)


@app.command("pull")
def pull(
    restore: bool = RESTORE,
    providers: str = PROVIDERS,
    yes: bool = YES,
) -> None:
    """Fetch the current environment's deployed state from the cloud."""
    from ...workflows.env_cloud import pull_env

    ctx = runtime.context(yes=yes)
    project = ctx.project
    env_name = project.env_name
    pull_env(ctx, project, env_name, params=_provider_block(ctx, providers), restore=restore)
    ctx.console.success(f"Successfully pulled backend environment {env_name} from the cloud.")


@app.command("remove")
def remove(
    name: str = typer.Argument(None, help="The environment to delete (not the current one)."),
    providers: str = PROVIDERS,
    yes: bool = YES,
    force: bool = typer.Option(False, "--force", hidden=True, help="Gen 1 spelling of --yes."),
) -> None:
    """Delete an environment: its stack, its buckets, its entries."""
    from ...workflows.env_remove import run_env_remove

    ctx = runtime.context(yes=yes or force)
    run_env_remove(ctx, name, _provider_block(ctx, providers))


@app.command("import")
def import_env(
    name: str = typer.Option(None, "--name", help="Name for the environment in this project."),
    config: str = typer.Option(
        None,
        "--config",
        help='{"awscloudformation": {Region, DeploymentBucketName, …}} (inline, @file.json or -).',
    ),
    aws_info: str = typer.Option(
        None, "--awsInfo", help="How this clone reaches it: a local-aws-info entry (inline, @file.json or -)."
    ),
    yes: bool = YES,
) -> None:
    """Add an environment created elsewhere (no cloud calls)."""
    from ...workflows.env_import import run_env_import

    ctx = runtime.context(yes=yes)
    run_env_import(ctx, name=name, config=config, aws_info=aws_info)


def _provider_block(ctx, providers: str | None) -> dict | None:
    """The validated ``--providers`` block of the project's provider, or ``None``."""
    if providers is None:
        return None
    from ...params.headless import parse_headless

    blocks = parse_headless(ctx.plugins, providers=providers).providers or {}
    if len(blocks) != 1:
        from ...errors import UsageError

        raise UsageError("--providers: give exactly one provider block.")
    return next(iter(blocks.values()))
