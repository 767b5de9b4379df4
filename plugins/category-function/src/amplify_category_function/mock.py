"""``amplify mock function <name>``: build the function (as push would) and run its handler
with the local runtime, with the environment variables its template gives it, resolved locally:
``env``, the region, ``parameters.json`` / ``team-provider-info.json`` values, and the deployed
outputs of the resources it depends on (``amplify-meta.json``). AWS settings of this shell
(profile, credentials, endpoint) are passed through, so the handler reaches what you reach.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from amplify_core.plugin import DEFAULT_PROVIDER, AmplifyContext, OperationError, UsageError, local_lambda

from .category import function_category
from .resource import env_values, folder, read_template, resources
from .template import DEFAULT_TIMEOUT, function_properties


def resolve_environment(
    ctx: AmplifyContext, name: str, entry: dict[str, Any], template: dict[str, Any]
) -> dict[str, str]:
    """The function's ``Environment.Variables`` with every ``Ref`` resolved, or left out with a warning."""
    project = ctx.project
    env_name = project.env_name
    provider = (project.team_provider_info().get(env_name) or {}).get(DEFAULT_PROVIDER) or {}
    region = str(provider.get("Region") or os.environ.get("AWS_REGION") or "us-east-1")
    values: dict[str, Any] = {"env": env_name, "AWS::Region": region}
    values.update({k: v for k, v in (_read(folder(project, name) / "parameters.json") or {}).items()})
    values.update(env_values(project, name))
    meta = project.amplify_meta()
    for dep in entry.get("dependsOn") or []:
        output = ((meta.get(dep.get("category")) or {}).get(dep.get("resourceName")) or {}).get(
            "output"
        ) or {}
        for attribute in dep.get("attributes") or []:
            if attribute in output:
                values[f"{dep['category']}{dep['resourceName']}{attribute}"] = output[attribute]
    variables = (function_properties(template).get("Environment") or {}).get("Variables") or {}
    resolved: dict[str, str] = {}
    for key, value in variables.items():
        if isinstance(value, dict) and set(value) == {"Ref"} and value["Ref"] in values:
            resolved[key] = str(values[value["Ref"]])
        elif isinstance(value, (str, int, float)):
            resolved[key] = str(value)
        else:
            ctx.console.warn(
                f"{key} is not set: {json.dumps(value)} has no local value (push the resources it names first)."
            )
    resolved.setdefault("AWS_REGION", region)
    return resolved


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def read_event(resource_dir: Path, event: str | None) -> Any:
    path = Path(event) if event else resource_dir / "src" / "event.json"
    if not path.exists():
        if event:
            raise UsageError(f"--event: {event} does not exist.")
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise UsageError(f"--event: {path} is not valid JSON ({exc}).") from None


def run_mock(ctx: AmplifyContext, name: str, event: str | None, timeout: float | None) -> None:
    """Run the handler once; print its log and result. :raises OperationError: the handler failed."""
    project = ctx.project
    existing = resources(project)
    if name not in existing:
        known = ", ".join(sorted(existing)) or "none"
        raise UsageError(f"{name} is not a function of this project (it has: {known}).")
    resource_dir = folder(project, name)
    payload = read_event(resource_dir, event)
    template = read_template(resource_dir)
    props = function_properties(template)
    environment = resolve_environment(ctx, name, existing[name], template)
    built = function_category(ctx).package(resource_dir)
    child_env = {
        **local_lambda.base_env(),
        **{k: v for k, v in os.environ.items() if k.startswith("AWS_")},
        **environment,
    }
    ctx.console.print(f"Starting execution of {name} ({props.get('Runtime')}, {props.get('Handler')}) …")
    result = local_lambda.invoke(
        built.code_dir,
        str(props.get("Handler", "index.handler")),
        str(props.get("Runtime")),
        payload,
        child_env,
        timeout=timeout or float(props.get("Timeout") or DEFAULT_TIMEOUT),
        function_name=f"{name}-{project.env_name}",
    )
    if result.logs:
        ctx.console.print(result.logs.rstrip())
    if result.error:
        error = result.result if isinstance(result.result, dict) else {"errorMessage": result.payload}
        raise OperationError(
            f"{name} failed: {error.get('errorType', 'Error')}: {error.get('errorMessage', '')}".rstrip(": ")
        )
    ctx.console.success("Result:")
    value = result.result
    streamed = isinstance(value, str) and not result.payload.lstrip().startswith('"')
    ctx.console.print(value if streamed else json.dumps(value, indent=2))
    ctx.console.print(f"Finished execution of {name}.")
