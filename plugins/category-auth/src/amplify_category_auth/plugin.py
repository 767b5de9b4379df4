"""The entry point ``amplify.categories: auth``.

Discovery imports this module on every ``amplify`` run, so it holds only hook
implementations and names the real code with ``"module:attr"`` strings.
"""

from amplify_core.plugin import CategoryInfo, CommandInfo, hookimpl


@hookimpl
def amplify_categories():
    return [
        CategoryInfo(
            name="auth",
            summary="Cognito user pools, app clients, identity pools and user-pool groups",
            factory="amplify_category_auth.category:AuthCategory",
            services=("Cognito", "Cognito-UserPool-Groups"),
            schemas={
                "add": "amplify_category_auth.params:AuthAddParams",
                "update": "amplify_category_auth.params:AuthUpdateParams",
            },
        )
    ]


@hookimpl
def amplify_commands():
    return [
        CommandInfo(
            name="auth",
            summary="Add, update or remove Cognito sign-up and sign-in (then: amplify push)",
            app="amplify_category_auth.commands:app",
        )
    ]


#: Project roots whose deployed state had an identity pool when their push began (so that the
#: push removing it puts the roles' deny-all trust back, and pushes without auth cost nothing).
_HAD_IDENTITY_POOL: set[str] = set()


def _deployed_pool(context):
    try:
        project = context.project
    except Exception:  # noqa: BLE001 - not in a project: nothing deployed
        return None, None
    from .role_trust import identity_pool_id

    return project, identity_pool_id(project.amplify_meta(current=True))


@hookimpl
def amplify_pre_push(context, command):
    """Note whether an identity pool is deployed before this push."""
    project, pool = _deployed_pool(context)
    if project is not None and pool:
        _HAD_IDENTITY_POOL.add(str(project.root))


@hookimpl
def amplify_post_push(context, command, result):
    """After a successful push: the auth and unauth roles trust the deployed identity pool
    (Gen 1's ``UpdateRolesWithIDPFunction``), or nobody once it is gone."""
    project, pool = _deployed_pool(context)
    if project is None:
        return
    had = str(project.root) in _HAD_IDENTITY_POOL
    _HAD_IDENTITY_POOL.discard(str(project.root))
    if not getattr(result, "success", False) or not (pool or had):
        return
    from .role_trust import sync

    try:
        changed = sync(context, project)
    except Exception as exc:  # noqa: BLE001 - the push itself succeeded; rerunning it retries this
        from amplify_core.plugin import describe_aws_error

        context.console.warn(
            f"Could not update the trust policy of the identity pool roles: {describe_aws_error(exc)}"
        )
        context.console.warn("Run `amplify push` again to retry.")
        return
    if changed:
        what = "trust the identity pool" if pool else "trust nobody (no identity pool is deployed)"
        context.console.success(f"The roles {', '.join(sorted(changed))} now {what}.")
