"""``amplify delete [--yes]``: delete every environment in the cloud and the local Amplify files."""

from __future__ import annotations

from .. import runtime
from ..options import PROVIDERS, YES
from ..output import new_app

app = new_app("delete", "Delete every environment in the cloud and the project's local Amplify files.")


@app.command()
def delete(providers: str = PROVIDERS, yes: bool = YES) -> None:
    """Delete the project: each environment's stacks and retained buckets, then amplify/ and
    the frontend's config files (aws-exports.js, amplifyconfiguration.json, …).

    Asks once for confirmation (--yes confirms). What is already gone is reported, not an
    error; a run that fails part way can be run again.
    """
    from ...workflows.delete import run_delete
    from .env import _provider_block

    ctx = runtime.context(yes=yes)
    run_delete(ctx, _provider_block(ctx, providers))
