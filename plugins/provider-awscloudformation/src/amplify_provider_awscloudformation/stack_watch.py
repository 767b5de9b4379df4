"""Waiting on a CloudFormation stack: the one poller and failure reporter of the provider.

Init, ``env add``/``remove``/``pull --restore`` (:mod:`.deploy`) and ``push``
(:mod:`.push.apply`) all wait here: one polling schedule (:func:`poll_delays`), one reading of
``DescribeStackEvents`` (newest first, paged, stopping at the first event already seen), one
progress line per event, one notion of "settled" (no ``*_IN_PROGRESS``), and one search for
the resource that failed.

CloudFormation reports a failed nested stack in its parent as "Embedded stack … was not
successfully created: The following resource(s) failed to create: [Bucket]." — the real
reason is in the child's own events. :func:`root_cause` follows that chain down to the
first resource that failed for a reason of its own (not "Resource creation cancelled"
or a rollback caused by another resource).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from amplify_core.plugin import OperationError

Event = Mapping[str, Any]
Out = Callable[[str], None]

#: Seconds before the first poll of a stack in progress, how each wait grows, its ceiling.
POLL_FIRST, POLL_GROWTH, POLL_MAX = 0.2, 1.5, 5.0

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
    candidates = own or nested_failed or nested or failed
    return candidates[0] if candidates else None


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
    clock = when.strftime("%H:%M:%S") if when is not None and hasattr(when, "strftime") else ""
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


def poll_delays() -> Iterator[float]:
    """The waits between polls: short at first (the sandbox settles in well under a second),
    growing to :data:`POLL_MAX` (a real stack takes minutes)."""
    delay = POLL_FIRST
    while True:
        yield delay
        delay = min(delay * POLL_GROWTH, POLL_MAX)


def settled(status: str) -> bool:
    """A stack whose status is not ``*_IN_PROGRESS`` accepts no more events of this operation."""
    return not status.endswith("_IN_PROGRESS")


def _ignore(_: str) -> None:
    pass


def _describe_stack(cfn: Any, stack: str) -> Mapping[str, Any]:
    return cfn.describe_stacks(StackName=stack)["Stacks"][0]


class StackWatch:
    """Polls one client's stacks, prints their new events, and finds why one failed.

    :param out: prints one progress line.
    :param sleep: ``time.sleep`` (tests pass a no-op).
    :param timeout: seconds to wait for a stack to settle before giving up (it keeps running
        in the cloud).
    :param describe: reads a stack's description (callers translate "does not exist").
    """

    def __init__(
        self,
        cfn: Any,
        *,
        out: Out = _ignore,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 3600.0,
        describe: Callable[[str], Mapping[str, Any]] | None = None,
    ):
        self.cfn = cfn
        self.out = out
        self.sleep = sleep
        self.timeout = timeout
        self.describe: Callable[[str], Mapping[str, Any]] = describe or (lambda s: _describe_stack(cfn, s))

    # -- events ---------------------------------------------------------------------------

    def event_pages(self, stack: str) -> Iterator[Sequence[Event]]:
        """``DescribeStackEvents`` pages, newest first (read lazily: callers stop early)."""
        paginator = self.cfn.get_paginator("describe_stack_events")
        for page in paginator.paginate(StackName=stack):
            yield page.get("StackEvents", [])

    def event_ids(self, stack: str) -> set[str]:
        """Ids of the newest page of events: marks where an operation about to start begins
        (reading stops at the first id already seen, so one page is enough)."""
        from botocore.exceptions import ClientError

        try:
            page = self.cfn.describe_stack_events(StackName=stack).get("StackEvents", [])
        except ClientError:
            return set()
        return {str(e.get("EventId")) for e in page}

    def events(self, stack: str, since: set[str] | None = None) -> list[Event]:
        """A stack's events, oldest first (only those after ``since`` when given)."""
        collected: list[Event] = []
        for page in self.event_pages(stack):
            for event in page:
                if since is not None and str(event.get("EventId")) in since:
                    return list(reversed(collected))
                collected.append(event)
        return list(reversed(collected))

    def _print_new(self, stack: str, seen: set[str]) -> None:
        from botocore.exceptions import ClientError

        try:
            fresh = new_events(self.event_pages(stack), seen)
        except ClientError:  # progress is best effort; the status decides
            return
        for event in fresh:
            self.out(progress_line(event))

    # -- waiting --------------------------------------------------------------------------

    def follow(self, stack: str, seen: set[str] | None, *, hint: str | None = None) -> Mapping[str, Any]:
        """Print the stack's new events until it settles; return its last description.

        :param seen: ids of events not to print (from before this operation), updated;
            ``None``: print none (nor read them).
        :param hint: said with the timeout error.
        """
        deadline = time.monotonic() + self.timeout
        for delay in poll_delays():
            description = self.describe(stack)
            if seen is not None:
                self._print_new(stack, seen)
            status = str(description.get("StackStatus", ""))
            if settled(status):
                return description
            if time.monotonic() > deadline:
                name = description.get("StackName", stack)
                raise OperationError(
                    f"Stack {name} is still {status} after {int(self.timeout)} s; "
                    "the operation continues in the cloud.",
                    hint=hint,
                )
            self.sleep(delay)
        raise AssertionError("unreachable")

    def settle(self, stack: str) -> Mapping[str, Any]:
        """Wait, without printing events, for an operation someone else started to finish."""
        description = self.describe(stack)
        deadline, announced = time.monotonic() + self.timeout, False
        delays = poll_delays()
        while not settled(str(description.get("StackStatus", ""))):
            if not announced:
                self.out(
                    f"Waiting for the stack's current operation ({description['StackStatus']}) to finish …"
                )
                announced = True
            if time.monotonic() > deadline:
                raise OperationError(f"Stack {stack} is still {description['StackStatus']}; try again later.")
            self.sleep(next(delays))
            description = self.describe(stack)
        return description

    # -- failures -------------------------------------------------------------------------

    def root_cause(self, stack: str, since: set[str] | None = None) -> Failure | None:
        """The resource whose own failure ended this operation, nested stacks followed."""
        from botocore.exceptions import ClientError

        try:
            events = self.events(stack, since)
        except ClientError:
            return None
        return root_cause(stack, events, self.events)


def describe_failure(failure: Failure | None) -> str:
    return failure.describe() if failure is not None else "no failed resource reported"
