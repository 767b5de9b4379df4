"""CloudFormation failure semantics: per-resource events, rollback, and reads that change nothing.

moto creates and updates a stack's resources in one pass and knows no failure: a resource that
raises leaves the stack ``CREATE_IN_PROGRESS`` with whatever was made so far (the API answers
HTTP 500); a failing update keeps the new template, so a retry "succeeds"; ``ResourceMap.update``
swaps a nested stack's new template in before the failing add and retries, so the retry sees no
difference and ends ``UPDATE_COMPLETE``; it records stack-level events only; and because its
resource map creates resources lazily, a read (DescribeStackResources, outputs) of a stack whose
resources were never made creates them, nested stacks included.

Here, as in CloudFormation:

- each resource gets ``*_IN_PROGRESS`` / ``*_COMPLETE`` / ``*_FAILED`` events with the reason
  and physical id, in dependency order (Ref, GetAtt, Sub, DependsOn);
- a failed create deletes what it made (and a failed resource that still needs a delete, such as
  a custom resource that answered FAILED) and ends ``ROLLBACK_COMPLETE``; a failed update restores
  the previous template, parameters and resources (modified ones are updated back, added ones
  deleted) and ends ``UPDATE_ROLLBACK_COMPLETE``;
- removals (and the old half of a replacement) happen only in the cleanup phase after the whole
  operation succeeded, nested stacks' at the root's success; one that cannot be deleted then
  (a non-empty bucket) is ``DELETE_FAILED`` and left behind, and the update still completes;
- a nested stack's failure fails its resource in the parent ("Embedded stack … was not
  successfully created/updated …"), which then rolls back too, nested stacks that already
  succeeded included;
- outside an operation the resource map never creates anything (DeleteStack is in
  :mod:`.stack_deletion`);
- ExecuteChangeSet follows the same rules (moto applied a change set with no rollback and marked
  the stack ``*_COMPLETE`` regardless), and CreateChangeSet's default type is ``UPDATE``.

The API calls still return synchronously; by the time they answer, the stack is in its final
state (what a client polling ``DescribeStacks`` would see at the end).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from moto.cloudformation import models as cfn_models
from moto.cloudformation import parsing
from moto.cloudformation.models import Event, Stack

from .template_graph import creation_order, dependencies
from .template_url import get_stack_from_s3_url
from .template_validation import validate

NESTED_TYPE = "AWS::CloudFormation::Stack"
#: Stack states whose outputs CloudFormation does not show.
_NO_OUTPUTS = {
    "ROLLBACK_COMPLETE",
    "ROLLBACK_FAILED",
    "ROLLBACK_IN_PROGRESS",
    "CREATE_FAILED",
    "DELETE_COMPLETE",
}


class ResourceFailed(Exception):
    """A resource of the running operation failed; its ``*_FAILED`` event is recorded."""

    def __init__(self, logical_id: str, reason: str):
        super().__init__(f"{logical_id}: {reason}")
        self.logical_id = logical_id
        self.reason = reason


class EmbeddedStackFailed(Exception):
    """A nested stack failed (and rolled itself back); its parent's resource fails with this."""

    def __init__(self, physical_id: str, reason: str):
        super().__init__(reason)
        self.physical_id = physical_id
        self.message = reason


def failure_reason(exc: BaseException) -> str:
    """CloudFormation's ``ResourceStatusReason`` for an exception a resource handler raised."""
    if isinstance(exc, EmbeddedStackFailed):
        return exc.message
    message = str(getattr(exc, "message", "") or exc) or type(exc).__name__
    code = getattr(exc, "error_type", None) or getattr(exc, "code", None)
    bucket = getattr(exc, "bucket_name", None)
    if code == "BucketAlreadyExists" and bucket:
        message = f"{bucket} already exists"
    return f"{message} (Error Code: {code})" if isinstance(code, str) and code else message


# --- one running operation per stack, nested ones inside their parent's ------------------------


@dataclass
class Operation:
    """What one create or update of one stack did, so it can be undone or finished."""

    stack: Stack
    kind: str  # "CREATE" or "UPDATE"
    parent: Operation | None
    created: list[str] = field(default_factory=list)
    #: (logical id, resource before, resource after, the nested stack's operation if any)
    modified: list[tuple[str, Any, Any, Operation | None]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    cleanups: list[Callable[[], None]] = field(default_factory=list)
    children: list[Operation] = field(default_factory=list)
    snapshot: dict[str, Any] = field(default_factory=dict)


_local = threading.local()


def current() -> Operation | None:
    """The innermost operation running on this thread (``None`` outside any)."""
    stack = getattr(_local, "operations", None)
    return stack[-1] if stack else None


def after_success(action: Callable[[], None]) -> bool:
    """Run ``action`` in the cleanup phase of the running operation (e.g. delete the old half of
    a replacement). Returns False (and does nothing) outside an operation."""
    operation = current()
    if operation is None:
        return False
    operation.cleanups.append(action)
    return True


class _Running:
    def __init__(self, operation: Operation):
        self.operation = operation

    def __enter__(self) -> Operation:
        _local.__dict__.setdefault("operations", []).append(self.operation)
        setattr(self.operation.stack.resource_map, "_amplify_deploying", True)
        return self.operation

    def __exit__(self, *exc: object) -> None:
        _local.operations.pop()
        setattr(self.operation.stack.resource_map, "_amplify_deploying", False)


# --- events ----------------------------------------------------------------------------------


def _stack_of(resources_map: Any) -> Stack | None:
    backend = cfn_models.cloudformation_backends[resources_map._account_id][resources_map._region_name]
    return backend.stacks.get(resources_map.stack_id)


def resource_event(
    stack: Stack | None,
    logical_id: str,
    resource_type: str,
    status: str,
    physical_id: str = "",
    reason: str | None = None,
) -> None:
    if stack is None:
        return
    stack.events.append(
        Event(
            stack_id=stack.stack_id,
            stack_name=stack.name,
            logical_resource_id=logical_id,
            physical_resource_id=physical_id,
            resource_type=resource_type,
            resource_status=status,
            resource_status_reason=reason,
            resource_properties=None,
        )
    )


def _physical_id(resource: Any) -> str:
    if isinstance(resource, Stack):
        return resource.stack_id
    try:
        return str(resource.physical_resource_id)
    except Exception:  # noqa: BLE001 - some moto models compute it from state that may be gone
        return ""


def _stack_event(stack: Stack, status: str, reason: str | None = None) -> None:
    stack._add_stack_event(status, resource_status_reason=reason)
    stack.status = status
    setattr(stack, "stack_status_reason", reason)


# --- the resource map: create / update one resource, with events ------------------------------

_original_create = parsing.parse_and_create_resource
_original_update = parsing.parse_and_update_resource


def _ensure_dependencies(logical_id: str, resources_map: Any) -> None:
    json_map = resources_map._resource_json_map
    for dependency in dependencies(json_map.get(logical_id) or {}, json_map):
        if dependency not in resources_map._parsed_resources:
            resources_map[dependency]


def _condition_holds(resource_json: dict[str, Any], resources_map: Any) -> bool:
    condition = resource_json.get("Condition")
    return not condition or bool(resources_map.lazy_condition_map[condition])


def create_resource(
    logical_id: str,
    resource_json: dict[str, Any],
    resources_map: Any,
    account_id: str,
    region_name: str,
) -> Any:
    """moto's ``parse_and_create_resource``, during an operation only, with events."""
    if not getattr(resources_map, "_amplify_deploying", False):
        return None  # a read: nothing is created outside CreateStack / UpdateStack
    if not _condition_holds(resource_json, resources_map):
        return None
    _ensure_dependencies(logical_id, resources_map)
    stack = _stack_of(resources_map)
    resource_type = resource_json["Type"]
    resource_event(stack, logical_id, resource_type, "CREATE_IN_PROGRESS")
    try:
        resource = _original_create(logical_id, resource_json, resources_map, account_id, region_name)
    except ResourceFailed:
        raise
    except Exception as exc:  # any handler error is this resource's failure
        reason = failure_reason(exc)
        resource_event(
            stack, logical_id, resource_type, "CREATE_FAILED", getattr(exc, "physical_id", ""), reason
        )
        _keep_for_rollback(stack, resources_map, logical_id, getattr(exc, "leftover", None))
        raise ResourceFailed(logical_id, reason) from exc
    if resource is None:
        reason = f"Resource type {resource_type} is not supported by the sandbox"
        resource_event(stack, logical_id, resource_type, "CREATE_FAILED", "", reason)
        raise ResourceFailed(logical_id, reason)
    operation = current()
    if operation is not None and operation.stack is stack:
        operation.created.append(logical_id)
    resource_event(stack, logical_id, resource_type, "CREATE_COMPLETE", _physical_id(resource))
    return resource


def _keep_for_rollback(stack: Stack | None, resources_map: Any, logical_id: str, leftover: Any) -> None:
    """A resource whose create failed but that the rollback must still delete (a custom resource
    gets ``Delete`` after answering FAILED, as in CloudFormation): an exception's ``leftover``."""
    operation = current()
    if leftover is None or operation is None or operation.stack is not stack:
        return
    leftover.logical_resource_id = logical_id
    resources_map._parsed_resources[logical_id] = leftover
    operation.created.append(logical_id)


def _update_resource(operation: Operation, logical_id: str) -> None:
    resources_map = operation.stack.resource_map
    resource_json = resources_map._resource_json_map[logical_id]
    before = resources_map._parsed_resources.get(logical_id)
    if before is None:  # never made (its condition was false): now it is an addition
        resources_map[logical_id]
        return
    _ensure_dependencies(logical_id, resources_map)
    resource_type = resource_json["Type"]
    resource_event(operation.stack, logical_id, resource_type, "UPDATE_IN_PROGRESS", _physical_id(before))
    children_before = len(operation.children)
    try:
        after = _original_update(
            logical_id,
            resource_json,
            resources_map,
            account_id=resources_map._account_id,
            region_name=resources_map._region_name,
        )
    except ResourceFailed:
        raise
    except Exception as exc:  # any handler error is this resource's failure
        reason = failure_reason(exc)
        resource_event(
            operation.stack, logical_id, resource_type, "UPDATE_FAILED", _physical_id(before), reason
        )
        raise ResourceFailed(logical_id, reason) from exc
    if after is None:  # moto has no update for this type: the resource stays as it was
        after = before
    resources_map._parsed_resources[logical_id] = after
    child = operation.children[-1] if len(operation.children) > children_before else None
    operation.modified.append((logical_id, before, after, child))
    resource_event(operation.stack, logical_id, resource_type, "UPDATE_COMPLETE", _physical_id(after))


def _delete_resource(
    stack: Stack, logical_id: str, resource_json: dict[str, Any], *, retain_ok: bool
) -> bool:
    resources_map = stack.resource_map
    resource = resources_map._parsed_resources.get(logical_id)
    resource_type = resource_json.get("Type", "")
    if resource is None or isinstance(resource, (str, dict, list)):
        return True
    physical = _physical_id(resource)
    if retain_ok and resource_json.get("DeletionPolicy") == "Retain":
        resource_event(stack, logical_id, resource_type, "DELETE_SKIPPED", physical)
        resources_map._parsed_resources.pop(logical_id, None)
        return True
    resource_event(stack, logical_id, resource_type, "DELETE_IN_PROGRESS", physical)
    try:
        resources_map._delete_resource(resource, resource_json)
    except Exception as exc:  # noqa: BLE001 - recorded; the stack ends *_FAILED
        resource_event(stack, logical_id, resource_type, "DELETE_FAILED", physical, failure_reason(exc))
        return False
    resources_map._parsed_resources.pop(logical_id, None)
    resource_event(stack, logical_id, resource_type, "DELETE_COMPLETE", physical)
    return True


# --- snapshots of a stack's template, parameters and resource map -----------------------------


def _snapshot(stack: Stack) -> dict[str, Any]:
    resources_map = stack.resource_map
    return {
        "template": stack.template,
        "template_dict": stack.template_dict,
        "parameters": stack.parameters,
        "role_arn": stack.role_arn,
        "tags": stack.tags,
        "description": stack.description,
        "output_map": stack.output_map,
        "map_template": resources_map._template,
        "json_map": resources_map._resource_json_map,
        "input_parameters": resources_map.input_parameters,
        "resolved_parameters": dict(resources_map.resolved_parameters),
        "no_echo": list(getattr(resources_map, "no_echo_parameter_keys", [])),
        "conditions": getattr(resources_map, "lazy_condition_map", None),
        "parsed": dict(resources_map._parsed_resources),
    }


def _restore(stack: Stack, snapshot: dict[str, Any]) -> None:
    resources_map = stack.resource_map
    stack.template = snapshot["template"]
    stack.template_dict = snapshot["template_dict"]
    stack.parameters = snapshot["parameters"]
    stack.role_arn = snapshot["role_arn"]
    stack.tags = snapshot["tags"]
    stack.description = snapshot["description"]
    stack.output_map = snapshot["output_map"]
    resources_map._template = snapshot["map_template"]
    resources_map._resource_json_map = snapshot["json_map"]
    resources_map.input_parameters = snapshot["input_parameters"]
    resources_map.resolved_parameters = dict(snapshot["resolved_parameters"])
    resources_map.no_echo_parameter_keys = list(snapshot["no_echo"])
    if snapshot["conditions"] is not None:
        resources_map.lazy_condition_map = snapshot["conditions"]
    for key, value in snapshot["parsed"].items():
        if key not in resources_map._resource_json_map:
            resources_map._parsed_resources[key] = value  # parameters, pseudo parameters, mappings


# --- create ----------------------------------------------------------------------------------


def create_resources(self: Stack) -> None:
    """``Stack.create_resources``: create in dependency order; on failure, roll back."""
    parent = current()
    operation = Operation(self, "CREATE", parent)
    self.status = "CREATE_IN_PROGRESS"
    resources_map = self.resource_map
    resources_map._template = self.template_dict
    resources_map._resource_json_map = self.template_dict["Resources"]
    resources_map.tags.update(
        {"aws:cloudformation:stack-name": self.name, "aws:cloudformation:stack-id": self.stack_id}
    )
    with _Running(operation):
        try:
            for logical_id in creation_order(resources_map._resource_json_map):
                resources_map[logical_id]
        except Exception as exc:  # noqa: BLE001 - ResourceFailed, or a template error found late
            failed = exc.logical_id if isinstance(exc, ResourceFailed) else None
            _rollback_create(self, operation, failed, failure_reason(exc))
            return
    self.description = self.template_dict.get("Description")
    self.output_map = self._create_output_map()
    _register_exports(self)
    if parent is not None:
        parent.children.append(operation)
    self.mark_creation_complete()
    _finish_if_root(operation)


def _backend(stack: Stack) -> Any:
    return cfn_models.cloudformation_backends[stack.account_id][stack.region_name]


def _register_exports(stack: Stack) -> None:
    """Exports exist once the stack is made (moto evaluates them before creating anything)."""
    exports = _backend(stack).exports
    for name, export in list(exports.items()):
        if export.exporting_stack_id == stack.stack_id:
            del exports[name]
    if stack.status not in _NO_OUTPUTS:
        for export in stack.exports:
            exports[export.name] = export


def _rollback_create(stack: Stack, operation: Operation, failed: str | None, reason: str) -> None:
    what = f"The following resource(s) failed to create: [{failed}]. " if failed else f"{reason}. "
    _stack_event(stack, "ROLLBACK_IN_PROGRESS", what + "Rollback requested by user.")
    json_map = stack.resource_map._resource_json_map
    ok = all(
        _delete_resource(stack, logical_id, json_map[logical_id], retain_ok=False)
        for logical_id in reversed(operation.created)
    )
    _stack_event(stack, "ROLLBACK_COMPLETE" if ok else "ROLLBACK_FAILED")
    _register_exports(stack)


def outputs(self: Stack) -> Any:
    """``Stack.outputs``: none for a stack that never finished creating."""
    if self.status in _NO_OUTPUTS:
        return None
    return _moto_outputs.fget(self)


def exports(self: Stack) -> list[Any]:
    """``Stack.exports``: none for a stack that never finished creating."""
    if self.status in _NO_OUTPUTS:
        return []
    return _moto_exports.fget(self)


def stack_resources(self: Stack) -> list[Any]:
    """``Stack.stack_resources``: the resources that exist (never created by reading)."""
    resources_map = self.resource_map
    parsed = resources_map._parsed_resources
    return [parsed[name] for name in resources_map._resource_json_map if parsed.get(name) is not None]


# --- update ----------------------------------------------------------------------------------


def run_update(
    stack: Stack,
    template: str,
    *,
    parameters: dict[str, Any] | None,
    role_arn: str | None = None,
    tags: dict[str, str] | None = None,
) -> Operation | None:
    """Update ``stack``; return its operation on success, ``None`` after a rollback."""
    parent = current()
    operation = Operation(stack, "UPDATE", parent, snapshot=_snapshot(stack))
    _stack_event(stack, "UPDATE_IN_PROGRESS", "User Initiated")
    resources_map = stack.resource_map
    new_dict = Stack.parse_template(template)
    diff = resources_map.build_resource_diff(new_dict, parameters)
    with _Running(operation):
        try:
            stack.template = template
            stack._parse_template()
            resources_map._template = stack.template_dict
            if parameters:
                resources_map.input_parameters = parameters
            resources_map.load_mapping()
            resources_map.load_parameters()
            resources_map.load_conditions()
            resources_map._resource_json_map = stack.template_dict["Resources"]
            todo = set(diff["Add"]) | set(diff["Modify"])
            for logical_id in creation_order(resources_map._resource_json_map):
                if logical_id not in todo or logical_id in operation.created:
                    continue
                if logical_id in diff["Add"]:
                    resources_map[logical_id]
                else:
                    _update_resource(operation, logical_id)
        except Exception as exc:  # noqa: BLE001 - ResourceFailed, or a template error found late
            failed = exc.logical_id if isinstance(exc, ResourceFailed) else None
            verb = "create" if failed in diff["Add"] else "update"
            what = (
                f"The following resource(s) failed to {verb}: [{failed}]. "
                if failed
                else f"{failure_reason(exc)}. "
            )
            rollback_update(operation, what)
            return None
    operation.removed = [name for name in diff["Remove"]]
    old_json = operation.snapshot["json_map"]
    operation.cleanups.insert(0, lambda: _remove(stack, operation.removed, old_json))
    stack.output_map = stack._create_output_map()
    stack.role_arn = role_arn
    if parameters:
        stack.parameters = parameters
    if tags is not None:
        stack.tags = tags
    _stack_event(stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
    if parent is not None:
        parent.children.append(operation)
    else:
        _finish_if_root(operation)
    return operation


def _remove(stack: Stack, names: list[str], old_json: dict[str, Any]) -> None:
    order = [name for name in reversed(creation_order(old_json)) if name in names]
    for name in order:
        _delete_resource(stack, name, old_json[name], retain_ok=True)


def _finish_if_root(operation: Operation) -> None:
    """At the root's success: every nested operation's cleanup, then the root's own."""
    if operation.parent is not None:
        return

    def finish(op: Operation) -> None:
        for child in op.children:
            finish(child)
        for action in op.cleanups:
            try:
                action()
            except Exception as exc:  # noqa: BLE001 - a cleanup failure does not fail the update
                resource_event(
                    op.stack,
                    getattr(action, "logical_id", op.stack.name),
                    getattr(action, "resource_type", ""),
                    "DELETE_FAILED",
                    getattr(action, "physical_id", ""),
                    failure_reason(exc),
                )
        if op.kind == "UPDATE":
            _stack_event(op.stack, "UPDATE_COMPLETE")

    finish(operation)


def rollback_update(operation: Operation, reason: str) -> None:
    """Undo a stack update: modified resources back to their previous template, added ones
    deleted, nested stacks that had already succeeded rolled back too."""
    stack = operation.stack
    _stack_event(stack, "UPDATE_ROLLBACK_IN_PROGRESS", reason)
    snapshot = operation.snapshot
    new_json = stack.resource_map._resource_json_map
    _restore(stack, snapshot)
    resources_map = stack.resource_map
    ok = True
    with _Running(Operation(stack, "ROLLBACK", None)):
        for logical_id, before, after, child in reversed(operation.modified):
            resource_type = snapshot["json_map"][logical_id]["Type"]
            resource_event(stack, logical_id, resource_type, "UPDATE_IN_PROGRESS", _physical_id(after))
            try:
                if child is not None:
                    rollback_update(child, "Parent stack rollback")
                    restored = after
                elif _physical_id(after) != _physical_id(before):  # a replacement: the old one still exists
                    resources_map._parsed_resources[logical_id] = after
                    _delete_resource(stack, logical_id, new_json[logical_id], retain_ok=False)
                    restored = before
                else:
                    restored = (
                        _original_update(
                            logical_id,
                            copy.deepcopy(snapshot["json_map"][logical_id]),
                            resources_map,
                            account_id=resources_map._account_id,
                            region_name=resources_map._region_name,
                        )
                        or before
                    )
            except Exception as exc:  # noqa: BLE001 - recorded; the stack ends UPDATE_ROLLBACK_FAILED
                resource_event(
                    stack,
                    logical_id,
                    resource_type,
                    "UPDATE_FAILED",
                    _physical_id(after),
                    failure_reason(exc),
                )
                ok = False
                continue
            resources_map._parsed_resources[logical_id] = restored
            resource_event(stack, logical_id, resource_type, "UPDATE_COMPLETE", _physical_id(restored))
    if not ok:
        _stack_event(stack, "UPDATE_ROLLBACK_FAILED")
        return
    _stack_event(stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")
    for logical_id in reversed(operation.created):
        ok = _delete_resource(stack, logical_id, new_json[logical_id], retain_ok=False) and ok
    _stack_event(stack, "UPDATE_ROLLBACK_COMPLETE" if ok else "UPDATE_ROLLBACK_FAILED")


def update(
    self: Stack,
    template: str,
    role_arn: str | None = None,
    parameters: dict[str, Any] | None = None,
    tags: dict[str, str] | None = None,
) -> None:
    """``Stack.update`` (UpdateStack): succeeds or rolls back; the API call itself answers OK."""
    run_update(self, template, parameters=parameters, role_arn=role_arn, tags=tags)


# --- nested stacks -----------------------------------------------------------------------------


def _failed_children(stack: Stack, statuses: tuple[str, ...]) -> str:
    failed = []
    for event in stack.events:
        if event.resource_status in statuses and event.logical_resource_id != stack.name:
            failed.append(event.logical_resource_id)
    return ", ".join(dict.fromkeys(failed))


def create_nested_stack(
    cls: Any,
    resource_name: str,
    cloudformation_json: dict[str, Any],
    account_id: str,
    region_name: str,
    **kwargs: Any,
) -> Stack:
    """A nested stack's create: its template is validated first; when the child rolls back,
    the parent's resource fails."""
    from moto.utilities.utils import get_partition

    template_url = (cloudformation_json.get("Properties") or {}).get("TemplateURL", "")
    validate(get_stack_from_s3_url(template_url, account_id, get_partition(region_name)), from_url=True)
    child = _moto_create_nested(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    if child.status == "CREATE_COMPLETE":
        return child
    failed = _failed_children(child, ("CREATE_FAILED",))
    status = child.status
    cfn_models.cloudformation_backends[account_id][region_name].delete_stack(child.stack_id)
    raise EmbeddedStackFailed(
        child.stack_id,
        f"Embedded stack {child.stack_id} was not successfully created: "
        f"The following resource(s) failed to create: [{failed}]."
        if failed
        else f"Embedded stack {child.stack_id} was not successfully created: it ended {status}.",
    )


def update_nested_stack(
    cls: Any,
    original_resource: Stack,
    new_resource_name: str,
    cloudformation_json: dict[str, Any],
    account_id: str,
    region_name: str,
) -> Stack:
    """Update the child in place (it keeps its name and id); a rolled-back child fails its
    resource in the parent."""
    from moto.utilities.utils import get_partition

    properties = cloudformation_json["Properties"]
    template = get_stack_from_s3_url(properties["TemplateURL"], account_id, get_partition(region_name))
    validate(template, from_url=True)
    child = original_resource
    if run_update(child, template, parameters=dict(properties.get("Parameters") or {})) is None:
        failed = _failed_children(child, ("CREATE_FAILED", "UPDATE_FAILED"))
        raise EmbeddedStackFailed(
            child.stack_id,
            f"Embedded stack {child.stack_id} was not successfully updated. Currently in "
            f"UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [{failed}].",
        )
    return child


# --- change sets ------------------------------------------------------------------------------


def execute_change_set(self: Any, change_set_name: str, stack_name: str | None = None) -> None:
    """``ExecuteChangeSet`` with the same semantics as CreateStack / UpdateStack."""
    change_set = self.describe_change_set(change_set_name)
    if change_set.execution_status != "AVAILABLE":
        from moto.cloudformation.exceptions import ValidationError

        raise ValidationError(
            message=f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current "
            f"execution status of [{change_set.execution_status}]"
        )
    stack = self.stacks[change_set.stack_id]
    if change_set.change_set_type == "CREATE":
        stack.template = change_set.template
        stack._parse_template()
        stack.parameters = change_set.parameters
        stack.resource_map = stack._create_resource_map()
        stack.output_map = stack._create_output_map()
        stack._add_stack_event("CREATE_IN_PROGRESS", resource_status_reason="User Initiated")
        stack.create_resources()
        succeeded = stack.status == "CREATE_COMPLETE"
    else:
        succeeded = run_update(stack, change_set.template, parameters=change_set.parameters) is not None
    change_set.execution_status = "EXECUTE_COMPLETE" if succeeded else "EXECUTE_FAILED"


def create_change_set(
    self: Any,
    stack_name: str,
    change_set_name: str,
    template: str,
    parameters: Any,
    description: str,
    change_set_type: str,
    *args: Any,
    **kwargs: Any,
) -> Any:
    """``CreateChangeSet``: the default ``ChangeSetType`` is ``UPDATE`` (moto's is ``CREATE``, which
    made a second stack of the same name); a change set for a stack that exists updates it."""
    if change_set_type == "CREATE" and any(
        s.name == stack_name and s.status != "REVIEW_IN_PROGRESS" for s in self.stacks.values()
    ):
        change_set_type = "UPDATE"
    return _moto_create_change_set(
        self, stack_name, change_set_name, template, parameters, description, change_set_type, *args, **kwargs
    )


_moto_create_change_set = cfn_models.CloudFormationBackend.create_change_set
_moto_outputs: Any = Stack.outputs  # properties: their fget is moto's code
_moto_exports: Any = Stack.exports
_moto_create_nested: Any = vars(Stack)["create_from_cloudformation_json"].__func__


def install() -> None:
    if getattr(Stack.create_resources, "_amplify_extension", False):
        return
    create_resources._amplify_extension = True  # type: ignore[attr-defined]
    Stack.create_resources = create_resources
    # Ref / PhysicalResourceId of a nested stack is its stack id (ARN), as in CloudFormation.
    setattr(Stack, "physical_resource_id", property(lambda self: self.stack_id))
    Stack.update = update
    setattr(Stack, "outputs", property(outputs))
    setattr(Stack, "exports", property(exports))
    setattr(Stack, "stack_resources", property(stack_resources))
    setattr(Stack, "create_from_cloudformation_json", classmethod(create_nested_stack))
    setattr(Stack, "update_from_cloudformation_json", classmethod(update_nested_stack))
    parsing.parse_and_create_resource = create_resource
    cfn_models.CloudFormationBackend.execute_change_set = execute_change_set
    cfn_models.CloudFormationBackend.create_change_set = create_change_set
