"""The object the core calls for the function category (``ctx.category("function")``).

Every function — made here or by the Gen 1 CLI — deploys its committed
``<name>-cloudformation-template.json`` (plus the statements of a non-empty
``custom-policies.json``, as Gen 1 adds them at push). Before that, :meth:`artifacts` builds and
zips ``src/`` (:mod:`.package`); the zip's content-hashed key and the deployment bucket become the
template's ``s3Key`` and ``deploymentBucketName``, as in Gen 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import (
    DEFAULT_PROVIDER,
    AmplifyContext,
    Artifact,
    Category,
    OperationError,
    RefusedResource,
    UsageError,
)

from . import CATEGORY, package
from .resource import CUSTOM_POLICIES, PARAMETERS, read_file, read_template
from .template import function_properties


class FunctionCategory(Category):
    """Service ``Lambda``: Node.js and Python functions."""

    def __init__(self, context: Any):
        super().__init__(context)
        self._packages: dict[Path, package.Package] = {}

    def package(self, resource_dir: Path, *, force: bool = False) -> package.Package:
        """The function's build (made once per command, reused from ``dist/`` when ``src`` is unchanged)."""
        if resource_dir not in self._packages or force:
            runtime = runtime_of(read_template(resource_dir), resource_dir.name)
            self._packages[resource_dir] = package.package(
                resource_dir, runtime, force=force, out=self.context.console.print
            )
        return self._packages[resource_dir]

    def artifacts(self, resource_dir: Path, resource: dict[str, Any]) -> list[Artifact]:
        built = self.package(resource_dir)
        key = built.key(resource_dir.name)
        return [
            Artifact(
                key=key,
                path=built.zip_path,
                parameters={"deploymentBucketName": self._bucket(), "s3Key": key},
            )
        ]

    def template(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        if (resource_dir / "override.ts").exists():
            raise RefusedResource(
                "its override.ts must be compiled and applied to the template; "
                "no installed plugin offers that"
            )
        template = read_template(resource_dir)
        runtime_of(template, resource_dir.name)  # refused here, before any function is built
        statements = custom_statements(read_file(resource_dir, CUSTOM_POLICIES, []))
        if statements:
            template = {
                **template,
                "Resources": {
                    **(template.get("Resources") or {}),
                    "CustomLambdaExecutionPolicy": {
                        "Type": "AWS::IAM::Policy",
                        "DependsOn": ["LambdaExecutionRole"],
                        "Properties": {
                            "PolicyName": "custom-lambda-execution-policy",
                            "Roles": [{"Ref": "LambdaExecutionRole"}],
                            "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
                        },
                    },
                },
            }
        return template

    def parameters(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        values = read_file(resource_dir, PARAMETERS, {})
        if not isinstance(values, dict):
            raise RefusedResource(f"{resource_dir.name}/{PARAMETERS} is not a JSON object")
        return dict(values)

    def _bucket(self) -> str:
        project = self.context.project
        info = (project.team_provider_info().get(project.env_name) or {}).get(DEFAULT_PROVIDER) or {}
        return str(info.get("DeploymentBucketName", ""))


def runtime_of(template: dict[str, Any], name: str) -> str:
    runtime = str(function_properties(template).get("Runtime") or "")
    if not runtime:
        raise RefusedResource(f"the template of {name} has no AWS::Lambda::Function with a Runtime")
    return runtime


def custom_statements(policies: Any) -> list[dict[str, Any]]:
    """Gen 1's ``custom-policies.json`` entries that grant something, as IAM statements."""
    if not isinstance(policies, list):
        raise UsageError(f"{CUSTOM_POLICIES} must be a list of {{Action, Resource}} objects.")
    found = []
    for policy in policies:
        if isinstance(policy, dict) and policy.get("Action") and policy.get("Resource"):
            found.append(
                {
                    "Effect": policy.get("Effect", "Allow"),
                    "Action": policy["Action"],
                    "Resource": policy["Resource"],
                }
            )
    return found


def function_category(ctx: AmplifyContext) -> FunctionCategory:
    """This plugin's own category object for the command (its builds are cached on it)."""
    found = ctx.category(CATEGORY)
    if not isinstance(found, FunctionCategory):
        raise OperationError(
            f"The '{CATEGORY}' category is served by another plugin: {type(found).__module__}."
        )
    return found
