"""``amplify publish [-c|--invalidateCloudFront] [--delete] [--dry-run] [--verify]
[--allow-missing-index] [--force-unlock] [--yes]``.

The command's flags; the publish itself is :mod:`amplify_core.workflows.publish`.
"""

from __future__ import annotations

import typer

from ...interfaces import PublishOptions
from ...workflows.publish import publish as run_publish
from .. import runtime
from ..options import FORCE_UNLOCK, JSON, YES
from ..output import json_document, new_app

app = new_app("publish", "Push, build the frontend and upload it to hosting.")


@app.command()
def publish(
    invalidate: bool = typer.Option(
        False,
        "--invalidateCloudFront",
        "-c",
        "--invalidate-cloudfront",
        "--invalidateCache",
        help="Invalidate the CloudFront cache for the changed files (or /* past a threshold); prints the id.",
    ),
    delete: bool = typer.Option(
        False, "--delete", help="Delete remote files that are no longer in the build."
    ),
    dry_run: bool = typer.Option(
        False,
        "--dry-run",
        help="Build, then show what would be uploaded and deleted; push and upload nothing.",
    ),
    verify: bool = typer.Option(
        False,
        "--verify",
        help="Compare with the files in the bucket, not with the record of the last publish.",
    ),
    allow_missing_index: bool = typer.Option(
        False,
        "--allow-missing-index",
        help="Publish even if the build has no index document (index.html); refused otherwise.",
    ),
    force_unlock: bool = FORCE_UNLOCK,
    yes: bool = YES,
    as_json: bool = JSON,
) -> None:
    """Deploy backend changes (as "amplify push"), build the frontend, and upload the build to
    hosting: only changed files, in parallel, HTML last, with the right Content-Type and
    Cache-Control.

    --json prints one document: the URL, the push, and per resource the files uploaded,
    unchanged and deleted and the CloudFront invalidation id."""
    ctx = runtime.context(yes=yes)
    options = PublishOptions(
        invalidate=invalidate,
        delete=delete,
        dry_run=dry_run,
        verify=verify,
        allow_missing_index=allow_missing_index,
    )
    with json_document(as_json, "publish") as doc:
        doc.data = run_publish(ctx, options, force_unlock=force_unlock)
