"""An auth resource's files, as Gen 1 lays them out, and reading every Gen 1 shape of them.

``amplify/backend/auth/<name>/``:

* ``cli-inputs.json`` (CLI v7+): ``{"version": "1", "cognitoConfig": {…}}``, the source of
  truth; ``build/<name>-cloudformation-template.json`` and ``build/parameters.json`` are
  regenerated from it (at add/update, and in memory on every push).
* older projects: ``parameters.json`` plus a committed ``<name>-cloudformation-template.json``
  or ``.yml`` (found and read by the core's ``committed_template`` / ``load_template``), deployed
  as written, Lambda-backed custom resources (``Custom::LambdaCallout``) included — unless it
  needs something no installed plugin offers (override.ts): :class:`RefusedResource`, which the
  core names with every other refused resource before any cloud call. (The core also refuses a
  template whose Lambda runtime AWS no longer accepts, for every category.)

``auth/userPoolGroups/user-pool-group-precedence.json`` holds the groups (service
``Cognito-UserPool-Groups``). Every write is atomic.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from amplify_core.plugin import (
    DEFAULT_PROVIDER,
    Project,
    RefusedResource,
    UsageError,
    committed_template,
    load_template,
    read_json,
    write_json,
)

from . import CATEGORY, GROUPS_RESOURCE, GROUPS_SERVICE, SERVICE
from .inputs import VERSION, frontend_auth_config, has_identity_pool
from .templates import groups_depends_on, groups_template, root_parameters, user_pool_template

CLI_INPUTS = "cli-inputs.json"
GROUPS_FILE = "user-pool-group-precedence.json"
PROVIDER = DEFAULT_PROVIDER


def template_file_name(name: str) -> str:
    return f"{name}-cloudformation-template.json"


# --- which resources exist ---------------------------------------------------------------


def auth_resources(project: Project) -> dict[str, dict[str, Any]]:
    """The ``Cognito`` resources of ``backend-config.json`` (name → entry)."""
    entries = project.backend_config().get(CATEGORY) or {}
    return {n: e for n, e in entries.items() if isinstance(e, dict) and e.get("service") == SERVICE}


def the_auth_resource(project: Project) -> str:
    """The project's one user pool resource (Gen 1 allows one); UsageError when there is none."""
    names = sorted(auth_resources(project))
    if not names:
        raise UsageError(
            "No auth resource has been added to this project.", hint="Add one with: amplify auth add"
        )
    return names[0]


# --- reading ---------------------------------------------------------------------------------


def read_cognito_config(folder: Path) -> dict[str, Any] | None:
    """``cognitoConfig`` of ``cli-inputs.json``, or None when the resource is an older shape."""
    path = folder / CLI_INPUTS
    if not path.exists():
        return None
    data = read_json(path)
    config = data.get("cognitoConfig") if isinstance(data, dict) else None
    if not isinstance(config, dict):
        raise UsageError(f"{path} has no cognitoConfig object.")
    return config


def read_groups(folder: Path) -> list[dict[str, Any]]:
    path = folder / GROUPS_FILE
    groups = read_json(path, default=[])
    if not isinstance(groups, list) or not all(isinstance(g, dict) and g.get("groupName") for g in groups):
        raise UsageError(f'{path}: expected a list of {{"groupName", "precedence"}} objects.')
    return [
        {"groupName": str(g["groupName"]), "precedence": g.get("precedence", i)}
        for i, g in enumerate(groups, 1)
    ]


def unsupported(folder: Path) -> str | None:
    """Why this resource cannot be deployed by this plugin yet, or None."""
    if (folder / "override.ts").exists():
        return "it has an override.ts, which needs a TypeScript build step no installed plugin offers"
    return None


def _refuse(reason: str) -> RefusedResource:
    """The core names the resource, its category and service, with every other refusal."""
    return RefusedResource(reason)


def build_resource(folder: Path, name: str, entry: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(template, parameter values)`` of one resource from whichever Gen 1 shape it has."""
    if entry.get("serviceType") == "imported":
        raise _refuse("it is an imported pool (amplify import auth), which this plugin does not support yet")
    reason = unsupported(folder)
    if reason:
        raise _refuse(reason)
    if str(entry.get("service", SERVICE)) == GROUPS_SERVICE:
        return _groups_resource(folder, name, entry)
    config = read_cognito_config(folder)
    if config is not None:
        unsupported_config = config_problem(config)
        if unsupported_config:
            raise _refuse(unsupported_config)
        return user_pool_template(config), root_parameters(config)
    path = committed_template(folder, name)
    if path is None:
        raise _refuse(f"neither {CLI_INPUTS} nor {template_file_name(name)} is in {folder.name}/")
    template = load_template(path)
    values = read_json(path.parent / "parameters.json", default=None)
    if values is None:
        values = read_json(folder / "parameters.json", default={})
    return template, dict(values)


def config_problem(config: dict[str, Any]) -> str | None:
    """cli-inputs settings whose Gen 1 template needs a Lambda or OAuth support not built yet."""
    if config.get("triggers") not in (None, {}, "{}", []):
        return "it has Cognito Lambda triggers, which need the function category"
    if config.get("hostedUI"):
        return "it uses the hosted UI (OAuth), which this plugin does not deploy yet"
    if config.get("thirdPartyAuth") or config.get("authProviders"):
        return "it uses third-party identity providers, which this plugin does not deploy yet"
    return None


def _groups_resource(folder: Path, name: str, entry: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    deps = [d for d in entry.get("dependsOn") or [] if isinstance(d, dict) and d.get("category") == CATEGORY]
    if not deps:
        raise _refuse("its backend-config.json entry has no dependsOn on the auth resource")
    auth = str(deps[0]["resourceName"])
    identity = "IdentityPoolId" in (deps[0].get("attributes") or [])
    return groups_template(auth, read_groups(folder), identity_pool=identity), {}


# --- writing ---------------------------------------------------------------------------------


def resource_dir(project: Project, name: str) -> Path:
    return project.paths.resource_dir(CATEGORY, name)


def write_cognito_resource(project: Project, config: dict[str, Any]) -> None:
    """``cli-inputs.json`` and its ``build/`` files for ``config``."""
    name = config["resourceName"]
    folder = resource_dir(project, name)
    write_json(folder / CLI_INPUTS, {"version": VERSION, "cognitoConfig": config})
    write_json(folder / "build" / template_file_name(name), user_pool_template(config))
    write_json(folder / "build" / "parameters.json", root_parameters(config))


def write_groups_resource(
    project: Project, auth_name: str, groups: list[dict[str, Any]], *, identity_pool: bool
) -> None:
    folder = resource_dir(project, GROUPS_RESOURCE)
    write_json(folder / GROUPS_FILE, groups)
    write_json(
        folder / "build" / template_file_name(GROUPS_RESOURCE),
        groups_template(auth_name, groups, identity_pool=identity_pool),
    )
    write_json(folder / "build" / "parameters.json", {})


def cognito_entry(config: dict[str, Any]) -> dict[str, Any]:
    """The resource's ``backend-config.json`` entry, as Gen 1 writes it."""
    return {
        "service": SERVICE,
        "providerPlugin": PROVIDER,
        "dependsOn": [],
        "customAuth": False,
        "frontendAuthConfig": frontend_auth_config(config),
    }


def register(project: Project, entries: dict[str, dict[str, Any] | None]) -> None:
    """Set (or, for None, drop) auth entries in ``backend-config.json`` and the local meta."""
    config = project.backend_config()
    meta = project.amplify_meta()
    for document in (config, meta):
        section = document.setdefault(CATEGORY, {})
        for name, entry in entries.items():
            if entry is None:
                section.pop(name, None)
            else:
                kept = {k: v for k, v in (section.get(name) or {}).items() if document is meta}
                section[name] = {**kept, **entry}
        if not section:
            document.pop(CATEGORY, None)
    project.save_backend_config(config)
    project.save_amplify_meta(meta)


def groups_entry(auth_name: str, config: dict[str, Any]) -> dict[str, Any]:
    return {
        "service": GROUPS_SERVICE,
        "providerPlugin": PROVIDER,
        "dependsOn": groups_depends_on(auth_name, identity_pool=has_identity_pool(config)),
    }


def delete_folder(project: Project, name: str) -> None:
    folder = resource_dir(project, name)
    shutil.rmtree(folder, ignore_errors=True)
    parent = folder.parent
    if parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()


def is_deployed(project: Project, name: str) -> bool:
    return name in (project.amplify_meta(current=True).get(CATEGORY) or {})
