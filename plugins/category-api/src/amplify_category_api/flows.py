"""``api add | update | remove``: prompts (or headless values) → files. No cloud calls.

Every value has a ``--params`` key; what is not given is asked through the core's prompter
(a terminal), taken from defaults (``--yes``), or listed as missing (CI). A path calls a
function already in the project (``amplify add function`` first), as Gen 1's "Use a Lambda
function already added in the current Amplify project".
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from typing import Any

from amplify_core.plugin import (
    DEFAULT_PROVIDER,
    AmplifyContext,
    CategoryResources,
    Choice,
    Question,
    UsageError,
    check_model,
    pick_resource,
)

from . import CATEGORY, REST, rest
from .params import PATH_PATTERN
from .resource import RESOURCES, read_inputs, write

ENTRY = {"providerPlugin": DEFAULT_PROVIDER, "service": REST}
OPERATION_CHOICES = [Choice(op) for op in rest.OPERATIONS]
ACCESS_CHOICES = [
    Choice(rest.PRIVATE, "Authenticated users only"),
    Choice(rest.PROTECTED, "Authenticated and Guest users"),
    Choice(rest.USER_POOL, "Users signed in to the user pool (Cognito user-pool authorizer)"),
]
GRAPHQL_REFUSED = (
    "GraphQL APIs (AppSync) are not supported yet: their schema must be compiled into "
    "resolvers and stacks, which no installed plugin does."
)


def _check_path(value: Any) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(PATH_PATTERN, value):
        return "Use a path like /items or /book/{isbn}: segments of letters, digits, '-' and '_', or {name}."
    return None


def _overlap(paths: list[str]) -> str | None:
    for a in paths:
        for b in paths:
            if a != b and b.startswith(a.rstrip("/") + "/"):
                return f"Path {b} overlaps {a} (every path already serves {a.rstrip('/')}/{{proxy+}})."
    return None


def _functions(ctx: AmplifyContext) -> list[str]:
    return CategoryResources("function").names(ctx.project)


def _auth_resource(ctx: AmplifyContext, given: str | None) -> str:
    """The Cognito auth resource whose user pool the authorizer uses."""
    pools = CategoryResources("auth", "Cognito").names(ctx.project)
    if given:
        if given not in pools:
            raise UsageError(
                f"authResourceName: {given!r} is not a Cognito auth resource of this project "
                f"(it has: {', '.join(pools) or 'none'})."
            )
        return given
    if not pools:
        raise UsageError("A user-pool authorizer needs a user pool; add one first: amplify add auth")
    return pools[0]


def _normalized(paths: dict[str, Any]) -> dict[str, Any]:
    """Paths as Gen 1 writes them in ``cli-inputs.json`` (with ``name``, defaults filled)."""
    out: dict[str, Any] = {}
    for name, path in paths.items():
        given = dict(path.get("permissions") or {})
        setting = given.get("setting", rest.OPEN)
        permissions: dict[str, Any] = {"setting": setting}
        if setting in (rest.PRIVATE, rest.PROTECTED):
            permissions["auth"] = list(given.get("auth") or rest.OPERATIONS)
        if setting == rest.PROTECTED:
            permissions["guest"] = list(given.get("guest") or ["read"])
        out[name] = {"name": name, "lambdaFunction": path["lambdaFunction"], "permissions": permissions}
    return out


def _check_paths(ctx: AmplifyContext, paths: dict[str, Any]) -> None:
    functions = _functions(ctx)
    for name, path in paths.items():
        if path["lambdaFunction"] not in functions:
            raise UsageError(
                f"paths.{name}.lambdaFunction: {path['lambdaFunction']!r} is not a function of this project "
                f"(it has: {', '.join(functions) or 'none'}).",
                hint="Add it first: amplify add function",
            )
    problem = _overlap(list(paths))
    if problem:
        raise UsageError(problem)


def _ask_path(
    ctx: AmplifyContext, taken: list[str], *, first: bool, extra: Sequence[Question] = ()
) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """One path's questions (after ``extra``, in one batch: without a terminal, all are listed)."""
    functions = _functions(ctx)
    if not functions:
        raise UsageError(
            "A REST path calls a Lambda function, and this project has none.",
            hint="Add one first: amplify add function",
        )
    answers = ctx.prompter.ask(
        [
            *extra,
            Question(
                id="path",
                message="Provide a path (e.g., /book/{isbn}):",
                default="/items" if first else None,
                validate=lambda v: (
                    _check_path(v) or (f"{v} is already a path of this API." if v in taken else None)
                ),
                flag='--params {"paths": {"/items": …}}',
            ),
            Question(
                id="lambdaFunction",
                kind="select",
                choices=functions,
                default=functions[0],
                message="Choose the Lambda function to invoke by this path",
                flag='--params {"paths": {"/items": {"lambdaFunction": …}}}',
            ),
            Question(
                id="restrictAccess",
                kind="confirm",
                default=False,
                message="Restrict API access?",
                flag='--params {"paths": {"/items": {"permissions": {"setting": …}}}}',
            ),
        ]
    )
    permissions: dict[str, Any] = {"setting": rest.OPEN}
    if answers["restrictAccess"]:
        setting = ctx.prompter.ask(
            [
                Question(
                    id="access",
                    kind="select",
                    choices=ACCESS_CHOICES,
                    default=rest.PRIVATE,
                    message="Who should have access?",
                )
            ]
        )["access"]
        permissions = {"setting": setting}
        if setting in (rest.PRIVATE, rest.PROTECTED):
            permissions["auth"] = ctx.prompter.ask(
                [
                    Question(
                        id="authOperations",
                        kind="checkbox",
                        choices=OPERATION_CHOICES,
                        default=list(rest.OPERATIONS),
                        message="What permissions do you want to grant to Authenticated users?",
                        validate=lambda v: None if v else "Select at least one.",
                    )
                ]
            )["authOperations"]
        if setting == rest.PROTECTED:
            permissions["guest"] = ctx.prompter.ask(
                [
                    Question(
                        id="guestOperations",
                        kind="checkbox",
                        choices=OPERATION_CHOICES,
                        default=["read"],
                        message="What permissions do you want to grant to Guest users?",
                        validate=lambda v: None if v else "Select at least one.",
                    )
                ]
            )["guestOperations"]
    return answers["path"], {"lambdaFunction": answers["lambdaFunction"], "permissions": permissions}, answers


def _ask_paths(
    ctx: AmplifyContext, existing: dict[str, Any] | None = None, extra: Sequence[Question] = ()
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Paths asked one by one; returns them and the answers to ``extra``."""
    paths = dict(existing or {})
    batch, answered = list(extra), {}
    while True:
        name, path, answers = _ask_path(ctx, list(paths), first=not paths, extra=batch)
        answered.update({q.id: answers[q.id] for q in batch})
        paths[name], batch = path, []
        if not ctx.prompter.ask(
            [
                Question(
                    id="addAnotherPath",
                    kind="confirm",
                    default=False,
                    message="Do you want to add another path?",
                )
            ]
        )["addAnotherPath"]:
            return paths, answered


def _inputs(ctx: AmplifyContext, paths: dict[str, Any], auth_resource: str | None) -> dict[str, Any]:
    normalized = _normalized(paths)
    _check_paths(ctx, normalized)
    inputs: dict[str, Any] = {"version": 1, "paths": normalized}
    if rest.USER_POOL in rest.settings(inputs):
        inputs["authResourceName"] = _auth_resource(ctx, auth_resource)
    return inputs


def run_add(ctx: AmplifyContext, given: dict[str, Any]) -> str:
    """Add a REST API; returns its resource name."""
    from .params import ApiAddParams

    given = {k: v for k, v in given.items() if v is not None}
    if "service" not in given and "paths" not in given:
        given.update(
            ctx.prompter.ask(
                [
                    Question(
                        id="service",
                        kind="select",
                        message="Select from one of the below mentioned services:",
                        choices=[Choice("GraphQL"), Choice("REST")],
                        default="REST",
                        flag='--params {"service": "REST"}',
                    )
                ]
            )
        )
    if given.get("service") == "GraphQL":
        raise UsageError(GRAPHQL_REFUSED, hint='Add a REST API instead: --params {"service": "REST", …}')
    given.setdefault("service", "REST")
    check_model("--params", given, ApiAddParams)
    existing = RESOURCES.entries(ctx.project)
    questions = []
    if "resourceName" not in given:
        questions.append(
            Question(
                id="resourceName",
                default=f"api{secrets.token_hex(4)}",
                message="Provide a friendly name for your resource to be used as a label for this category in the project:",
                validate=lambda v: (
                    None
                    if isinstance(v, str) and re.fullmatch(r"[a-zA-Z0-9]{1,128}", v)
                    else "Use 1-128 letters and digits."
                ),
                flag='--params {"resourceName": …}',
            )
        )
    if "paths" in given:
        given.update(ctx.prompter.ask(questions))
        paths = given["paths"]
    else:
        paths, answers = _ask_paths(ctx, extra=questions)
        given.update(answers)
    name = given["resourceName"]
    if name in existing:
        raise UsageError(f"An api resource named {name!r} already exists.")
    inputs = _inputs(ctx, paths, given.get("authResourceName"))
    write(ctx.project, name, inputs, {**ENTRY, "dependsOn": rest.depends_on(inputs)})
    ctx.console.success(f"Successfully added resource {name} locally")
    ctx.console.print("Run `amplify push` to deploy it.")
    return name


def _pick(ctx: AmplifyContext, name: str | None, verb: str) -> str:
    existing = RESOURCES.entries(ctx.project)
    name = pick_resource(
        ctx.prompter,
        existing,
        name,
        none="No api resources have been added to this project.",
        hint="Add one with: amplify add api",
        message=f"Select the API you want to {verb}",
        not_found="{name} is not an api resource of this project (it has: {names}).",
    )
    if existing[name].get("service") != REST:
        raise UsageError(
            f"{name} is a {existing[name].get('service')} API; only REST APIs can be changed here."
        )
    return name


def run_update(ctx: AmplifyContext, name: str | None, given: dict[str, Any]) -> None:
    """Replace the API's paths (headless), or add / change / remove one path (prompts)."""
    from .params import ApiUpdateParams

    project = ctx.project
    name = _pick(ctx, name, "update")
    inputs = read_inputs(project, name)
    given = {k: v for k, v in given.items() if v is not None}
    if given:
        check_model("--params", given, ApiUpdateParams)
        paths = given["paths"]
    else:
        paths = _ask_update(ctx, dict(inputs.get("paths") or {}))
    inputs = _inputs(ctx, paths, given.get("authResourceName") or inputs.get("authResourceName"))
    entry = {**RESOURCES.entries(project)[name], **ENTRY, "dependsOn": rest.depends_on(inputs)}
    write(project, name, inputs, entry)
    ctx.console.success(f"Successfully updated resource {name} locally")


def _ask_update(ctx: AmplifyContext, paths: dict[str, Any]) -> dict[str, Any]:
    action = ctx.prompter.ask(
        [
            Question(
                id="action",
                kind="select",
                default="add",
                message="What would you like to do?",
                choices=[
                    Choice("add", "Add another path"),
                    Choice("update", "Update path"),
                    Choice("remove", "Remove path"),
                ],
            )
        ]
    )["action"]
    if action == "add":
        return _ask_paths(ctx, paths)[0]
    chosen = ctx.prompter.ask(
        [
            Question(
                id="pathName", kind="select", choices=sorted(paths), message=f"Select the path to {action}"
            )
        ]
    )["pathName"]
    paths.pop(chosen)
    if action == "remove":
        if not paths:
            raise UsageError("An API needs at least one path; remove the API instead: amplify remove api")
        return paths
    new_name, path, _ = _ask_path(ctx, list(paths), first=False)
    paths[new_name] = path
    return paths


CONFIRM = (
    "Are you sure you want to delete the resource? This action deletes all files related to "
    "this resource from the backend directory."
)


def run_remove(ctx: AmplifyContext, name: str | None) -> bool:
    project = ctx.project
    existing = RESOURCES.entries(project)
    if name is None or name not in existing:
        name = _pick(ctx, name, "remove")
    users = RESOURCES.dependents(project, name)
    if users:
        raise UsageError(
            f"Resource cannot be removed because it has a dependency on another resource: {', '.join(users)}."
        )
    if (
        not ctx.yes
        and not ctx.prompter.ask(
            [Question(id="confirmRemove", kind="confirm", default=False, message=CONFIRM, flag="--yes")]
        )["confirmRemove"]
    ):
        ctx.console.print("Nothing was removed.")
        return False
    RESOURCES.unregister(project, name)
    ctx.console.success("Successfully removed resource")
    ctx.console.print(f"Run `amplify push` to delete {CATEGORY} {name} in the cloud.")
    return True
