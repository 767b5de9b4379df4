"""Where each resource's template and parameter values come from, decided before any cloud call.

A resource is built by its category's plugin when one is installed and offers the
resource's service. Otherwise it deploys from the CloudFormation template committed in its
folder, as Gen 1 treats ``custom`` resources — unless it needs a build step that nothing
installed performs (a GraphQL schema, a CDK app, Lambda source, an ``override.ts``), or has
no template at all, or its template (committed or built by a plugin) creates a Lambda function
with a runtime AWS no longer accepts (:func:`retired_runtime`). Such resources are *refused*: :func:`refusal_message` names each on one
line with its category and service, and the push stops with exit 2, nothing changed.

Parameter values are merged as Gen 1 does: ``parameters.json`` (or the plugin's values), then
the environment's block of ``team-provider-info.json`` ``categories.<category>.<resource>``;
``env`` and the ``dependsOn`` outputs are added by :func:`~amplify_core.changes.plan.stack_parameters`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..local_lambda.runtimes import blocked_for_create, blocked_for_update
from ..state.jsonfile import read_json
from .templates import committed_template, load_template

#: Gen 1 services whose deployable template is produced by a build step (no plugin of ours runs it).
BUILD_STEPS: dict[str, str] = {
    "AppSync": "its GraphQL schema must be compiled into AppSync resolvers and stacks",
    "customCDK": "its CDK app (cdk-stack.ts) must be synthesized",
    "amplifyhosting": "Amplify Console hosting is managed by the Amplify service, not a template",
    "ElasticContainer": "its container must be built and pushed",
}

#: Files that mean a build step, whatever the service says.
BUILD_FILES: dict[str, str] = {
    "schema.graphql": "its GraphQL schema must be compiled into AppSync resolvers and stacks",
    "cdk-stack.ts": "its CDK app (cdk-stack.ts) must be synthesized",
    "override.ts": "its override.ts must be compiled and applied to the template",
}


@dataclass(frozen=True)
class Refusal:
    """A resource that cannot be built by what is installed, and why."""

    category: str
    name: str
    service: str
    reason: str

    def line(self) -> str:
        return f"{self.category} {self.name} ({self.service or 'no service'}): {self.reason}"


class RefusedResource(UsageError):
    """Raised by a category plugin for one resource it cannot build (collected into one error)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def build_step_needed(folder: Path, entry: Mapping[str, Any]) -> str | None:
    """Why a resource needs a build step no plugin of ours performs, or ``None``."""
    service = str(entry.get("service", ""))
    if service in BUILD_STEPS:
        return BUILD_STEPS[service]
    for filename, reason in BUILD_FILES.items():
        if (folder / filename).exists():
            return reason
    if entry.get("build") is True:
        return "its source must be built and packaged"
    return None


def committed_source(
    folder: Path, name: str, entry: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Template and ``parameters.json`` values of a resource no plugin builds.

    :raises RefusedResource: it needs a build step, or its folder holds no template.
    """
    reason = build_step_needed(folder, entry)
    if reason:
        raise RefusedResource(f"{reason}; no installed plugin offers that")
    path = committed_template(folder, name)
    if path is None:
        raise RefusedResource(
            f"no CloudFormation template in {folder.name}/ "
            f"(expected {name}-cloudformation-template.json or .yml) and no installed plugin builds it"
        )
    values = read_json(path.parent / "parameters.json", default=None)
    if values is None and path.parent != folder:
        values = read_json(folder / "parameters.json", default=None)
    if values is not None and not isinstance(values, dict):
        raise RefusedResource(f"{path.parent / 'parameters.json'} is not a JSON object")
    return load_template(path), dict(values or {})


LAMBDA_TYPES = ("AWS::Lambda::Function", "AWS::Serverless::Function")
#: The current runtimes a refusal suggests, by language.
CURRENT_RUNTIMES = {"nodejs": "nodejs22.x", "python": "python3.13"}


def _value(value: Any, template: Mapping[str, Any], values: Mapping[str, Any]) -> Any:
    """A property's value when it is a literal or a ``Ref`` to a parameter (else ``None``)."""
    if isinstance(value, dict) and set(value) == {"Ref"}:
        name = value["Ref"]
        if name in values:
            return values[name]
        spec = (template.get("Parameters") or {}).get(name)
        return spec.get("Default") if isinstance(spec, dict) else None
    return value


def retired_runtime(
    template: Mapping[str, Any], values: Mapping[str, Any], *, deployed: bool, where: str = "its template"
) -> str | None:
    """Why AWS would refuse this template's Lambda functions today, or ``None``.

    Lambda refuses to create functions with a runtime past its block-create date, and to update
    them past its block-update date (``local_lambda.runtimes``): a stack with one fails and rolls
    back. A resource already deployed in this environment is held to the update date.
    """
    for logical_id, resource in (template.get("Resources") or {}).items():
        if not isinstance(resource, dict) or resource.get("Type") not in LAMBDA_TYPES:
            continue
        properties = resource.get("Properties") or {}
        runtime = _value(properties.get("Runtime"), template, values)
        if not isinstance(runtime, str):
            continue
        blocked = blocked_for_update(runtime) if deployed else blocked_for_create(runtime)
        if not blocked:
            continue
        language = (
            "nodejs" if runtime.startswith("nodejs") else "python" if runtime.startswith("python") else ""
        )
        reason = (
            f"its template creates Lambda function {logical_id} with runtime {runtime}, which AWS no longer "
            "accepts (InvalidParameterValueException)"
        )
        code = str((properties.get("Code") or {}).get("ZipFile") or "")
        if language == "nodejs" and "aws-sdk'" in code.replace('"', "'") and "@aws-sdk" not in code:
            reason += (
                "; its inline code also requires 'aws-sdk' (SDK v2), which nodejs18.x and later runtimes do not "
                "include (they include SDK v3, @aws-sdk/*)"
            )
        fix = (
            f"set Runtime to {CURRENT_RUNTIMES[language]}"
            if language
            else "set Runtime to a supported runtime"
        )
        return f"{reason}. To deploy it, edit {where}: {fix}" + (
            " and port that code to @aws-sdk/* v3" if "SDK v2" in reason else ""
        )
    return None


def env_values(
    team_provider_info: Mapping[str, Any], env_name: str, category: str, name: str
) -> dict[str, Any]:
    """The environment-specific values: ``team-provider-info.json`` ``<env>.categories.<category>.<name>``."""
    block = ((team_provider_info.get(env_name) or {}).get("categories") or {}).get(category) or {}
    values = block.get(name) if isinstance(block, dict) else None
    return dict(values) if isinstance(values, dict) else {}


def missing_parameters(template: Mapping[str, Any], passed: Mapping[str, Any]) -> list[str]:
    """Parameters the template requires (no ``Default``) that nothing supplies."""
    declared = template.get("Parameters") or {}
    return sorted(
        key
        for key, spec in declared.items()
        if key not in passed and not (isinstance(spec, dict) and "Default" in spec)
    )


def deploy_order(
    keys: Sequence[tuple[str, str]], depends: Mapping[tuple[str, str], Sequence[tuple[str, str]]]
) -> list[tuple[str, str]]:
    """``keys`` with every resource after the resources it depends on (stable otherwise).

    :raises UsageError: a dependency is not a desired resource, or the dependencies form a cycle.
    """
    wanted = set(keys)
    for key in keys:
        for dep in depends.get(key, ()):
            if dep not in wanted:
                raise UsageError(
                    f"{key[0]} {key[1]} depends on {dep[0]} {dep[1]}, which is not in backend-config.json.",
                    hint="Add that resource, or remove the dependsOn entry from backend-config.json.",
                )
    ordered: list[tuple[str, str]] = []
    state: dict[tuple[str, str], int] = {}

    def visit(key: tuple[str, str], path: list[tuple[str, str]]) -> None:
        if state.get(key) == 2:
            return
        if state.get(key) == 1:
            cycle = " -> ".join(f"{c} {n}" for c, n in [*path[path.index(key) :], key])
            raise UsageError(f"backend-config.json dependsOn entries form a cycle: {cycle}.")
        state[key] = 1
        for dep in depends.get(key, ()):
            visit(dep, [*path, key])
        state[key] = 2
        ordered.append(key)

    for key in keys:
        visit(key, [])
    return ordered


def refusal_message(refusals: Sequence[Refusal]) -> UsageError:
    """One error naming every refused resource on its own line."""
    lines = "\n".join(f"  {r.line()}" for r in refusals)
    return UsageError(
        f"Cannot push: {len(refusals)} resource(s) cannot be built or deployed as they are; "
        f"nothing was changed.\n{lines}",
        hint=(
            "Do what each line says; a resource whose category has no installed plugin needs that "
            "plugin (or remove it from amplify/backend/backend-config.json to push the rest)."
        ),
    )
