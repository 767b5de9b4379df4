"""The object the core calls for the api category (``ctx.category("api")``), service ``API Gateway``.

A REST API made by this plugin (or by the Gen 1 CLI v7+) has ``cli-inputs.json``, from which
the template is built at push. An older Gen 1 API has ``api-params.json``, ``parameters.json``
and a committed ``<name>-cloudformation-template.json``, pushed unchanged. An ``override.ts``
needs a TypeScript build no plugin performs: the resource is refused by name, as is a
``cli-inputs.json`` with user-pool group permissions (not built yet). GraphQL APIs (service
``AppSync``) are not this plugin's: the core refuses them by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import Category, RefusedResource, committed_template, load_template, read_json

from . import REST, rest
from .endpoint import endpoint_for
from .resource import INPUTS


def _inputs(resource_dir: Path) -> dict[str, Any] | None:
    path = resource_dir / INPUTS
    return read_json(path) if path.exists() else None


class ApiCategory(Category):
    """REST APIs whose paths call Lambda functions."""

    def template(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        if (resource_dir / "override.ts").exists():
            raise RefusedResource(
                "its override.ts must be compiled and applied to the template; "
                "no installed plugin offers that"
            )
        inputs = _inputs(resource_dir)
        if inputs is not None:
            problem = unsupported(inputs)
            if problem:
                raise RefusedResource(problem)
            return rest.template(resource_dir.name, inputs)
        path = committed_template(resource_dir, resource_dir.name)
        if path is None:
            raise RefusedResource(
                f"neither {INPUTS} nor a committed CloudFormation template in {resource_dir.name}/"
            )
        return load_template(path)

    def parameters(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        inputs = _inputs(resource_dir)
        if inputs is not None:
            return rest.parameters(inputs)
        return dict(read_json(resource_dir / "parameters.json", default={}) or {})

    def frontend_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """Gen 1's ``aws_cloud_logic_custom`` entry: name, endpoint, region."""
        output = resource.get("output") or {}
        if resource.get("service") != REST or not output.get("RootUrl"):
            return {}
        endpoint, region = endpoint_for(self.context, output)
        return {"aws_cloud_logic_custom": [{"name": resource_name, "endpoint": endpoint, "region": region}]}

    def status_lines(self, resource_name: str, resource: dict[str, Any]) -> list[str]:
        """Gen 1's ``REST API endpoint: <url>`` (the loopback URL on the sandbox)."""
        output = resource.get("output") or {}
        if resource.get("service") != REST or not output.get("RootUrl"):
            return []
        endpoint, _region = endpoint_for(self.context, output)
        return [f"REST API endpoint: {endpoint}"]

    def native_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """``api.plugins.awsAPIPlugin.<name>`` of amplifyconfiguration.json (REST, AWS_IAM as Gen 1)."""
        output = resource.get("output") or {}
        if resource.get("service") != REST or not output.get("RootUrl"):
            return {}
        endpoint, region = endpoint_for(self.context, output)
        return {
            "amplifyconfiguration": {
                "api": {
                    "plugins": {
                        "awsAPIPlugin": {
                            resource_name: {
                                "endpointType": "REST",
                                "endpoint": endpoint,
                                "region": region,
                                "authorizationType": "AWS_IAM",
                            }
                        }
                    }
                }
            }
        }


def unsupported(inputs: dict[str, Any]) -> str | None:
    """Why this plugin cannot build a ``cli-inputs.json`` yet, or None."""
    for name, path in (inputs.get("paths") or {}).items():
        permissions = path.get("permissions") or {}
        if permissions.get("groups"):
            return f"path {name} grants user-pool groups access (permissions.groups), which this plugin does not build yet"
        if permissions.get("setting", rest.OPEN) not in rest.SETTINGS:
            return f"path {name} has an unknown permissions.setting {permissions.get('setting')!r}"
        if permissions.get("setting") == rest.USER_POOL and not inputs.get("authResourceName"):
            return f"path {name} needs a user pool, but cli-inputs.json names no authResourceName"
        if not path.get("lambdaFunction"):
            return f"path {name} names no lambdaFunction"
    if not inputs.get("paths"):
        return "its cli-inputs.json has no paths"
    return None
