"""amplify auth: Cognito user pools, app clients, identity pools and user-pool groups.

Services ``Cognito`` (one resource per user pool, with its identity pool) and
``Cognito-UserPool-Groups`` (the groups of the project's user pool, resource
``userPoolGroups``). The entry point :mod:`amplify_category_auth.plugin` imports nothing heavy.
"""

CATEGORY = "auth"
SERVICE = "Cognito"
GROUPS_SERVICE = "Cognito-UserPool-Groups"
GROUPS_RESOURCE = "userPoolGroups"
