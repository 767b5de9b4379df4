"""Deleting a removed content bucket once the push that deletes its stack succeeded.

The bucket is retained by its stack (as in Gen 1: a failed or mistaken push must never take
users' files with it). ``storage remove`` (confirmed) records it in
``amplify/.config/local-storage-cleanup.json`` (per environment, git-ignored with
``.config/local-*``); after the next successful push the ``amplify_post_push`` hook empties
and deletes it. A bucket already gone is fine; a failure is reported and retried next push.
"""

from __future__ import annotations

from typing import Any

from amplify_core.plugin import (
    AmplifyContext,
    Project,
    describe_aws_error,
    empty_and_delete_bucket,
    env_session,
    read_json,
    write_json,
)

from . import CATEGORY, S3

CLEANUP_FILE = "local-storage-cleanup.json"


def _path(project: Project) -> Any:
    return project.paths.dot_config / CLEANUP_FILE


def _save(project: Project, data: dict[str, list[dict[str, str]]]) -> None:
    data = {k: v for k, v in data.items() if v}
    if data:
        write_json(_path(project), data, sort_keys=True)
    elif _path(project).exists():
        _path(project).unlink()


def record_bucket(project: Project, name: str) -> None:
    """Remember the deployed bucket of S3 resource ``name`` (nothing for tables or undeployed ones)."""
    entry = (project.amplify_meta().get(CATEGORY) or {}).get(name) or {}
    bucket = (entry.get("output") or {}).get("BucketName")
    if entry.get("service") != S3 or not bucket:
        return
    data = read_json(_path(project), default={})
    env = project.env_name
    data[env] = [e for e in data.get(env, []) if e.get("bucket") != bucket] + [
        {"bucket": bucket, "region": (entry.get("output") or {}).get("Region", ""), "resource": name}
    ]
    _save(project, data)


def has_pending(project: Project) -> bool:
    return _path(project).exists()


def delete_pending(ctx: AmplifyContext) -> None:
    project = ctx.project
    data = read_json(_path(project), default={})
    env = project.env_name
    deployed = project.amplify_meta(current=True).get(CATEGORY) or {}
    remaining = []
    for item in data.get(env) or []:
        if item.get("resource") in deployed:
            remaining.append(item)  # added again before this push: its stack still holds it
            continue
        try:
            count = empty_and_delete_bucket(_s3(ctx, project, item.get("region")), item["bucket"])
        except Exception as exc:  # noqa: BLE001 - report, keep the record, retry on the next push
            ctx.console.warn(
                f"Could not delete the storage bucket {item['bucket']}: {describe_aws_error(exc)}"
            )
            remaining.append(item)
            continue
        if count is None:
            ctx.console.print(f"The storage bucket {item['bucket']} was already gone.")
        else:
            ctx.console.success(f"Deleted the storage bucket {item['bucket']} ({count} objects).")
    data[env] = remaining
    _save(project, data)


def _s3(ctx: AmplifyContext, project: Project, region: str | None) -> Any:
    """An S3 client from the project's provider (profiles, assume-role, sandbox endpoint)."""
    return env_session(ctx, project, region=region).client("s3")
