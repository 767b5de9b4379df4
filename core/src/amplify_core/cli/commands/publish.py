"""``amplify publish [-c|--invalidateCloudFront] [--delete] [--dry-run] [--verify]
[--allow-missing-index] [--force-unlock] [--yes]``.

Push the backend if anything changed, build the frontend, then hand its distribution folder
to every category that publishes (``Category.publish`` — hosting). A failed push or build
stops before anything is uploaded (exit 1). ``--dry-run`` pushes nothing and uploads nothing:
it builds, then reports what a publish would upload and delete.

The push and the upload run under the environment's deployment lock (``Provider.deployment_lock``,
the one ``push`` takes), so two publishes, or a publish and a push, never interleave.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

import typer

from ...context import AmplifyContext, Outcome
from ...errors import OperationError
from ...interfaces import Category, PublishOptions
from ...workflows.frontend_config import check_frontend_paths
from .. import runtime
from ..options import FORCE_UNLOCK, JSON, YES
from ..output import json_document, new_app

app = new_app("publish", "Push, build the frontend and upload it to hosting.")

NO_HOSTING = "Add hosting to your project before publishing your project"
NO_HOSTING_HINT = "Command: amplify hosting add"


def publish_targets(ctx: AmplifyContext) -> list[tuple[str, str]]:
    """``(category, resource)`` of every resource whose category plugin publishes."""
    targets: list[tuple[str, str]] = []
    for category, resources in sorted(ctx.project.backend_config().items()):
        if category not in ctx.plugins.categories or not isinstance(resources, dict):
            continue
        plugin = ctx.category(category)
        if type(plugin).publish is Category.publish:
            continue
        targets.extend((category, name) for name in sorted(resources))
    return targets


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
    with json_document(as_json, "publish") as doc:
        doc.data = _publish(
            ctx,
            invalidate=invalidate,
            delete=delete,
            dry_run=dry_run,
            verify=verify,
            allow_missing_index=allow_missing_index,
            force_unlock=force_unlock,
        )


def _publish(
    ctx: AmplifyContext,
    *,
    invalidate: bool,
    delete: bool,
    dry_run: bool,
    verify: bool,
    allow_missing_index: bool,
    force_unlock: bool,
) -> dict[str, Any]:
    """Publish; returns the ``--json`` document."""
    from ...workflows.results import publish_document, publish_entry, push_document

    options = PublishOptions(
        invalidate=invalidate,
        delete=delete,
        dry_run=dry_run,
        verify=verify,
        allow_missing_index=allow_missing_index,
    )
    project = ctx.project
    targets = publish_targets(ctx)
    if not targets:
        raise OperationError(NO_HOSTING, hint=NO_HOSTING_HINT)
    config = project.project_config()
    frontend = ctx.frontend(config.frontend)
    settings = config.frontend_settings()
    check_frontend_paths(ctx, project.root, config.frontend, settings)
    ctx.fire("amplify_pre_publish")
    url: str | None = None
    pushed: dict[str, Any] | None = None
    published: list[dict[str, Any]] = []
    try:
        lock: AbstractContextManager[None] = nullcontext()
        if not dry_run and config.providers:
            lock = ctx.provider(config.providers[0]).deployment_lock(
                project.env_name, command="publish", force_unlock=force_unlock
            )
        with lock:
            if not dry_run:
                from ...workflows.push import push_backend

                pushed = push_document(project, push_backend(ctx, command="publish"))
            frontend.build(project.root, settings)
            dist_dir = frontend.dist_dir(project.root, settings)
            if dist_dir is None:
                raise OperationError(f"The {config.frontend} frontend has no distribution folder to publish.")
            meta = project.amplify_meta()
            backend = project.backend_config()
            for category, name in targets:
                entry: dict[str, Any] = (meta.get(category) or {}).get(name) or backend[category][name]
                result = ctx.category(category).publish(name, dict(entry), dist_dir, options)
                published.append(publish_entry(category, name, result))
                url = published[-1]["url"] or url
    except BaseException as exc:
        ctx.fire("amplify_post_publish", result=Outcome(success=False, error=exc))
        raise
    ctx.fire("amplify_post_publish", result=Outcome(success=True, url=url))
    return publish_document(project.env_name, pushed, published)
