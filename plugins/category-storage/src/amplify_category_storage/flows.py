"""``storage add | update | remove``: prompts (or headless values) → files. No cloud calls.

Every value has a ``--params`` key; what is not given is asked through the core's
prompter (a terminal), taken from defaults (``--yes``), or listed as missing (CI).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from amplify_core.plugin import (
    DEFAULT_PROVIDER,
    AmplifyContext,
    Choice,
    Question,
    UsageError,
    check_model,
    pick_resource,
)

from . import CATEGORY, DYNAMODB, S3, s3
from .resource import RESOURCES, read_inputs, write

ACCESS_CHOICES = [
    Choice("CREATE_AND_UPDATE", "create/update"),
    Choice("READ", "read"),
    Choice("DELETE", "delete"),
]
ALL_ACCESS = ["CREATE_AND_UPDATE", "READ", "DELETE"]
KEY_TYPES = ["string", "number", "binary"]
ENTRY = {"providerPlugin": DEFAULT_PROVIDER}


def _uuid() -> str:
    return secrets.token_hex(4)


def _need_name(value: Any) -> str | None:
    return (
        None
        if isinstance(value, str) and re.fullmatch(r"[a-zA-Z0-9]{1,128}", value)
        else ("Use 1-128 letters and digits.")
    )


def _bucket_problem(env_name: str):
    def check(value: Any) -> str | None:
        text = str(value or "")
        if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*[a-z0-9]", text) or len(text) < 3:
            return (
                "Use 3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit."
            )
        if len(f"{text}-{env_name}") > 63:
            return f"Too long: with -{env_name} appended the bucket name must fit in 63 characters."
        return None

    return check


def run_add(ctx: AmplifyContext, given: dict[str, Any]) -> str:
    """Add a bucket or a table; returns the resource name."""
    from .params import DynamoDBParams, S3Params

    project = ctx.project
    given = {k: v for k, v in given.items() if v is not None}
    if "service" not in given:
        given.update(
            ctx.prompter.ask(
                [
                    Question(
                        id="service",
                        message="Select from one of the below mentioned services:",
                        kind="select",
                        choices=[
                            Choice(S3, "Content (Images, audio, video, etc.)"),
                            Choice(DYNAMODB, "NoSQL Database"),
                        ],
                        default=S3,
                        flag='--params {"service": "S3" | "DynamoDB"}',
                    )
                ]
            )
        )
    if given["service"] not in (S3, DYNAMODB):
        raise UsageError(
            f"Invalid parameters:\n  --params.service: {given['service']!r} is not one of ['S3', 'DynamoDB']"
        )
    check_model("--params", given, S3Params if given["service"] == S3 else DynamoDBParams)
    existing = RESOURCES.entries(project)
    if given.get("resourceName") in existing:
        raise UsageError(f"A storage resource named {given['resourceName']!r} already exists.")
    if given["service"] == S3:
        name, inputs = _add_bucket(ctx, given, existing)
        entry = {"service": S3, **ENTRY, "dependsOn": s3.depends_on(inputs)}
    else:
        name, inputs = _add_table(ctx, given, existing)
        entry = {"service": DYNAMODB, **ENTRY}
    for problem in _depends_problems(project, entry):
        raise UsageError(problem)
    write(project, name, inputs, entry)
    ctx.console.success(f"Successfully added resource {name} locally")
    ctx.console.print("Run `amplify push` to deploy it.")
    return name


def _add_bucket(
    ctx: AmplifyContext, given: dict[str, Any], existing: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    if any(e.get("service") == S3 for e in existing.values()):
        raise UsageError(
            "Amazon S3 storage was already added to your project.",
            hint="Change it with: amplify update storage",
        )
    project = ctx.project
    uuid = _uuid()
    env_name = project.env_name
    base = re.sub(r"[^a-z0-9]", "", project.project_config().projectName.lower())[:30] or "amplify"
    questions = []
    if "resourceName" not in given:
        questions.append(
            Question(
                id="resourceName",
                default=f"s3{uuid}",
                validate=_need_name,
                message="Provide a friendly name for your resource that will be used to label this category in the project:",
                flag='--params {"resourceName": …}',
            )
        )
    if "bucketName" not in given:
        questions.append(
            Question(
                id="bucketName",
                default=f"{base}storage{uuid}",
                validate=_bucket_problem(env_name),
                message="Provide bucket name:",
                flag='--params {"bucketName": …}',
            )
        )
    if "authAccess" not in given:
        questions.append(
            Question(
                id="authAccess",
                kind="checkbox",
                choices=ACCESS_CHOICES,
                default=list(ALL_ACCESS),
                message="What kind of access do you want for Authenticated users?",
                validate=lambda v: None if v else "Select at least one.",
                flag='--params {"authAccess": […]}',
            )
        )
    if "guestAccess" not in given:
        questions.append(
            Question(
                id="guestAccess",
                kind="checkbox",
                choices=ACCESS_CHOICES,
                default=[],
                message="What kind of access do you want for Guest users? (none: signed-in users only)",
                flag='--params {"guestAccess": […]}',
            )
        )
    functions = _functions(project)
    if "triggerFunction" in given:
        _checked_trigger(project, given["triggerFunction"])  # before anything is asked
    elif functions:
        questions.append(
            Question(
                id="addTrigger",
                kind="confirm",
                default=False,
                message="Do you want to add a Lambda Trigger for your S3 Bucket?",
                flag='--params {"triggerFunction": …}',
            )
        )
    answers = {**given, **ctx.prompter.ask(questions)}
    problem = _bucket_problem(env_name)(answers["bucketName"])
    if problem:
        raise UsageError(f"bucketName: {problem}")
    if answers.pop("addTrigger", False):
        answers["triggerFunction"] = _ask_function(ctx, functions, None)
    trigger = _checked_trigger(project, answers.get("triggerFunction"))
    guest = list(answers.get("guestAccess") or [])
    inputs: dict[str, Any] = {
        "resourceName": answers["resourceName"],
        "policyUUID": uuid,
        "bucketName": answers["bucketName"],
        "storageAccess": "authAndGuest" if guest else "auth",
        "guestAccess": guest,
        "authAccess": list(answers["authAccess"]),
        "triggerFunction": trigger,
        "groupAccess": dict(answers.get("groupAccess") or {}),
    }
    return inputs["resourceName"], inputs


def _functions(project: Any) -> list[str]:
    """The project's Lambda functions (what a bucket can trigger)."""
    found = project.backend_config().get("function") or {}
    return sorted(name for name, entry in found.items() if entry.get("service", "Lambda") == "Lambda")


def _ask_function(ctx: AmplifyContext, functions: list[str], current: str | None) -> str:
    choices = [f for f in functions if f != current] or functions
    return ctx.prompter.ask(
        [
            Question(
                id="triggerFunction",
                kind="select",
                choices=choices,
                default=choices[0] if len(choices) == 1 else None,
                message="Select the function S3 invokes (Choose an existing function from the project):",
                flag='--params {"triggerFunction": …}',
            )
        ]
    )["triggerFunction"]


def _checked_trigger(project: Any, name: str | None) -> str:
    """``NONE`` or a function of the project: a bucket cannot notify a function that is not there."""
    if not name or name == "NONE":
        return "NONE"
    functions = _functions(project)
    if name not in functions:
        have = f" (it has: {', '.join(functions)})" if functions else ""
        raise UsageError(
            f"triggerFunction: {name} is not a function of this project{have}.",
            hint="Add it first with: amplify add function",
        )
    return name


TRIGGER_ADD, TRIGGER_UPDATE, TRIGGER_REMOVE, TRIGGER_SKIP = (
    "Add the Trigger",
    "Update the Trigger",
    "Remove the Trigger",
    "Skip Question",
)


def _ask_trigger_change(ctx: AmplifyContext, inputs: dict[str, Any]) -> str | None:
    """Gen 1's update menu: the new ``triggerFunction``, ``NONE``, or None to keep it."""
    current = s3.trigger_function(inputs)
    functions = _functions(ctx.project)
    if not current and not functions:
        return None
    choices = [TRIGGER_UPDATE, TRIGGER_REMOVE, TRIGGER_SKIP] if current else [TRIGGER_ADD, TRIGGER_SKIP]
    if current and len(functions) < 2:
        choices.remove(TRIGGER_UPDATE)
    picked = ctx.prompter.ask(
        [
            Question(
                id="triggerOperation",
                kind="select",
                choices=choices,
                default=TRIGGER_SKIP,
                message="Select from the following options",
                flag='--params {"triggerFunction": … | "NONE"}',
            )
        ]
    )["triggerOperation"]
    if picked == TRIGGER_REMOVE:
        return "NONE"
    if picked in (TRIGGER_ADD, TRIGGER_UPDATE):
        return _ask_function(ctx, functions, current)
    return None


def _key_questions(prefix: str, label: str, *, optional: bool) -> list[Question]:
    return [
        Question(
            id=f"{prefix}Name",
            message=f"{label} name{' (empty for none)' if optional else ''}:",
            default="" if optional else "id",
            flag=f'--params {{"{prefix}": {{"fieldName": …}}}}',
        ),
        Question(
            id=f"{prefix}Type",
            message=f"{label} type:",
            kind="select",
            choices=KEY_TYPES,
            default="string",
            flag=f'--params {{"{prefix}": {{"fieldType": …}}}}',
        ),
    ]


def _add_table(
    ctx: AmplifyContext, given: dict[str, Any], existing: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    uuid = _uuid()
    questions: list[Question] = []
    if "resourceName" not in given:
        questions.append(
            Question(
                id="resourceName",
                default=f"dynamo{uuid}",
                validate=_need_name,
                message="Provide a friendly name:",
                flag='--params {"resourceName": …}',
            )
        )
    if "tableName" not in given:
        questions.append(
            Question(
                id="tableName",
                default="",
                message="Provide table name (empty: the resource name):",
                validate=lambda v: (
                    None
                    if not v or re.fullmatch(r"[a-zA-Z0-9_.-]{3,200}", str(v))
                    else "Use 3-200 letters, digits, '_', '.' and '-'."
                ),
                flag='--params {"tableName": …}',
            )
        )
    if "partitionKey" not in given:
        questions += _key_questions("partitionKey", "Partition key", optional=False)
        if "sortKey" not in given:
            questions += _key_questions("sortKey", "Sort key", optional=True)[:1]
    if "gsi" not in given:
        questions.append(_gsi_question(first=True))
    answers = {**given, **ctx.prompter.ask(questions)}  # one batch: without a terminal, all are listed
    name = answers["resourceName"]
    if name in existing:
        raise UsageError(f"A storage resource named {name!r} already exists.")
    if "partitionKey" not in given:
        answers["partitionKey"] = {
            "fieldName": answers["partitionKeyName"],
            "fieldType": answers["partitionKeyType"],
        }
        if answers.get("sortKeyName"):
            kind = ctx.prompter.ask(_key_questions("sortKey", "Sort key", optional=True)[1:])
            answers["sortKey"] = {"fieldName": answers["sortKeyName"], "fieldType": kind["sortKeyType"]}
    if "gsi" not in given:
        answers["gsi"] = _ask_indexes(ctx, first=answers["addGsi"])
    inputs: dict[str, Any] = {
        "resourceName": name,
        "tableName": answers.get("tableName") or name,
        "partitionKey": _key(answers["partitionKey"]),
        "gsi": [_index(i) for i in answers.get("gsi") or []],
        "triggerFunctions": [],
    }
    if answers.get("sortKey"):
        inputs["sortKey"] = _key(answers["sortKey"])
    _check_table(inputs)
    return name, inputs


def _key(key: dict[str, Any]) -> dict[str, str]:
    return {"fieldName": key["fieldName"], "fieldType": key.get("fieldType", "string")}


def _index(index: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"name": index["name"], "partitionKey": _key(index["partitionKey"])}
    if index.get("sortKey"):
        out["sortKey"] = _key(index["sortKey"])
    return out


def _gsi_question(*, first: bool) -> Question:
    return Question(
        id="addGsi",
        kind="confirm",
        default=False,
        flag='--params {"gsi": […]}',
        message="Do you want to add global secondary indexes to your table?"
        if first
        else "Do you want to add more global secondary indexes?",
    )


def _ask_indexes(ctx: AmplifyContext, *, first: bool | None = None) -> list[dict[str, Any]]:
    """Indexes asked one by one; ``first`` is the answer to the first "add one?" if already asked."""
    indexes: list[dict[str, Any]] = []
    more = first if first is not None else ctx.prompter.ask([_gsi_question(first=True)])["addGsi"]
    while more:
        name = ctx.prompter.ask(
            [
                Question(
                    id="gsiName",
                    message="Provide the GSI name:",
                    validate=lambda v: (
                        None
                        if re.fullmatch(r"[a-zA-Z0-9_.-]{3,200}", str(v or ""))
                        else "Use 3-200 letters, digits, '_', '.' and '-'."
                    ),
                )
            ]
        )["gsiName"]
        key = ctx.prompter.ask(_key_questions("gsiPartitionKey", "GSI partition key", optional=False))
        sort = ctx.prompter.ask(_key_questions("gsiSortKey", "GSI sort key", optional=True)[:1])
        index: dict[str, Any] = {
            "name": name,
            "partitionKey": {
                "fieldName": key["gsiPartitionKeyName"],
                "fieldType": key["gsiPartitionKeyType"],
            },
        }
        if sort["gsiSortKeyName"]:
            kind = ctx.prompter.ask(_key_questions("gsiSortKey", "GSI sort key", optional=True)[1:])
            index["sortKey"] = {"fieldName": sort["gsiSortKeyName"], "fieldType": kind["gsiSortKeyType"]}
        indexes.append(index)
        more = ctx.prompter.ask([_gsi_question(first=False)])["addGsi"]
    return indexes


def _check_table(inputs: dict[str, Any]) -> None:
    """What DynamoDB would reject, caught before anything is written."""
    names = [i["name"] for i in inputs.get("gsi") or []]
    if len(names) != len(set(names)):
        raise UsageError("gsi: two global secondary indexes have the same name.")
    if len(names) > 20:
        raise UsageError("gsi: a table has at most 20 global secondary indexes.")
    sort = inputs.get("sortKey")
    if sort and sort["fieldName"] == inputs["partitionKey"]["fieldName"]:
        raise UsageError("sortKey: the sort key must differ from the partition key.")
    types: dict[str, str] = {}
    keys = [inputs["partitionKey"], sort] + [
        k for i in inputs.get("gsi") or [] for k in (i["partitionKey"], i.get("sortKey"))
    ]
    for key in keys:
        if key and types.setdefault(key["fieldName"], key["fieldType"]) != key["fieldType"]:
            raise UsageError(
                f"Attribute {key['fieldName']!r} is given two types ({types[key['fieldName']]} and {key['fieldType']})."
            )


def _depends_problems(project: Any, entry: dict[str, Any]) -> list[str]:
    config = project.backend_config()
    problems = []
    for dep in entry.get("dependsOn") or []:
        if dep["category"] == "function":
            continue  # checked by _checked_trigger, with its own message
        if dep["resourceName"] not in (config.get(dep["category"]) or {}):
            problems.append(
                f"groupAccess needs the user-pool groups resource ({dep['category']} {dep['resourceName']}); "
                "add auth with groups first (amplify add auth)."
            )
    return problems


def _pick(ctx: AmplifyContext, name: str | None, verb: str) -> str:
    return pick_resource(
        ctx.prompter,
        RESOURCES.entries(ctx.project),
        name,
        none="No storage resources have been added to this project.",
        hint="Add one with: amplify add storage",
        message=f"Choose the resource you would want to {verb}",
        not_found="{name} is not a storage resource of this project (it has: {names}).",
    )


def run_update(ctx: AmplifyContext, name: str | None, given: dict[str, Any]) -> None:
    """Change a bucket's access or a table's indexes (table keys cannot change, as in DynamoDB)."""
    from .params import DynamoDBUpdateParams, S3UpdateParams

    project = ctx.project
    name = _pick(ctx, name, "update")
    entry = RESOURCES.entries(project)[name]
    inputs = read_inputs(project, name)
    given = {k: v for k, v in given.items() if v is not None}
    if entry.get("service") == S3:
        check_model("--params", given, S3UpdateParams)
        if not given:
            given = ctx.prompter.ask(
                [
                    Question(
                        id="authAccess",
                        kind="checkbox",
                        choices=ACCESS_CHOICES,
                        default=inputs.get("authAccess"),
                        message="What kind of access do you want for Authenticated users?",
                        validate=lambda v: None if v else "Select at least one.",
                    ),
                    Question(
                        id="guestAccess",
                        kind="checkbox",
                        choices=ACCESS_CHOICES,
                        default=inputs.get("guestAccess") or [],
                        message="What kind of access do you want for Guest users?",
                    ),
                ]
            )
            change = _ask_trigger_change(ctx, inputs)
            if change is not None:
                given["triggerFunction"] = change
        if "triggerFunction" in given:
            given["triggerFunction"] = _checked_trigger(project, given["triggerFunction"])
        inputs.update({k: list(v) if isinstance(v, list) else v for k, v in given.items()})
        inputs["storageAccess"] = "authAndGuest" if inputs.get("guestAccess") else "auth"
        entry = {**entry, "dependsOn": s3.depends_on(inputs)}
        for problem in _depends_problems(project, entry):
            raise UsageError(problem)
    else:
        check_model("--params", given, DynamoDBUpdateParams)
        if "gsi" not in given:
            given["gsi"] = [*inputs.get("gsi", []), *_ask_indexes(ctx)]
        inputs["gsi"] = [_index(i) for i in given["gsi"]]
        _check_table(inputs)
    write(project, name, inputs, entry)
    ctx.console.success(f"Successfully updated resource {name} locally")


CONFIRM = (
    "Are you sure you want to delete the resource? This action deletes all files related to "
    "this resource from the backend directory."
)


def run_remove(ctx: AmplifyContext, name: str | None) -> bool:
    project = ctx.project
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
    from .cleanup import record_bucket

    record_bucket(project, name)
    RESOURCES.unregister(project, name)
    ctx.console.success("Successfully removed resource")
    ctx.console.print(f"Run `amplify push` to delete {CATEGORY} {name} in the cloud.")
    return True
