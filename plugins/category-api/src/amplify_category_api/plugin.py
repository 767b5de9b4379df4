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


#: ``lastPushDirHash`` of each deployed API before this process's push (to tell which it deployed).
_DEPLOYED_BEFORE: dict[str, object] = {}


def _deployed(context, *, current: bool) -> dict:
    try:
        return dict(context.project.amplify_meta(current=current).get("api") or {})
    except Exception:  # noqa: BLE001 - not in a project, or no meta yet
        return {}


@hookimpl
def amplify_pre_push(context, command):
    _DEPLOYED_BEFORE.clear()
    _DEPLOYED_BEFORE.update(
        {n: e.get("lastPushDirHash") for n, e in _deployed(context, current=True).items()}
    )


@hookimpl
def amplify_post_push(context, command, result):
    """After a push that created or updated a REST API, print its endpoint, as Gen 1 does."""
    if not getattr(result, "success", False):
        return
    pushed = {
        n: e
        for n, e in _deployed(context, current=True).items()
        if n not in _DEPLOYED_BEFORE or e.get("lastPushDirHash") != _DEPLOYED_BEFORE[n]
    }
    if not pushed:
        return
    category = context.category("api")
    meta = _deployed(context, current=False)
    for name in sorted(pushed):
        for line in category.status_lines(name, meta.get(name) or pushed[name]):
            context.console.print(line)
