"""Each function's environment variable values per environment: carried over by ``env add``,
asked for at push when the environment lacks one.

Gen 1 (amplify-category-function ``askEnvironmentVariableCarryOrUpdateQuestions``) copies every
function's ``team-provider-info.json`` block ``<env>.categories.function.<name>`` from the
environment the project was on to the new one; in a terminal without ``--yes`` it then asks
whether to carry them over or enter new values. Secret values are never in that block (Gen 1
keeps them in Parameter Store; ``function-parameters.json`` holds only their names). The
packaging keys (``deploymentBucketName``, ``s3Key``) name the old environment's bucket, so they
stay behind: the new environment's first push sets them.

Before a push (Gen 1's ``ensureEnvironmentVariableValues``) every variable a function lists in
``function-parameters.json`` must have a value in the current environment (an environment
made before the function was added has none): a terminal asks for the missing ones; ``--yes``
or no terminal fails, naming them, before anything is deployed.
"""

from __future__ import annotations

from typing import Any

from amplify_core.plugin import AmplifyContext, Choice, Question, UsageError, is_interactive

from . import CATEGORY
from .resource import FUNCTION_PARAMETERS, folder, read_file, resources

PACKAGING = ("deploymentBucketName", "s3Key")
CARRY, UPDATE = "carry", "update"


def _blocks(tpi: dict[str, Any], env: str) -> dict[str, Any]:
    return ((tpi.get(env) or {}).get("categories") or {}).get(CATEGORY) or {}


def carry_env_values(ctx: AmplifyContext, env_name: str, from_env: str | None) -> None:
    """Copy the values ``from_env`` has for each function into ``env_name`` (what it lacks)."""
    project = ctx.project
    if from_env is None or from_env == env_name:
        return
    tpi = project.team_provider_info()
    source = _blocks(tpi, from_env)
    carried: dict[str, dict[str, Any]] = {}
    for name in sorted(resources(project)):
        values = {k: v for k, v in (source.get(name) or {}).items() if k not in PACKAGING}
        if values:
            carried[name] = values
    if not carried:
        return
    if not ctx.yes and is_interactive():
        carried = _maybe_update(ctx, carried)
    target = tpi.setdefault(env_name, {}).setdefault("categories", {}).setdefault(CATEGORY, {})
    for name, values in carried.items():
        target[name] = {**values, **(target.get(name) or {})}
    project.save_team_provider_info(tpi)


def _maybe_update(ctx: AmplifyContext, carried: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Gen 1's question: carry the values over, or enter each one for the new environment."""
    choice = ctx.prompter.ask(
        [
            Question(
                id="envVarOperation",
                kind="select",
                message="You have configured environment variables for functions. How do you want to proceed?",
                choices=[
                    Choice(CARRY, "Carry over existing environment variables to this new environment"),
                    Choice(UPDATE, "Update environment variables now"),
                ],
                default=CARRY,
                flag="--yes",
            )
        ]
    )["envVarOperation"]
    if choice != UPDATE:
        return carried
    updated = {name: dict(values) for name, values in carried.items()}
    for name, values in updated.items():
        listed = (
            read_file(folder(ctx.project, name), FUNCTION_PARAMETERS, {}).get("environmentVariableList") or []
        )
        for item in listed:
            param, variable = item.get("cloudFormationParameterName"), item.get("environmentVariableName")
            if param not in values:
                continue
            values[param] = ctx.prompter.ask(
                [
                    Question(
                        id=f"{name}.{param}",
                        message=f"Enter the value of {variable} in {name} for the new environment:",
                        default=str(values[param]),
                        validate=lambda v: (
                            None if len(str(v)) <= 2048 else "The value must be 2048 characters or less"
                        ),
                    )
                ]
            )[f"{name}.{param}"]
    return updated


def _listed(ctx: AmplifyContext, name: str) -> list[tuple[str, str]]:
    """``(cloudFormationParameterName, environmentVariableName)`` of the function's own variables,
    each once (Gen 1 files can list one twice, e.g. NotoriousD/bilanenco-landing's ``status``)."""
    listed = (
        read_file(folder(ctx.project, name), FUNCTION_PARAMETERS, {}).get("environmentVariableList") or []
    )
    pairs = [
        (
            str(i["cloudFormationParameterName"]),
            str(i.get("environmentVariableName") or i["cloudFormationParameterName"]),
        )
        for i in listed
        if isinstance(i, dict) and i.get("cloudFormationParameterName")
    ]
    return list(dict.fromkeys(pairs))


def ensure_env_values(ctx: AmplifyContext) -> None:
    """Ask for (or refuse the push over) the variables that have no value in this environment."""
    project = ctx.project
    env = project.env_name
    tpi = project.team_provider_info()
    blocks = _blocks(tpi, env)
    missing = [
        (name, param, variable)
        for name in sorted(resources(project))
        for param, variable in _listed(ctx, name)
        if param not in (blocks.get(name) or {})
    ]
    if not missing:
        return
    by_function: dict[str, list[str]] = {}
    for name, _param, variable in missing:
        by_function.setdefault(name, []).append(variable)
    details = "\n".join(
        f"Function {name} is missing values for environment variables: {', '.join(variables)}"
        for name, variables in by_function.items()
    )
    if ctx.yes:
        raise UsageError(
            f"This environment ({env}) is missing some function environment variable values.\n{details}",
            hint=f"Set them in amplify/team-provider-info.json under {env}.categories.function.<name>, "
            "or run `amplify push` in a terminal to be asked for them.",
        )
    ctx.console.print(
        "Some Lambda function environment variables are missing values in this Amplify environment."
    )
    answers = ctx.prompter.ask(
        [
            Question(
                id=f"{name}.{param}",
                message=f"Enter the missing environment variable value of {variable} in {name}:",
                validate=lambda v: (
                    None if len(str(v)) <= 2048 else "The value must be 2048 characters or less"
                ),
                flag=f"team-provider-info.json {env}.categories.function.{name}.{param}",
            )
            for name, param, variable in missing
        ]
    )
    functions = tpi.setdefault(env, {}).setdefault("categories", {}).setdefault(CATEGORY, {})
    for name, param, _variable in missing:
        functions.setdefault(name, {})[param] = str(answers[f"{name}.{param}"])
    project.save_team_provider_info(tpi)
