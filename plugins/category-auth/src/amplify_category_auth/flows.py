"""``amplify auth add | update | remove``: validate first, then write every file at once.

Nothing is written before the request (headless or answered) is valid; the cloud changes only
at the next ``amplify push``.
"""

from __future__ import annotations

from typing import Any

from amplify_core.plugin import AmplifyContext, Question, UsageError, check_model

from . import CATEGORY, GROUPS_RESOURCE
from .inputs import (
    apply_modification,
    config_from_request,
    default_resource_name,
    groups_with_precedence,
    has_identity_pool,
    new_shared_id,
)
from .questions import ask_add, ask_update
from .resource import (
    auth_resources,
    cognito_entry,
    delete_folder,
    groups_entry,
    read_cognito_config,
    read_groups,
    register,
    resource_dir,
    the_auth_resource,
    write_cognito_resource,
    write_groups_resource,
)

ADDED = "Successfully added auth resource {name} locally"
NEXT = (
    "Some next steps:\n"
    '"amplify push" will build all your local backend resources and provision it in the cloud\n'
    '"amplify publish" will build all your local backend and frontend resources (if you have '
    "hosting category added) and provision it in the cloud"
)
CONFIRM_REMOVE = (
    "Are you sure you want to delete the resource? This action deletes all files related to "
    "this resource from the backend directory."
)


def run_add(ctx: AmplifyContext, request: dict[str, Any] | None) -> str:
    """Add a user pool from ``request`` (headless) or from prompts; returns the resource name."""
    from .params import AuthAddParams

    project = ctx.project
    existing = sorted(auth_resources(project))
    if existing:
        raise UsageError(
            f"Auth has already been added to this project ({existing[0]}).",
            hint="Change it with: amplify auth update",
        )
    shared_id = new_shared_id()
    default_name = default_resource_name(project.project_config().projectName, shared_id)
    if request is None:
        request = ask_add(ctx.prompter, default_name=default_name)
    check_model("auth add", request, AuthAddParams)
    name = request.get("resourceName") or default_name
    if (project.backend_config().get(CATEGORY) or {}).get(name) is not None:
        raise UsageError(f"An auth resource named {name!r} already exists.")
    config = config_from_request(request, resource_name=name, shared_id=shared_id)
    groups = groups_with_precedence(
        request["serviceConfiguration"]["userPoolConfiguration"].get("userPoolGroups") or []
    )
    _check_groups(groups)
    write_cognito_resource(project, config)
    entries: dict[str, Any] = {name: cognito_entry(config)}
    if groups:
        write_groups_resource(project, name, groups, identity_pool=has_identity_pool(config))
        entries[GROUPS_RESOURCE] = groups_entry(name, config)
    register(project, entries)
    ctx.console.success(ADDED.format(name=name))
    ctx.console.print(NEXT)
    return name


def _check_groups(groups: list[dict[str, Any]]) -> None:
    names = [g["groupName"] for g in groups]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UsageError(f"userPoolGroups: the group {duplicates[0]!r} is given twice.")


def run_update(ctx: AmplifyContext, request: dict[str, Any] | None) -> str:
    """Change the user pool from ``request`` (headless) or one section of prompts; returns its name."""
    from .params import AuthUpdateParams

    project = ctx.project
    name = the_auth_resource(project)
    config = read_cognito_config(resource_dir(project, name))
    if config is None:
        raise UsageError(
            f"Auth resource {name!r} has no cli-inputs.json (an older Gen 1 project); edit its template instead."
        )
    if request is None:
        request = ask_update(ctx.prompter, config)
    check_model("auth update", request, AuthUpdateParams)
    updated = apply_modification(config, request)
    pool = request["serviceModification"].get("userPoolModification") or {}
    entries: dict[str, Any] = {name: cognito_entry(updated)}
    groups_given = pool.get("userPoolGroups")
    groups = groups_with_precedence(groups_given) if groups_given is not None else None
    if groups is not None:
        _check_groups(groups)
    elif (project.backend_config().get(CATEGORY) or {}).get(GROUPS_RESOURCE):
        groups = read_groups(resource_dir(project, GROUPS_RESOURCE))
    write_cognito_resource(project, updated)
    if groups:
        write_groups_resource(project, name, groups, identity_pool=has_identity_pool(updated))
        entries[GROUPS_RESOURCE] = groups_entry(name, updated)
    elif groups is not None:
        delete_folder(project, GROUPS_RESOURCE)
        entries[GROUPS_RESOURCE] = None
    register(project, entries)
    ctx.console.success(f"Successfully updated auth resource {name} locally")
    ctx.console.print(NEXT)
    return name


def run_remove(ctx: AmplifyContext, name: str | None) -> bool:
    """Remove the user pool (and its groups) locally; the next push deletes the stacks."""
    project = ctx.project
    name = name or the_auth_resource(project)
    entries = project.backend_config().get(CATEGORY) or {}
    if name not in entries:
        raise UsageError(
            f"No auth resource named {name!r}; resources: {', '.join(sorted(entries)) or 'none'}."
        )
    if not ctx.yes:
        confirmed = ctx.prompter.ask(
            [
                Question(
                    id="confirmRemove", message=CONFIRM_REMOVE, kind="confirm", default=False, flag="--yes"
                )
            ]
        )["confirmRemove"]
        if not confirmed:
            ctx.console.print("Nothing was removed.")
            return False
    removed = [name]
    if name != GROUPS_RESOURCE and GROUPS_RESOURCE in entries:
        removed.append(GROUPS_RESOURCE)  # the groups live in this pool: they go with it
    for resource in removed:
        delete_folder(project, resource)
    register(project, dict.fromkeys(removed))
    ctx.console.success("Successfully removed resource")
    return True
