"""A push plan: everything a provider needs to deploy, as plain data.

:func:`build_plan` reads local files only (through the category plugins); the provider's
``push`` is the only code that talks to the cloud (docs/architecture.md: a pure ``plan()`` returning
data, an ``apply()`` doing the calls). A plan lists **every** desired resource as a nested
stack — the root stack is rendered whole on each push, so a resource that is unchanged keeps
exactly the definition it was deployed with — and marks which templates must be uploaded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .hashing import json_hash
from .status import BackendStatus, Operation, ResourceStatus

TEMPLATE_PREFIX = "amplify-cfn-templates"


@dataclass(frozen=True)
class Artifact:
    """A local file a resource's template points at (a Lambda zip), uploaded by the provider to
    the deployment bucket under ``key`` before any stack changes.

    ``key`` is content-hashed, so an object already at ``key`` holds these bytes and is not sent again.
    ``parameters`` are the template parameter values that point at it (Gen 1's
    ``deploymentBucketName``/``s3Key``); they win over ``team-provider-info.json``, which in Gen 1
    projects still records the key of an older build.
    """

    key: str
    path: Path
    parameters: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NestedStack:
    """One resource as a nested stack (``AWS::CloudFormation::Stack``) of the root stack.

    :param template: the resource's CloudFormation template.
    :param template_hash: SHA-256 of the template's canonical JSON; part of its S3 key, so
        two resources, two environments or two versions never overwrite each other's template.
    :param parameters: parameter values, as CloudFormation wants them (strings, or
        ``{"Fn::GetAtt": […]}`` for outputs of the stacks it depends on). Only parameters the
        template declares are passed.
    :param depends_on: logical ids of the nested stacks this one reads outputs from.
    :param resource_hash: the resource's content hash, recorded as ``lastPushDirHash``.
    :param deployed_template_url: the template URL its last successful push recorded (a
        provider re-uploads an unchanged resource's template when this differs).
    :param artifacts: files the template refers to in the deployment bucket (:class:`Artifact`).
    """

    category: str
    name: str
    operation: Operation
    service: str
    template: Mapping[str, Any]
    template_hash: str
    parameters: Mapping[str, Any]
    depends_on: tuple[str, ...] = ()
    resource_hash: str = ""
    entry: Mapping[str, Any] = field(default_factory=dict)
    deployed_template_url: str | None = None
    artifacts: tuple[Artifact, ...] = ()

    @property
    def logical_id(self) -> str:
        return f"{self.category}{self.name}"

    @property
    def key(self) -> tuple[str, str]:
        return (self.category, self.name)

    @property
    def changed(self) -> bool:
        return self.operation is not Operation.NO_CHANGE

    @property
    def template_key(self) -> str:
        """``amplify-cfn-templates/<category>/<resource>/<hash>.json`` in the deployment bucket."""
        return f"{TEMPLATE_PREFIX}/{self.category}/{self.name}/{self.template_hash}.json"

    def template_body(self) -> str:
        return json.dumps(self.template, indent=2, ensure_ascii=False)


@dataclass(frozen=True)
class PushPlan:
    """What ``amplify push`` will do to one environment.

    :param provider_info: the environment's ``team-provider-info.json`` provider block
        (``StackName``, ``DeploymentBucketName``, ``Region`` …).
    :param stacks: every desired resource; ``changed`` ones are created or updated.
    :param deletions: resources whose nested stacks disappear from the root stack.
    :param tags: the root stack's tags (placeholders resolved); ``None`` to leave them.
    """

    env_name: str
    project_name: str
    provider_name: str
    provider_info: Mapping[str, Any]
    status: BackendStatus
    stacks: tuple[NestedStack, ...]
    deletions: tuple[ResourceStatus, ...] = ()
    tags: tuple[Mapping[str, str], ...] | None = None
    tags_changed: bool = False

    @property
    def has_changes(self) -> bool:
        return bool(self.deletions) or self.tags_changed or any(s.changed for s in self.stacks)

    @property
    def changed_stacks(self) -> list[NestedStack]:
        return [s for s in self.stacks if s.changed]

    @property
    def artifacts(self) -> list[Artifact]:
        """Every stack's artifacts, once each (the provider uploads those not yet in the bucket)."""
        return list({a.key: a for s in self.stacks for a in s.artifacts}.values())

    @property
    def stack_name(self) -> str:
        return str(self.provider_info.get("StackName", ""))

    @property
    def deployment_bucket(self) -> str:
        return str(self.provider_info.get("DeploymentBucketName", ""))

    @property
    def region(self) -> str | None:
        return self.provider_info.get("Region")


@dataclass
class ResourceOutcome:
    """What the provider learned about one deployed nested stack."""

    logical_id: str
    template_url: str
    outputs: dict[str, Any] = field(default_factory=dict)
    physical_id: str | None = None


@dataclass
class PushResult:
    """What a successful ``Provider.push`` returns: per resource, its outputs and metadata.

    ``resources`` holds the created and updated resources (``(category, name)`` keys);
    unchanged resources keep what the last push recorded.
    """

    resources: dict[tuple[str, str], ResourceOutcome] = field(default_factory=dict)
    root_outputs: dict[str, Any] = field(default_factory=dict)
    no_op: bool = False


# -- building ---------------------------------------------------------------------------


def cfn_value(value: Any) -> Any:
    """A parameter value as CloudFormation takes it: strings (lists comma-joined)."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)).startswith(("Fn::", "Ref")):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(cfn_value(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    if value is None:
        return ""
    return str(value)


def stack_parameters(
    template: Mapping[str, Any], values: Mapping[str, Any], entry: Mapping[str, Any], env_name: str
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Parameters for a nested stack, and the logical ids it depends on.

    ``values`` are the category's parameter values; ``env`` is added as in the Gen 1 CLI;
    each ``dependsOn`` attribute becomes ``<category><resource><Attribute>`` read from that
    stack's outputs. Only parameters the template declares are passed (CloudFormation
    rejects the others).
    """
    declared = set((template.get("Parameters") or {}).keys())
    merged: dict[str, Any] = {k: cfn_value(v) for k, v in values.items()}
    merged["env"] = env_name
    depends: list[str] = []
    for dep in entry.get("dependsOn") or []:
        if not isinstance(dep, dict):
            continue
        target = f"{dep.get('category', '')}{dep.get('resourceName', '')}"
        if target and target not in depends:
            depends.append(target)
        for attribute in dep.get("attributes") or []:
            merged[f"{target}{attribute}"] = {"Fn::GetAtt": [target, f"Outputs.{attribute}"]}
    return {k: v for k, v in merged.items() if k in declared}, tuple(depends)


def resolve_tags(tags: Any, project_name: str, env_name: str) -> tuple[dict[str, str], ...] | None:
    """``tags.json`` with Gen 1's ``{project-name}`` / ``{project-env}`` placeholders filled."""
    if not isinstance(tags, list):
        return None
    resolved = []
    for tag in tags:
        if not isinstance(tag, dict) or "Key" not in tag:
            continue
        value = str(tag.get("Value", ""))
        value = value.replace("{project-name}", project_name).replace("{project-env}", env_name)
        resolved.append({"Key": str(tag["Key"]), "Value": value})
    return tuple(resolved)


def nested_stack(
    row: ResourceStatus,
    template: Mapping[str, Any],
    values: Mapping[str, Any],
    env_name: str,
    deployed_template_url: str | None = None,
    artifacts: tuple[Artifact, ...] = (),
) -> NestedStack:
    """The nested stack of one desired resource from its template and parameter values."""
    parameters, depends = stack_parameters(template, values, row.entry, env_name)
    return NestedStack(
        category=row.category,
        name=row.name,
        operation=row.operation,
        service=row.service,
        template=template,
        template_hash=json_hash(template),
        parameters=parameters,
        depends_on=depends,
        resource_hash=row.local_hash or "",
        entry=dict(row.entry),
        deployed_template_url=deployed_template_url,
        artifacts=tuple(artifacts),
    )
