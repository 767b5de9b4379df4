"""``amplify awscloudformation …`` (alias ``amplify aws …``): the provider's own commands."""

from __future__ import annotations

from amplify_core.plugin import command_context, new_app

app = new_app("awscloudformation", "Provider commands for AWS CloudFormation.", group=True)


@app.command("reset-cache")
def reset_cache() -> None:
    """Forget the cached assume-role credentials of this project."""
    from .cache_reset import reset_project_cache

    ctx = command_context()
    ctx.console.print(reset_project_cache(ctx.project))


@app.command("resetCache", hidden=True)
def reset_cache_alias() -> None:
    """Gen 1 spelling of reset-cache."""
    reset_cache()
