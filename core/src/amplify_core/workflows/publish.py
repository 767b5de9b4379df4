"""``amplify publish``: push the backend, build the frontend, upload it — as ``push`` is run
by :mod:`.push`, this runs the publish for the command module.

1. The publishing resources are those whose category overrides ``Category.publish``
   (hosting); with none, Gen 1's "Add hosting" error (exit 1).
2. ``amplify_pre_publish`` fires.
3. ``--dry-run``: no push and no lock; the frontend is built and each category reports what
   it would upload and delete.
4. The backend has no changes (local files alone say so): the push that finds nothing runs
   as ``amplify push`` does (the root stack must still exist; no lock), the frontend is built,
   and each resource's category is asked ``Category.publish_unchanged``. When every one can
   prove it has nothing to do, the publish ends there: nothing was written, so no deployment
   lock was needed — a no-change republish costs its reads alone.
5. Otherwise, under the environment's deployment lock (``Provider.deployment_lock``, the one
   ``push`` takes, so two publishes, or a publish and a push, never interleave): the push,
   the build (each unless step 4 did it), then ``Category.publish`` for each resource. A
   failed push or build stops before anything is uploaded.
6. ``amplify_post_publish`` fires with the outcome.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from ..changes.status import BackendStatus
from ..context import AmplifyContext, Outcome
from ..errors import OperationError
from ..interfaces import Category, PublishOptions, PublishResult
from .frontend_config import check_frontend_paths
from .results import publish_document, publish_entry, push_document

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


def publish(ctx: AmplifyContext, options: PublishOptions, *, force_unlock: bool = False) -> dict[str, Any]:
    """Publish; returns the ``--json`` document."""
    project = ctx.project
    targets = publish_targets(ctx)
    if not targets:
        raise OperationError(NO_HOSTING, hint=NO_HOSTING_HINT)
    config = project.project_config()
    check_frontend_paths(ctx, project.root, config.frontend, config.frontend_settings())
    ctx.fire("amplify_pre_publish")
    run = _Run(ctx, targets, options)
    try:
        if options.dry_run:
            run.build()
            run.publish_all()
        elif not (run.push_if_unchanged() and run.all_unchanged()):
            lock: AbstractContextManager[None] = nullcontext()
            if config.providers:
                lock = ctx.provider(config.providers[0]).deployment_lock(
                    project.env_name, command="publish", force_unlock=force_unlock
                )
            with lock:
                run.push()
                run.build()
                run.publish_all()
    except BaseException as exc:
        ctx.fire("amplify_post_publish", result=Outcome(success=False, error=exc))
        raise
    ctx.fire("amplify_post_publish", result=Outcome(success=True, url=run.url))
    return publish_document(project.env_name, run.pushed, run.published)


class _Run:
    """One publish's steps, each done at most once, and what they produced."""

    def __init__(self, ctx: AmplifyContext, targets: list[tuple[str, str]], options: PublishOptions):
        self.ctx, self.targets, self.options = ctx, targets, options
        self.pushed: dict[str, Any] | None = None
        self.dist_dir: Path | None = None
        self.published: list[dict[str, Any]] = []
        self.url: str | None = None

    def push_if_unchanged(self) -> bool:
        """Run the push now if it will find nothing to deploy (it takes no lock then)."""
        from .status import current_status

        status = current_status(self.ctx.project)
        if status.has_changes:
            return False
        self.push(status=status)
        return True

    def push(self, status: BackendStatus | None = None) -> None:
        if self.pushed is None:
            from .push import push_backend

            outcome = push_backend(self.ctx, command="publish", status=status)
            self.pushed = push_document(self.ctx.project, outcome)

    def build(self) -> Path:
        if self.dist_dir is None:
            project = self.ctx.project
            config = project.project_config()
            frontend, settings = self.ctx.frontend(config.frontend), config.frontend_settings()
            frontend.build(project.root, settings)
            dist_dir = frontend.dist_dir(project.root, settings)
            if dist_dir is None:
                raise OperationError(f"The {config.frontend} frontend has no distribution folder to publish.")
            self.dist_dir = dist_dir
        return self.dist_dir

    def all_unchanged(self) -> bool:
        """Ask every resource whether it can prove it has nothing to do; keep the answers
        only if all can."""
        dist_dir = self.build()
        answers: list[tuple[str, str, PublishResult]] = []
        for category, name, entry in self._resources():
            result = self.ctx.category(category).publish_unchanged(name, entry, dist_dir, self.options)
            if result is None:
                return False
            answers.append((category, name, result))
        for category, name, result in answers:
            self._record(category, name, result)
        return True

    def publish_all(self) -> None:
        dist_dir = self.build()
        for category, name, entry in self._resources():
            self._record(
                category, name, self.ctx.category(category).publish(name, entry, dist_dir, self.options)
            )

    def _resources(self) -> list[tuple[str, str, dict[str, Any]]]:
        meta, backend = self.ctx.project.amplify_meta(), self.ctx.project.backend_config()
        return [
            (category, name, dict((meta.get(category) or {}).get(name) or backend[category][name]))
            for category, name in self.targets
        ]

    def _record(self, category: str, name: str, result: str | PublishResult | None) -> None:
        self.published.append(publish_entry(category, name, result))
        self.url = self.published[-1]["url"] or self.url
