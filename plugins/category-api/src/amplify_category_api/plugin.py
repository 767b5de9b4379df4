"""The entry point ``amplify.categories: api``.

Discovery imports this module on every ``amplify`` run, so it holds only hook
implementations and names the real code with ``"module:attr"`` strings.
"""

from amplify_core.plugin import CategoryInfo, CommandInfo, hookimpl


@hookimpl
def amplify_categories():
    return [
        CategoryInfo(
            name="api",
            summary="REST APIs on Amazon API Gateway backed by Lambda functions",
            factory="amplify_category_api.category:ApiCategory",
            services=("API Gateway",),
            schemas={
                "add": "amplify_category_api.params:ApiAddParams",
                "update": "amplify_category_api.params:ApiUpdateParams",
            },
        )
    ]


@hookimpl
def amplify_commands():
    return [
        CommandInfo(
            name="api",
            summary="Add, update or remove REST APIs (API Gateway + Lambda)",
            app="amplify_category_api.commands:app",
        )
    ]


@hookimpl
def amplify_post_push(context, command, result):
    """After a successful push, print each REST API's endpoint, as Gen 1 does."""
    if not getattr(result, "success", False):
        return
    try:
        meta = context.project.amplify_meta()
    except Exception:  # noqa: BLE001 - not in a project, or no meta yet: nothing to print
        return
    apis = meta.get("api") or {}
    if not apis:
        return
    category = context.category("api")
    for name, entry in sorted(apis.items()):
        for line in category.status_lines(name, entry):
            context.console.print(line)
