"""``amplify hosting remove``, and deleting the retained bucket once its stack is gone.

The bucket has ``DeletionPolicy: Retain`` (a failed or mistaken push must never take the
site's files with it), so the stack's removal leaves it behind — Gen 1 left it for good. Here
``hosting remove`` asks once, records the bucket in ``amplify/.config/local-hosting-cleanup.json``
(git-ignored, per environment), and after the next successful push — the one that deletes
the stack — the ``amplify_post_push`` hook empties and deletes it. Rerunning a push finishes
a cleanup that was interrupted; a bucket already gone is fine.
"""

from __future__ import annotations

from typing import Any

from amplify_core.plugin import (
    DEFAULT_PROVIDER,
    AmplifyContext,
    Project,
    describe_aws_error,
    empty_and_delete_bucket,
    read_json,
    write_json,
)

from . import CATEGORY, SERVICE
from .resource import deployed_output, require_added, unregister

CLEANUP_FILE = "local-hosting-cleanup.json"
CONFIRM = (
    "Are you sure you want to delete the resource? This action deletes all files related to "
    "this resource from the backend directory."
)
REMOVED = "Successfully removed resource"


def cleanup_path(project: Project) -> Any:
    return project.paths.dot_config / CLEANUP_FILE


def pending(project: Project) -> dict[str, list[dict[str, str]]]:
    return read_json(cleanup_path(project), default={})


def _save_pending(project: Project, data: dict[str, list[dict[str, str]]]) -> None:
    path = cleanup_path(project)
    if any(data.values()):
        write_json(path, {k: v for k, v in data.items() if v}, sort_keys=True)
    elif path.exists():
        path.unlink()


def run_remove(ctx: AmplifyContext) -> bool:
    """Remove the resource locally; returns False if the user said no."""
    from amplify_core.plugin import Question

    project = ctx.project
    require_added(project)
    output = deployed_output(project)
    bucket = output.get("HostingBucketName")
    message = CONFIRM
    if bucket:
        message += (
            f" The hosting bucket {bucket} and every file in it are deleted after the next "
            "`amplify push` removes the hosting stack."
        )
    if not ctx.yes:
        confirmed = ctx.prompter.ask(
            [Question(id="confirmRemove", message=message, kind="confirm", default=False, flag="--yes")]
        )["confirmRemove"]
        if not confirmed:
            ctx.console.print("Nothing was removed.")
            return False
    if bucket:
        data = pending(project)
        env_name = project.env_name
        entries = [e for e in data.get(env_name, []) if e.get("bucket") != bucket]
        entries.append({"bucket": bucket, "region": output.get("Region", "")})
        data[env_name] = entries
        _save_pending(project, data)
    unregister(project)
    ctx.console.success(REMOVED)
    if bucket:
        ctx.console.print(
            f"Run `amplify push` to delete the hosting stack; the bucket {bucket} is emptied and "
            "deleted right after it."
        )
    return True


def delete_pending_buckets(ctx: AmplifyContext) -> None:
    """After a successful push: delete the recorded buckets of this environment whose stack is gone."""
    project = ctx.project
    data = pending(project)
    env_name = project.env_name
    entries = data.get(env_name) or []
    if not entries:
        return
    if SERVICE in (project.amplify_meta(current=True).get(CATEGORY) or {}):
        return  # hosting is deployed again (re-added before this push): its stack still exists
    from amplify_core.plugin import project_provider

    from .aws import botocore_session, client_config

    session, region = botocore_session(ctx, project)
    config = client_config(project_provider(ctx, project), 4)
    remaining = []
    for entry in entries:
        s3 = session.create_client("s3", region_name=entry.get("region") or region, config=config)
        try:
            count = empty_and_delete_bucket(s3, entry["bucket"])
        except Exception as exc:  # noqa: BLE001 - report, keep the record, retry on the next push
            ctx.console.warn(
                f"Could not delete the hosting bucket {entry['bucket']}: {describe_aws_error(exc)}"
            )
            remaining.append(entry)
            continue
        if count is None:
            ctx.console.print(f"The hosting bucket {entry['bucket']} was already gone.")
        else:
            ctx.console.success(f"Deleted the hosting bucket {entry['bucket']} ({count} objects).")
        _forget_publish_record(project, s3, entry["bucket"])
    data[env_name] = remaining
    _save_pending(project, data)


def _forget_publish_record(project: Project, s3: Any, bucket: str) -> None:
    """Best effort: the bucket's publish record (deployment bucket) and the local caches."""
    from .publish.hash_cache import CACHE_FILE, LEGACY_CACHE_FILE
    from .publish.manifest import manifest_key
    from .publish.quick import check_path

    deployment = (
        project.amplify_meta().get("providers", {}).get(DEFAULT_PROVIDER, {}).get("DeploymentBucketName")
    )
    if deployment:
        try:
            s3.delete_object(Bucket=deployment, Key=manifest_key(bucket))
        except Exception:  # noqa: BLE001 - a leftover record is harmless
            pass
    caches = [project.paths.dot_config / name for name in (CACHE_FILE, LEGACY_CACHE_FILE)]
    for path in (check_path(project.root, project.env_name), *caches):
        try:
            path.unlink()
        except OSError:
            pass
