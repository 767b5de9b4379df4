"""DeleteStack as CloudFormation does it: a resource that cannot be deleted fails the deletion.

moto deletes a stack's resources in retry passes, swallows what fails, and always ends
``DELETE_COMPLETE`` with the stack gone: its S3 handler silently keeps a bucket that still holds
objects (see :mod:`.s3_bucket_delete`), so the bucket outlives a stack that says it was deleted;
it records no resource events, ignores ``RetainResources``, and a nested stack that could not be
deleted went unnoticed by its parent.

Here, as the CloudFormation API reference (DeleteStack) and user guide ("Delete stack fails",
``DeletionPolicy``) document:

- resources go in reverse dependency order (moto's was a set's, so a custom resource could
  outlive the function that must answer its ``Delete``), each with ``DELETE_IN_PROGRESS`` /
  ``DELETE_COMPLETE`` or ``DELETE_FAILED`` and the reason ("The bucket you tried to delete is not
  empty"); a resource with ``DeletionPolicy: Retain`` (or ``RetainExceptOnCreate``) is
  ``DELETE_SKIPPED`` and left in place;
- a failure does not stop the others: everything that can be deleted is, except what a failed
  resource depends on (CloudFormation never deletes a resource something still needs); the stack
  then ends ``DELETE_FAILED`` ("The following resource(s) failed to delete: [...]"), still
  exists (DescribeStacks by name, its events and remaining resources), and keeps its exports;
- DeleteStack again retries what is left; ``RetainResources`` is accepted only for a stack in
  ``DELETE_FAILED`` (otherwise ``ValidationError``), must name resources that still exist, and
  those are ``DELETE_SKIPPED``, so the stack ends ``DELETE_COMPLETE`` without them;
- a nested stack that ends ``DELETE_FAILED`` fails its ``AWS::CloudFormation::Stack`` resource in
  the parent ("Embedded stack … was not successfully deleted: …"), so the parent ends
  ``DELETE_FAILED`` too;
- UpdateStack refuses a stack in ``DELETE_FAILED``, as it refuses one in ``ROLLBACK_COMPLETE``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from moto.cloudformation import models as cfn_models
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation.exceptions import ValidationError
from moto.cloudformation.models import Stack

from .stack_operations import EmbeddedStackFailed, _physical_id, _stack_event, failure_reason, resource_event
from .template_graph import creation_order, dependencies

RETAIN_POLICIES = {"Retain", "RetainExceptOnCreate"}
#: Stack states UpdateStack refuses (moto refuses ROLLBACK_COMPLETE only).
NOT_UPDATABLE = {"ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_FAILED"}


def _existing(stack: Stack) -> dict[str, Any]:
    """The stack's resources that exist now, by logical id (parameters and mappings excluded)."""
    resources_map = stack.resource_map
    parsed = resources_map._parsed_resources
    return {
        name: parsed[name]
        for name in resources_map._resource_json_map
        if parsed.get(name) is not None and not isinstance(parsed[name], (str, dict, list))
    }


def check_retain(stack: Stack, retain: Iterable[str]) -> None:
    """The request checks CloudFormation makes before it starts deleting with ``RetainResources``."""
    retain = list(retain)
    if not retain:
        return
    if stack.status != "DELETE_FAILED":
        raise ValidationError(
            stack.stack_id,
            message=f"Invalid operation on stack {stack.stack_id}. When you delete a stack, specify which "
            "resources to retain only when the stack is in the DELETE_FAILED state.",
        )
    existing = _existing(stack)
    if any(name not in existing for name in retain):
        raise ValidationError(
            stack.stack_id,
            message="The specified resources to retain must be in a valid state. Do not specify "
            "resources that are in the DELETE_COMPLETE state.",
        )


def _needed_by(name: str, json_map: dict[str, Any], into: set[str]) -> None:
    """Add everything ``name`` depends on, transitively, to ``into``."""
    for dependency in dependencies(json_map.get(name) or {}, json_map):
        if dependency not in into:
            into.add(dependency)
            _needed_by(dependency, json_map, into)


def delete_resources(stack: Stack, retain: Iterable[str] = ()) -> list[str]:
    """Delete what exists of ``stack``'s resources (with events); return the logical ids that failed."""
    resources_map = stack.resource_map
    json_map = resources_map._resource_json_map
    retain = set(retain)
    try:
        order = list(reversed(creation_order(json_map)))
    except Exception:  # noqa: BLE001 - a template moto accepted but we cannot order: template order
        order = list(reversed(list(json_map)))
    existing = _existing(stack)
    failed: list[str] = []
    still_needed: set[str] = set()
    for name in order:
        resource = existing.get(name)
        if resource is None or name in still_needed:
            continue
        resource_json = json_map[name]
        resource_type = resource_json.get("Type", "")
        physical = _physical_id(resource)
        if name in retain or resource_json.get("DeletionPolicy") in RETAIN_POLICIES:
            resource_event(stack, name, resource_type, "DELETE_SKIPPED", physical)
            resources_map._parsed_resources.pop(name, None)
            continue
        resource_event(stack, name, resource_type, "DELETE_IN_PROGRESS", physical)
        try:
            resources_map._delete_resource(resource, resource_json)
        except Exception as exc:  # noqa: BLE001 - recorded; the stack ends DELETE_FAILED
            resource_event(stack, name, resource_type, "DELETE_FAILED", physical, failure_reason(exc))
            failed.append(name)
            _needed_by(name, json_map, still_needed)
            continue
        resources_map._parsed_resources.pop(name, None)
        resource_event(stack, name, resource_type, "DELETE_COMPLETE", physical)
    return failed


def delete(self: Stack, *, retain: Iterable[str] = ()) -> None:
    """``Stack.delete``: ends ``DELETE_COMPLETE`` or ``DELETE_FAILED`` (keyword-only, so moto's
    resource map deletes a nested stack through :func:`delete_nested_stack`)."""
    _stack_event(self, "DELETE_IN_PROGRESS", "User Initiated")
    failed = delete_resources(self, retain)
    if failed:
        _stack_event(
            self, "DELETE_FAILED", f"The following resource(s) failed to delete: [{', '.join(failed)}]. "
        )
    else:
        _stack_event(self, "DELETE_COMPLETE")


def delete_stack(self: Any, name_or_stack_id: str, retain: Iterable[str] = ()) -> None:
    """``CloudFormationBackend.delete_stack``: a stack that could not be deleted stays."""
    stack = self.stacks.get(name_or_stack_id) or next(
        (s for s in self.stacks.values() if s.name == name_or_stack_id), None
    )
    if stack is None:
        return  # unknown or already deleted: DeleteStack succeeds and does nothing
    check_retain(stack, retain)
    export_names = [export.name for export in stack.exports]
    stack.delete(retain=retain)
    if stack.status != "DELETE_COMPLETE":
        return
    self.stacks.pop(stack.stack_id, None)
    self.deleted_stacks[stack.stack_id] = stack
    for name in export_names:
        self.exports.pop(name, None)


def delete_nested_stack(
    cls: Any, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
) -> None:
    """A nested stack's delete, from its parent: a child left ``DELETE_FAILED`` fails the parent's
    resource with CloudFormation's "Embedded stack … was not successfully deleted" reason."""
    backend = cfn_models.cloudformation_backends[account_id][region_name]
    backend.delete_stack(resource_name)
    child = backend.stacks.get(resource_name)
    if child is not None and child.status == "DELETE_FAILED":
        raise EmbeddedStackFailed(
            child.stack_id,
            f"Embedded stack {child.stack_id} was not successfully deleted: {getattr(child, 'stack_status_reason', '')}",
        )


def delete_stack_response(self: Any) -> Any:
    """The DeleteStack action, with ``RetainResources``."""
    from moto.core.responses import EmptyResult

    retain = self._get_param("RetainResources", [])
    self.cloudformation_backend.delete_stack(self._get_param("StackName"), retain=retain)
    return EmptyResult()


def validate_status(self: Any, stack: Stack) -> None:
    if stack.status in NOT_UPDATABLE:
        raise ValidationError(
            stack.stack_id,
            message=f"Stack:{stack.stack_id} is in {stack.status} state and can not be updated.",
        )


def install() -> None:
    if getattr(Stack.delete, "_amplify_extension", False):
        return
    delete._amplify_extension = True  # type: ignore[attr-defined]
    Stack.delete = delete
    Stack.delete_from_cloudformation_json = classmethod(delete_nested_stack)  # type: ignore[assignment]
    cfn_models.CloudFormationBackend.delete_stack = delete_stack
    cfn_responses.CloudFormationResponse.delete_stack = delete_stack_response
    cfn_responses.CloudFormationResponse._validate_status = validate_status
