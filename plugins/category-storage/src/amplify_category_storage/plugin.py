"""The entry point ``amplify.categories: storage``.

Discovery imports this module on every ``amplify`` run, so it holds only hook
implementations and names the real code with ``"module:attr"`` strings.
"""

from amplify_core.plugin import CategoryInfo, CommandInfo, hookimpl


@hookimpl
def amplify_categories():
    return [
        CategoryInfo(
            name="storage",
            summary="Content buckets on Amazon S3 and NoSQL tables on DynamoDB",
            factory="amplify_category_storage.category:StorageCategory",
            services=("S3", "DynamoDB"),
            schemas={
                "add": "amplify_category_storage.params:StorageAddParams",
                "update": "amplify_category_storage.params:StorageUpdateParams",
            },
        )
    ]


@hookimpl
def amplify_commands():
    return [
        CommandInfo(
            name="storage",
            summary="Add, update or remove S3 content buckets and DynamoDB tables",
            app="amplify_category_storage.commands:app",
        )
    ]


@hookimpl
def amplify_post_push(context, command, result):
    """After a successful push, delete the content buckets of storage resources removed before it."""
    if not getattr(result, "success", False):
        return
    try:
        project = context.project
    except Exception:  # noqa: BLE001 - not in a project: nothing was recorded
        return
    from .cleanup import delete_pending, has_pending

    if has_pending(project):
        delete_pending(context)
