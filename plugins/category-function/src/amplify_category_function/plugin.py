"""The entry point ``amplify.categories: function``.

Discovery imports this module on every ``amplify`` run, so it holds only hook
implementations and names the real code with ``"module:attr"`` strings.
"""

from amplify_core.plugin import CategoryInfo, CommandInfo, hookimpl


@hookimpl
def amplify_categories():
    return [
        CategoryInfo(
            name="function",
            summary="Lambda functions (Node.js, Python): packaged at push, run locally with amplify mock function",
            factory="amplify_category_function.category:FunctionCategory",
            services=("Lambda",),
            schemas={
                "add": "amplify_category_function.params:FunctionAddParams",
                "update": "amplify_category_function.params:FunctionUpdateParams",
            },
        )
    ]


@hookimpl
def amplify_commands():
    return [
        CommandInfo(
            name="function",
            summary="Add, update, remove, build or locally run Lambda functions",
            app="amplify_category_function.commands:app",
        )
    ]


@hookimpl
def amplify_post_env_add(context, env_name, from_env):
    """Carry the functions' environment variable values to the new environment, as Gen 1 does."""
    from .envs import carry_env_values

    carry_env_values(context, env_name, from_env)


@hookimpl
def amplify_pre_push(context, command):
    """Every function variable needs a value in this environment (asked for, or the push stops)."""
    try:
        backend = context.project.backend_config()
    except Exception:  # noqa: BLE001 - not in a project: the push itself says so
        return
    if not backend.get("function"):
        return
    from .envs import ensure_env_values

    ensure_env_values(context)
