"""Stack events: what to show while a deployment runs, and which failure to report.

CloudFormation reports a failed nested stack in its parent as "Embedded stack … was not
successfully created: The following resource(s) failed to create: [Bucket]." — the real
reason is in the child's own events. :func:`root_cause` follows that chain down to the
first resource that failed for a reason of its own (not "Resource creation cancelled"
or a rollback caused by another resource).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

NESTED_TYPE = "AWS::CloudFormation::Stack"

#: Reasons of resources stopped because another one failed.
CANCELLED = ("Resource creation cancelled", "Resource update cancelled", "Resource deletion cancelled")

#: Reasons that only echo another resource's failure.
KNOCK_ON = (
    "Resource creation cancelled",
    "Resource update cancelled",
    "Resource deletion cancelled",
    "The following resource(s) failed",
    "Embedded stack",
)


@dataclass(frozen=True)
class Failure:
    """One failed resource: where it is and why, as CloudFormation said it."""

    logical_id: str
    resource_type: str
    status: str
    reason: str
    stack: str
    parents: tuple[str, ...] = ()

    def describe(self) -> str:
        path = " > ".join((*self.parents, self.logical_id))
        return f"{path} ({self.resource_type}) {self.status}: {self.reason}"


def is_failure(event: Mapping[str, Any]) -> bool:
    return str(event.get("ResourceStatus", "")).endswith("_FAILED")


def is_knock_on(reason: str) -> bool:
    return any(reason.startswith(prefix) or prefix in reason for prefix in KNOCK_ON)


def first_failure(events: Sequence[Mapping[str, Any]], stack_name: str) -> Mapping[str, Any] | None:
    """The earliest failed event of a resource (not the stack itself), preferring one whose
    reason is its own. ``events`` in chronological order."""
    failed = [
        e
        for e in events
        if is_failure(e)
        and e.get("LogicalResourceId") != stack_name
        and e.get("PhysicalResourceId") != e.get("StackId")
    ]
    own = [e for e in failed if not is_knock_on(str(e.get("ResourceStatusReason", "")))]
    nested = [e for e in failed if e.get("ResourceType") == NESTED_TYPE]
    nested_failed = [e for e in nested if not str(e.get("ResourceStatusReason", "")).startswith(CANCELLED)]
    return (own or nested_failed or nested or failed or [None])[0]


def root_cause(
    stack: str,
    events: Sequence[Mapping[str, Any]],
    load_events: Callable[[str], Sequence[Mapping[str, Any]]],
    parents: tuple[str, ...] = (),
    depth: int = 0,
) -> Failure | None:
    """Follow failed nested stacks down to the resource that really failed.

    :param events: the stack's events of this deployment, oldest first.
    :param load_events: returns a nested stack's events (oldest first) by physical id.
    """
    event = first_failure(events, stack)
    if event is None:
        return None
    failure = Failure(
        logical_id=str(event.get("LogicalResourceId", "?")),
        resource_type=str(event.get("ResourceType", "?")),
        status=str(event.get("ResourceStatus", "")),
        reason=str(event.get("ResourceStatusReason") or "no reason given"),
        stack=stack,
        parents=parents,
    )
    child = event.get("PhysicalResourceId")
    if failure.resource_type == NESTED_TYPE and child and depth < 5:
        try:
            child_events = load_events(str(child))
        except Exception:  # noqa: BLE001 - the parent's reason is still worth reporting
            return failure
        deeper = root_cause(str(child), child_events, load_events, (*parents, failure.logical_id), depth + 1)
        if deeper is not None:
            return deeper
    return failure


def progress_line(event: Mapping[str, Any]) -> str:
    """One event as a progress line: time, status, type, logical id, reason."""
    when = event.get("Timestamp")
    clock = when.strftime("%H:%M:%S") if hasattr(when, "strftime") else ""
    reason = event.get("ResourceStatusReason") or ""
    text = f"{clock} {event.get('ResourceStatus', ''):<24} {event.get('ResourceType', ''):<28} {event.get('LogicalResourceId', '')}"
    return f"{text}  {reason}".rstrip() if reason and reason != "User Initiated" else text.rstrip()


def new_events(pages: Iterable[Sequence[Mapping[str, Any]]], seen: set[str]) -> list[Mapping[str, Any]]:
    """Events not seen yet, oldest first (``describe_stack_events`` pages are newest first)."""
    fresh: list[Mapping[str, Any]] = []
    for page in pages:
        stop = False
        for event in page:
            event_id = str(event.get("EventId"))
            if event_id in seen:
                stop = True
                break
            fresh.append(event)
        if stop:
            break
    for event in fresh:
        seen.add(str(event.get("EventId")))
    fresh.reverse()
    return fresh
