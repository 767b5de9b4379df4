"""The entry point ``amplify.categories: hosting``.

Discovery imports this module on every ``amplify`` run, so it holds only hook
implementations and names the real code with ``"module:attr"`` strings: no boto3, no
pydantic, no rich at import time.
"""

from amplify_core.plugin import CategoryInfo, CommandInfo, hookimpl


@hookimpl
def amplify_categories():
    return [
        CategoryInfo(
            name="hosting",
            summary="Static web hosting on Amazon S3 (DEV) or S3 + CloudFront (PROD)",
            factory="amplify_category_hosting.category:HostingCategory",
            services=("S3AndCloudFront",),
            schemas={
                "add": "amplify_category_hosting.params:HostingAddParams",
                "configure": "amplify_category_hosting.params:HostingConfigureParams",
            },
        )
    ]


@hookimpl
def amplify_commands():
    return [
        CommandInfo(
            name="hosting",
            summary="Add, configure or remove S3/CloudFront hosting (then: amplify publish)",
            app="amplify_category_hosting.commands:app",
        )
    ]


@hookimpl
def amplify_post_push(context, command, result):
    """After a successful push, delete the buckets of hosting resources removed earlier.

    ``hosting remove`` records the retained bucket; the push deletes the stack; only then is
    the bucket emptied and deleted (its deletion was confirmed when the resource was removed).
    """
    if not getattr(result, "success", False):
        return
    try:
        pending = context.project.paths.dot_config / "local-hosting-cleanup.json"
    except Exception:  # noqa: BLE001 - not in a project: nothing was recorded
        return
    if pending.exists():  # checked here so that a push without one imports nothing more
        from .remove import delete_pending_buckets

        delete_pending_buckets(context)
