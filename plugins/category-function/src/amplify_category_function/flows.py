"""``function add | update | remove | build``: prompts (or headless values) → files. No cloud calls.

Every value has a ``--params`` key; what is not given is asked through the core's prompter (a
terminal), taken from defaults (``--yes``), or listed as missing (CI). The template is rendered
from the answers (:mod:`.template`) and committed, as Gen 1 does, so it can be read and edited.
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
    local_lambda,
    pick_resource,
)

from . import CATEGORY, DEFAULT_RUNTIME, RUNTIMES, SERVICE, access, scaffold
from .category import function_category
from .resource import (
    CUSTOM_POLICIES,
    EMPTY_CUSTOM_POLICIES,
    FUNCTION_PARAMETERS,
    PARAMETERS,
    STATE,
    dependents,
    env_values,
    folder,
    read_file,
    read_template,
    resources,
    template_path,
    unregister,
    write,
)
from .template import Settings, cfn_param_for, keep_custom, read_settings, render

RUNTIME_CHOICES = [Choice(r, f"{'NodeJS' if r.startswith('node') else 'Python'} ({r})") for r in RUNTIMES]
TEMPLATES = [
    Choice("hello-world", "Hello World"),
    Choice("dynamodb-trigger", "Lambda trigger (DynamoDB stream of a storage table)"),
    Choice("s3-trigger", "Lambda trigger (S3 events of the storage bucket)"),
]
OPERATIONS = [Choice("create"), Choice("read"), Choice("update"), Choice("delete")]
ENTRY = {"build": True, "providerPlugin": DEFAULT_PROVIDER, "service": SERVICE}


def _name_problem(value: Any) -> str | None:
    return (
        None
        if isinstance(value, str) and re.fullmatch(r"[a-zA-Z0-9]{1,50}", value)
        else "Use 1-50 letters and digits."
    )


def services_of(project: Any) -> dict[tuple[str, str], str]:
    """``{(category, resource): service}`` of every resource a function may access."""
    found = {}
    for category in ("storage", "function"):
        for name, entry in (project.backend_config().get(category) or {}).items():
            if isinstance(entry, dict) and entry.get("service") in access.ATTRIBUTES:
                found[(category, name)] = str(entry["service"])
    return found


def _check_targets(settings: Settings, services: dict[tuple[str, str], str]) -> None:
    for category, targets in settings.permissions.items():
        for target in targets:
            if (category, target) not in services:
                raise UsageError(f"permissions: {category} {target} is not a resource of this project.")
            if category == CATEGORY and target == settings.name:
                raise UsageError("permissions: a function cannot be given access to itself.")
    if settings.trigger and services.get(("storage", settings.trigger)) != "DynamoDB":
        raise UsageError(f"trigger: storage {settings.trigger} is not a DynamoDB table of this project.")


def _env_settings(values: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """``({ENV: cfnParam}, {cfnParam: value})`` for the function's own variables."""
    names, params = {}, {}
    for key, value in sorted(values.items()):
        if key in ("ENV", "REGION") or re.match(r"^(STORAGE|FUNCTION|AUTH|API)_", key):
            raise UsageError(f"environmentVariables: {key} is set by amplify itself; choose another name.")
        names[key] = cfn_param_for(key)
        params[cfn_param_for(key)] = value
    if len(set(names.values())) != len(names):
        raise UsageError("environmentVariables: two names map to the same parameter; rename one.")
    return names, params


def _files(
    settings: Settings,
    services: dict[tuple[str, str], str],
    schedule: str | None,
    editor: str | None,
    resource_dir: Any,
) -> dict[str, Any]:
    family = local_lambda.runtime_family(settings.runtime)
    function_parameters = dict(read_file(resource_dir, FUNCTION_PARAMETERS, {}) or {})
    function_parameters["permissions"] = settings.permissions
    function_parameters.setdefault("lambdaLayers", [])
    function_parameters["environmentVariableList"] = [
        {"cloudFormationParameterName": p, "environmentVariableName": e}
        for e, p in sorted(settings.env_vars.items())
    ]
    if not function_parameters["environmentVariableList"]:
        function_parameters.pop("environmentVariableList")
    parameters = dict(read_file(resource_dir, PARAMETERS, {}) or {})
    parameters.pop("CloudWatchRule", None)
    if schedule:
        parameters["CloudWatchRule"] = schedule
    state = dict(read_file(resource_dir, STATE, {}) or {})
    state.update(
        {
            "pluginId": f"amplify-{'nodejs' if family == 'node' else 'python'}-function-runtime-provider",
            "functionRuntime": "nodejs" if family == "node" else "python",
            "useLegacyBuild": True,
        }
    )
    if editor:
        state["defaultEditorFile"] = editor
    return {
        template_path(resource_dir).name: render(settings, services),
        FUNCTION_PARAMETERS: function_parameters,
        PARAMETERS: parameters,
        STATE: state,
        CUSTOM_POLICIES: read_file(resource_dir, CUSTOM_POLICIES, EMPTY_CUSTOM_POLICIES),
    }


def _entry(settings: Settings, services: dict[tuple[str, str], str]) -> dict[str, Any]:
    from .template import wanted

    return {**ENTRY, "dependsOn": access.depends_on(wanted(settings, services))}


# -- add ----------------------------------------------------------------------------------


def run_add(ctx: AmplifyContext, given: dict[str, Any]) -> str:
    """Add a function; returns its name."""
    from .params import FunctionAddParams

    project = ctx.project
    given = {k: v for k, v in given.items() if v is not None}
    check_model("--params", given, FunctionAddParams)
    existing = project.backend_config().get(CATEGORY) or {}
    services = services_of(project)
    uuid = secrets.token_hex(4)
    base = re.sub(r"[^a-zA-Z0-9]", "", project.project_config().projectName)[:30] or "amplify"
    questions: list[Question] = []
    if "functionName" not in given:
        questions.append(
            Question(
                id="functionName",
                message="Provide an AWS Lambda function name:",
                default=f"{base}{uuid}",
                validate=_name_problem,
                flag='--params {"functionName": …}',
            )
        )
    if "runtime" not in given:
        questions.append(
            Question(
                id="runtime",
                kind="select",
                message="Choose the runtime that you want to use:",
                choices=RUNTIME_CHOICES,
                default=DEFAULT_RUNTIME,
                flag='--params {"runtime": …}',
            )
        )
    if "template" not in given and "trigger" not in given:
        questions.append(
            Question(
                id="template",
                kind="select",
                message="Choose the function template that you want to use:",
                choices=TEMPLATES,
                default="hello-world",
                flag='--params {"template": …}',
            )
        )
    answers = {**given, **ctx.prompter.ask(questions)}
    name = answers["functionName"]
    if name in existing:
        raise UsageError(f"A function named {name!r} already exists.")
    template = answers.get("template") or ("dynamodb-trigger" if answers.get("trigger") else "hello-world")
    trigger = (answers.get("trigger") or {}).get("resourceName")
    if template == "dynamodb-trigger" and not trigger:
        tables = sorted(r for (c, r), s in services.items() if c == "storage" and s == "DynamoDB")
        if not tables:
            raise UsageError(
                "No DynamoDB table in this project to trigger the function.",
                hint="Add one first: amplify add storage (NoSQL Database).",
            )
        trigger = ctx.prompter.ask(
            [
                Question(
                    id="trigger",
                    kind="select",
                    message="Choose a DynamoDB table:",
                    choices=tables,
                    default=tables[0],
                    flag='--params {"trigger": {"resourceName": …}}',
                )
            ]
        )["trigger"]
    if trigger and template != "dynamodb-trigger":
        raise UsageError('trigger: only the "dynamodb-trigger" template has a trigger.')
    advanced_keys = ("permissions", "environmentVariables", "schedule", "timeout")
    if not any(k in given for k in advanced_keys) and not ctx.yes:
        answers.update(_advanced(ctx, services, name, {}, None, {}))
    env_names, env_params = _env_settings(dict(answers.get("environmentVariables") or {}))
    settings = Settings(
        name=name,
        runtime=answers["runtime"],
        role_name=f"{base}LambdaRole{uuid}",
        timeout=int(answers.get("timeout") or 25),
        permissions={
            c: {r: list(o) for r, o in t.items()} for c, t in (answers.get("permissions") or {}).items() if t
        },
        env_vars=env_names,
        trigger=trigger,
        schedule=bool(answers.get("schedule")),
    )
    _check_targets(settings, services)
    resource_dir = folder(project, name)
    if resource_dir.exists():
        raise UsageError(f"{resource_dir} already exists; remove it or choose another name.")
    editor = scaffold.write_source(resource_dir, name, settings.runtime, template)
    write(
        project,
        name,
        _files(settings, services, answers.get("schedule"), editor, resource_dir),
        _entry(settings, services),
        env_params,
    )
    ctx.console.success(f"Successfully added resource {name} locally.")
    ctx.console.print(
        f"Edit {resource_dir / editor}; `amplify mock function {name}` runs it here, "
        "`amplify push` deploys it."
    )
    if template == "s3-trigger":  # the bucket is the storage category's: it names its trigger
        ctx.console.print(
            f"Make it the bucket's trigger with `amplify update storage` "
            f'(or --params \'{{"triggerFunction": "{name}"}}\'), or add storage with it.'
        )
    return name


def _advanced(
    ctx: AmplifyContext,
    services: dict[tuple[str, str], str],
    name: str,
    permissions: dict[str, Any],
    schedule: str | None,
    env: dict[str, str],
) -> dict[str, Any]:
    """Gen 1's "advanced settings": access to other resources, a schedule, environment variables."""
    found: dict[str, Any] = {"permissions": permissions, "schedule": schedule, "environmentVariables": env}
    if not ctx.prompter.ask(
        [
            Question(
                id="advanced",
                kind="confirm",
                default=False,
                message="Do you want to configure advanced settings?",
            )
        ]
    )["advanced"]:
        return found
    targets = [f"{c} {r}" for (c, r) in sorted(services) if not (c == CATEGORY and r == name)]
    if (
        targets
        and ctx.prompter.ask(
            [
                Question(
                    id="access",
                    kind="confirm",
                    default=bool(permissions),
                    message="Do you want to access other resources in this project from your Lambda function?",
                )
            ]
        )["access"]
    ):
        chosen = ctx.prompter.ask(
            [
                Question(
                    id="resources",
                    kind="checkbox",
                    choices=targets,
                    message="Select the resources this function may access:",
                    default=[f"{c} {r}" for c, rs in permissions.items() for r in rs],
                    validate=lambda v: None if v else "Select at least one.",
                )
            ]
        )["resources"]
        found["permissions"] = {}
        for target in chosen:
            category, resource = target.split(" ", 1)
            ops = ctx.prompter.ask(
                [
                    Question(
                        id="operations",
                        kind="checkbox",
                        choices=OPERATIONS,
                        default=list((permissions.get(category) or {}).get(resource) or ["read"]),
                        message=f"Select the operations you want to permit on {resource}",
                        validate=lambda v: None if v else "Select at least one.",
                    )
                ]
            )["operations"]
            found["permissions"].setdefault(category, {})[resource] = list(ops)
    if ctx.prompter.ask(
        [
            Question(
                id="scheduled",
                kind="confirm",
                default=bool(schedule),
                message="Do you want to invoke this function on a recurring schedule?",
            )
        ]
    )["scheduled"]:
        found["schedule"] = ctx.prompter.ask(
            [
                Question(
                    id="schedule",
                    message="Schedule expression (rate(5 minutes), cron(0 12 * * ? *)):",
                    default=schedule or "rate(5 minutes)",
                    validate=lambda v: (
                        None
                        if re.fullmatch(
                            r"rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\)", str(v)
                        )
                        else "Use rate(<n> minutes|hours|days) or cron(<6 fields>)."
                    ),
                )
            ]
        )["schedule"]
    else:
        found["schedule"] = None
    if ctx.prompter.ask(
        [
            Question(
                id="configureEnv",
                kind="confirm",
                default=False,
                message="Do you want to configure environment variables for this function?",
            )
        ]
    )["configureEnv"]:
        env = dict(env)
        more = True
        while more:
            pair = ctx.prompter.ask(
                [
                    Question(
                        id="envName",
                        message="Enter the environment variable name:",
                        validate=lambda v: (
                            None
                            if re.fullmatch(r"[a-zA-Z][a-zA-Z0-9_]{0,127}", str(v or ""))
                            else "Start with a letter; use letters, digits and _."
                        ),
                    ),
                    Question(id="envValue", message="Enter the environment variable value:"),
                ]
            )
            env[pair["envName"]] = str(pair["envValue"] or "")
            more = ctx.prompter.ask(
                [
                    Question(
                        id="moreEnv",
                        kind="confirm",
                        default=False,
                        message="Do you want to add another environment variable?",
                    )
                ]
            )["moreEnv"]
        found["environmentVariables"] = env
    return found


# -- update / remove ----------------------------------------------------------------------


def _pick(ctx: AmplifyContext, name: str | None, verb: str) -> str:
    return pick_resource(
        ctx.prompter,
        resources(ctx.project),
        name,
        none="No Lambda functions have been added to this project.",
        hint="Add one with: amplify add function",
        message=f"Select the Lambda function you want to {verb}",
        not_found="{name} is not a function of this project (it has: {names}).",
        flag="the function name as an argument",
    )


def run_update(ctx: AmplifyContext, name: str | None, given: dict[str, Any]) -> None:
    """Change runtime, access, schedule, environment variables or timeout; the template is re-rendered."""
    from .params import FunctionUpdateParams

    project = ctx.project
    given = {k: v for k, v in given.items() if v is not None}
    check_model("--params", given, FunctionUpdateParams)
    name = _pick(ctx, name, "update")
    resource_dir = folder(project, name)
    parameters = read_file(resource_dir, PARAMETERS, {})
    template = read_template(resource_dir)
    settings = read_settings(name, template, read_file(resource_dir, FUNCTION_PARAMETERS, {}), parameters)
    services = services_of(project)
    current_env = {e: str(env_values(project, name).get(p, "")) for e, p in settings.env_vars.items()}
    schedule = parameters.get("CloudWatchRule") if settings.schedule else None
    if not given:
        given = _advanced(ctx, services, name, settings.permissions, schedule, current_env)
    if "runtime" in given:
        if local_lambda.runtime_family(given["runtime"]) != local_lambda.runtime_family(
            settings.runtime or given["runtime"]
        ):
            raise UsageError(
                f"runtime: {name} is a {settings.runtime} function; only a newer version of that language can be chosen."
            )
        settings.runtime = given["runtime"]
    if "permissions" in given:
        settings.permissions = {
            c: {r: list(o) for r, o in t.items()} for c, t in (given["permissions"] or {}).items() if t
        }
    if "timeout" in given:
        settings.timeout = int(given["timeout"])
    if "schedule" in given:
        schedule = None if given["schedule"] in (None, "NONE") else given["schedule"]
        settings.schedule = bool(schedule)
    env = dict(given.get("environmentVariables", current_env) or {})
    settings.env_vars, env_params = _env_settings(env)
    _check_targets(settings, services)
    files = _files(settings, services, schedule, None, resource_dir)
    files[template_path(resource_dir).name] = keep_custom(template, files[template_path(resource_dir).name])
    write(project, name, files, _entry(settings, services), env_params)
    ctx.console.success(f"Successfully updated resource {name} locally.")


CONFIRM = (
    "Are you sure you want to delete the resource? This action deletes all files related to "
    "this resource from the backend directory."
)


def run_remove(ctx: AmplifyContext, name: str | None) -> bool:
    project = ctx.project
    name = _pick(ctx, name, "remove")
    users = dependents(project, CATEGORY, name)
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
    unregister(project, name)
    ctx.console.success("Successfully removed resource")
    ctx.console.print(f"Run `amplify push` to delete {CATEGORY} {name} in the cloud.")
    return True


def run_build(ctx: AmplifyContext, name: str | None) -> None:
    """Build and zip one function (or all), as push would, without deploying."""
    existing = resources(ctx.project)
    if name is not None and name not in existing:
        raise UsageError(
            f"{name} is not a function of this project (it has: {', '.join(sorted(existing)) or 'none'})."
        )
    names = [name] if name else sorted(existing)
    if not names:
        raise UsageError(
            "No Lambda functions have been added to this project.", hint="Add one with: amplify add function"
        )
    category = function_category(ctx)
    for each in names:
        built = category.package(folder(ctx.project, each))
        ctx.console.print(f"{each}: {built.zip_path} (sha256 {built.sha256})")
    ctx.console.success(f"Built {len(names)} function(s).")
