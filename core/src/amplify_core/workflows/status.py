"""``amplify status``: the Gen 1 table of what a push would change. Local files only.

No network call and no AWS SDK import: the comparison is between
``amplify/backend`` and the hashes recorded by the last successful push
(:mod:`amplify_core.changes.status`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..changes.status import BackendStatus, ResourceStatus, backend_status
from ..errors import UsageError
from ..state.legacy import no_current_environment
from ..state.paths import ProjectPaths
from .env_list import locate as env_locate

if TYPE_CHECKING:
    from ..context import AmplifyContext
    from ..state.project import Project

HEADERS = ("Category", "Resource name", "Operation", "Provider plugin")


def current_status(project: Project) -> BackendStatus:
    return backend_status(project.paths, project.env_name)


def locate(cwd: Path) -> tuple[ProjectPaths, str]:
    """The project's paths and current environment, read without the pydantic models:
    ``status`` is run often and must start fast."""
    paths, env_name = env_locate(cwd)
    if not env_name:
        raise no_current_environment(paths.root)
    return paths, env_name


def table_rows(rows: Sequence[ResourceStatus]) -> list[tuple[str, str, str, str]]:
    """Rows as the Gen 1 CLI prints them: category capitalised, operation by name."""
    return [
        (r.category[:1].upper() + r.category[1:], r.name, r.operation.value, r.provider_plugin) for r in rows
    ]


def print_status(
    ctx: AmplifyContext, status: BackendStatus, categories: Sequence[str] = (), verbose: bool = False
) -> None:
    """``Current Environment: <env>``, the table, tag changes and (``-v``) template diffs."""
    rows = status.filtered(categories)
    ctx.console.print(f"\n    Current Environment: {status.env_name}\n")
    ctx.console.table(HEADERS, table_rows(rows))
    if status.tags_changed:
        ctx.console.print("\nTag Changes Detected")
    if verbose:
        print_diffs(ctx, rows)


def print_diffs(ctx: AmplifyContext, rows: Sequence[ResourceStatus]) -> None:
    from ..changes.diff import resource_diff

    project = ctx.project
    for row in rows:
        if not row.changed:
            continue
        plugin = ctx.category(row.category) if row.category in ctx.plugins.categories else None
        text = resource_diff(plugin, project.paths, row)
        ctx.console.print(f"\n{row.operation.value}: {row.category}/{row.name}")
        ctx.console.print(text.rstrip("\n") if text else "(no template difference)")


def run_status(
    ctx: AmplifyContext, categories: Sequence[str] = (), verbose: bool = False, *, show: bool = True
) -> BackendStatus:
    paths, env_name = locate(ctx.cwd)
    status = backend_status(paths, env_name)
    known = {r.category.lower() for r in status.resources} | {c.lower() for c in ctx.plugins.categories}
    unknown = [c for c in categories if c.lower() not in known]
    if unknown:
        raise UsageError(
            f"Unknown category: {', '.join(unknown)}.",
            hint=f"Categories in this project: {', '.join(sorted(known)) or 'none'}.",
        )
    if show:
        print_status(ctx, status, categories, verbose)
        print_resource_lines(ctx, paths, categories)
    return status


def print_resource_lines(ctx: AmplifyContext, paths: ProjectPaths, categories: Sequence[str] = ()) -> None:
    """What each deployed resource's category says about it (:meth:`Category.status_lines`)."""
    from ..changes.status import categories_of
    from ..state.jsonfile import read_json

    wanted = {c.lower() for c in categories}
    meta = read_json(paths.amplify_meta, default={})
    for category, resources in categories_of(meta if isinstance(meta, dict) else {}).items():
        if category not in ctx.plugins.categories or (wanted and category.lower() not in wanted):
            continue
        for name, entry in sorted(resources.items()):
            if entry.get("output"):
                for line in ctx.category(category).status_lines(name, entry) or []:
                    ctx.console.print(line)
