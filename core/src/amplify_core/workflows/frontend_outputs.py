"""What the frontend config files say: the project's region and every deployed resource's keys.

Push writes them after a deployment; switching environment writes them from the deployed
state it downloaded. One module for both, so neither needs the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..changes.status import categories_of
from ..context import AmplifyContext
from ..state.models import DEFAULT_PROVIDER
from ..state.project import Project


def frontend_outputs(project: Project) -> dict[str, Any]:
    """The flat outputs frontends write into their config files, from ``amplify-meta.json``."""
    meta = project.amplify_meta()
    provider = meta.get("providers", {}).get(DEFAULT_PROVIDER, {})
    outputs: dict[str, Any] = {}
    if provider.get("Region"):
        outputs["aws_project_region"] = provider["Region"]
    return outputs


def regenerate_frontend_config(
    ctx: AmplifyContext, project: Project, extra: dict[str, Any] | None = None
) -> None:
    """Rewrite the frontend's config files from the current outputs."""
    config = project.project_config()
    outputs = frontend_outputs(project) | (extra or {})
    ctx.frontend(config.frontend).write_config_files(project.root, config.frontend_settings(), outputs)


def deployed_outputs(ctx: AmplifyContext, project: Project) -> dict[str, Any]:
    """Every deployed resource's keys for the frontend config files (as a push writes them)."""
    return category_outputs(ctx, project.amplify_meta())


def category_outputs(ctx: AmplifyContext, meta: Mapping[str, Any]) -> dict[str, Any]:
    """The flat keys every deployed resource adds to the frontend config files."""
    from ..native_config import NATIVE_KEY, merge_blocks

    outputs: dict[str, Any] = {}
    native: dict[str, Any] = {}
    for category, resources in categories_of(meta).items():
        if category not in ctx.plugins.categories:
            continue
        plugin = ctx.category(category)
        for name, entry in sorted(resources.items()):
            if entry.get("output") is not None:
                _merge_flat(outputs, plugin.frontend_outputs(name, entry) or {})
                merge_blocks(native, plugin.native_outputs(name, entry) or {})
    if native:
        outputs[NATIVE_KEY] = native
    return outputs


def _merge_flat(outputs: dict[str, Any], keys: Mapping[str, Any]) -> None:
    """Flat keys of one resource; list values (``aws_dynamodb_table_schemas``) accumulate."""
    for key, value in keys.items():
        if isinstance(value, list) and isinstance(outputs.get(key), list):
            outputs[key] = [*outputs[key], *value]
        else:
            outputs[key] = value
