"""The root stack's template for a push: the live template with its nested stacks replaced.

Everything the root stack holds besides our nested stacks (deployment bucket, roles,
outputs — whatever ``init`` created) is kept exactly as deployed. Each desired resource
becomes ``"<category><resource>": {"Type": "AWS::CloudFormation::Stack", …}`` with its
template's URL and parameters; resources that were deleted simply disappear, and
CloudFormation deletes their stacks.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from amplify_core.plugin import NestedStack, PushPlan

NESTED_TYPE = "AWS::CloudFormation::Stack"
MARKER = "amplify"


def template_url(bucket: str, key: str) -> str:
    """The URL form CloudFormation (and the sandbox) accept for templates in any region."""
    return f"https://s3.amazonaws.com/{bucket}/{key}"


def nested_resource(stack: NestedStack, url: str) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "Type": NESTED_TYPE,
        "Properties": {"TemplateURL": url, "Parameters": dict(stack.parameters)},
        "Metadata": {MARKER: {"category": stack.category, "resourceName": stack.name}},
    }
    if stack.depends_on:
        resource["DependsOn"] = list(stack.depends_on)
    return resource


def is_ours(logical_id: str, resource: Mapping[str, Any], managed_ids: Iterable[str]) -> bool:
    """A nested stack a push manages: marked by us, or named like a resource (Gen 1 projects)."""
    if resource.get("Type") != NESTED_TYPE:
        return False
    return MARKER in (resource.get("Metadata") or {}) or logical_id in set(managed_ids)


def render_root(live: Mapping[str, Any], plan: PushPlan, bucket: str) -> dict[str, Any]:
    """The root template to deploy: ``live`` minus our nested stacks, plus the plan's."""
    template = copy.deepcopy(dict(live))
    resources = dict(template.get("Resources") or {})
    managed = {s.logical_id for s in plan.stacks} | {r.logical_id for r in plan.deletions}
    resources = {k: v for k, v in resources.items() if not is_ours(k, v, managed)}
    for stack in plan.stacks:
        resources[stack.logical_id] = nested_resource(stack, template_url(bucket, stack.template_key))
    template["Resources"] = resources
    return template
