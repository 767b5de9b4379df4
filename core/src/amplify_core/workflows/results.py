"""The documents ``--json`` prints (``status``, ``push``, ``publish``, ``init``), built from the
commands' results (pure). One shape per command, camelCase keys, lists sorted, so CI scripts
can rely on them; :func:`amplify_core.cli.output.json_document` adds ``command`` and
``success`` (and ``error`` on failure).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..changes.status import BackendStatus, ResourceStatus
    from ..interfaces import PublishResult
    from ..state.project import Project
    from .push import PushOutcome


def resource_rows(rows: Sequence[ResourceStatus]) -> list[dict[str, str]]:
    return [
        {
            "category": r.category,
            "resourceName": r.name,
            "operation": r.operation.value,
            "providerPlugin": r.provider_plugin,
        }
        for r in rows
    ]


def status_document(status: BackendStatus, rows: Sequence[ResourceStatus]) -> dict[str, Any]:
    return {"envName": status.env_name, "resources": resource_rows(rows), "tagsChanged": status.tags_changed}


def push_document(project: Project, outcome: PushOutcome) -> dict[str, Any]:
    """What was deployed, and every resource's outputs as ``amplify-meta.json`` now holds them."""
    meta = project.amplify_meta()
    outputs: dict[str, dict[str, Any]] = {}
    for row in outcome.status.resources:
        entry = (meta.get(row.category) or {}).get(row.name) or {}
        if entry.get("output"):
            outputs.setdefault(row.category, {})[row.name] = entry["output"]
    return {
        "envName": outcome.status.env_name,
        "changed": outcome.changed,
        "resources": resource_rows(outcome.status.resources),
        "outputs": outputs,
    }


def publish_entry(category: str, name: str, result: str | PublishResult | None) -> dict[str, Any]:
    """One published resource; a plugin that returns only a URL reports no file lists."""
    from ..interfaces import PublishResult

    if not isinstance(result, PublishResult):
        return {
            "category": category,
            "resourceName": name,
            "url": result,
            "files": None,
            "invalidationId": None,
            "dryRun": False,
        }
    return {
        "category": category,
        "resourceName": name,
        "url": result.url,
        "files": {
            "uploaded": list(result.uploaded),
            "unchanged": list(result.unchanged),
            "deleted": list(result.deleted),
        },
        "invalidationId": result.invalidation_id,
        "dryRun": result.dry_run,
    }


def publish_document(
    env_name: str, push: dict[str, Any] | None, published: list[dict[str, Any]]
) -> dict[str, Any]:
    """The last published URL at the top (the site), each resource's details below."""
    url = next((p["url"] for p in reversed(published) if p["url"]), None)
    return {"envName": env_name, "url": url, "push": push, "published": published}


def init_document(project: Project) -> dict[str, Any]:
    """The project and the environment ``init`` created or joined, as the files now say."""
    config = project.project_config()
    env_name = project.env_name
    return {
        "projectName": config.projectName,
        "envName": env_name,
        "frontend": config.frontend,
        "providers": dict(project.team_provider_info().get(env_name) or {}),
    }
