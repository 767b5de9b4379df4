"""``amplify hosting configure`` itself: read the current state, apply the flags, ``--params``
or the answers, check, save, report."""

from __future__ import annotations

from typing import Any

from amplify_core.plugin import AmplifyContext, UsageError, check_model

from ..publish_config import PublishConfig
from ..resource import (
    deployed_output,
    read_parameters,
    read_template,
    require_added,
    write_resource,
)
from ..templates import apply_settings, read_settings
from .edits import Edits, HostingState, apply_edits, apply_params, check_state
from .questions import interactive, show


def load_state(project: Any) -> HostingState:
    config = PublishConfig.load(project.root)
    return HostingState(
        settings=read_settings(read_template(project)),
        bucket_name=read_parameters(project).get("bucketName", ""),
        ignore=tuple(config.ignore),
        cache_rules=tuple(config.cache_rules),
    )


def run_configure(ctx: AmplifyContext, params: dict[str, Any] | None, edits: Edits) -> HostingState:
    from ..params import HostingConfigureParams

    project = ctx.project
    require_added(project)
    if params is not None:
        check_model("--params", params, HostingConfigureParams)
    before = load_state(project)
    output = deployed_output(project)
    deployed_bucket = output.get("HostingBucketName")
    env_name = project.env_name
    if params is not None or not edits.empty():
        after = apply_edits(apply_params(before, params or {}), edits)
    elif ctx.yes:
        show(ctx, before)
        ctx.console.print("Nothing to change: give flags or --params to configure without prompts.")
        return before
    else:
        after = interactive(ctx, before, bucket_deployed=deployed_bucket is not None, env_name=env_name)
    if deployed_bucket is not None and after.bucket_name != before.bucket_name:
        raise UsageError(
            f"The hosting bucket {deployed_bucket} is deployed; its name cannot change.",
            hint="Remove hosting (amplify hosting remove, amplify push) and add it again for another bucket.",
        )
    check_state(after, env_name=env_name)
    save(project, before, after)
    if after == before:
        ctx.console.print("No changes to the hosting configuration.")
    else:
        ctx.console.success("Successfully updated the hosting configuration.")
        if after.settings != before.settings or after.bucket_name != before.bucket_name:
            ctx.console.print("Run `amplify publish` (or `amplify push`) to deploy the change.")
    return after


def save(project: Any, before: HostingState, after: HostingState) -> None:
    if after.settings != before.settings or after.bucket_name != before.bucket_name:
        template = apply_settings(read_template(project), after.settings)
        parameters = {**read_parameters(project), "bucketName": after.bucket_name}
        write_resource(project, template, parameters)
    if (after.ignore, after.cache_rules) != (before.ignore, before.cache_rules):
        PublishConfig(list(after.ignore), list(after.cache_rules)).save(project.root)
