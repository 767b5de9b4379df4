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
