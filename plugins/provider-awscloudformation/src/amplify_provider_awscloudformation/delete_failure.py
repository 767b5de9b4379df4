"""Why a stack deletion ended ``DELETE_FAILED``, in words a user can act on.

CloudFormation does not delete a bucket that still holds objects (nor a resource still in use):
the resource is ``DELETE_FAILED``, so is the stack, and the stack stays. What the root stack
reports is "Embedded stack … was not successfully deleted"; the cause is in a nested stack's
events. This follows the failed nested stacks down to the resources that failed and names each
(a bucket by its name), with what to do before running the command again — or, after an
update whose cleanup phase could not delete a removed resource (the update still succeeds),
what was left behind and how to remove it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from amplify_core.plugin import OperationError
from botocore.exceptions import BotoCoreError, ClientError

from .stack_watch import StackWatch

NESTED = "AWS::CloudFormation::Stack"
BUCKET = "AWS::S3::Bucket"
_MAX_DEPTH = 5


@dataclass(frozen=True)
class FailedResource:
    stack: str
    logical_id: str
    resource_type: str
    physical_id: str
    reason: str

    @property
    def bucket_not_empty(self) -> bool:
        return self.resource_type == BUCKET and (
            "BucketNotEmpty" in self.reason or "is not empty" in self.reason
        )


def failed_resources(
    cfn: Any, stack_id: str, depth: int = 0, *, since: str = "DELETE_IN_PROGRESS"
) -> list[FailedResource]:
    """The resources whose deletion failed in the last operation of ``stack_id`` (the one that
    began with its stack-level ``since`` event), nested stacks replaced by what failed inside."""
    events = StackWatch(cfn).events(stack_id)  # oldest first
    starts = [
        i
        for i, e in enumerate(events)
        if e.get("PhysicalResourceId") == e.get("StackId") and e["ResourceStatus"] == since
    ]
    found: list[FailedResource] = []
    for event in events[starts[-1] if starts else 0 :]:
        if event["ResourceStatus"] != "DELETE_FAILED" or event.get("PhysicalResourceId") == event.get(
            "StackId"
        ):
            continue
        physical = event.get("PhysicalResourceId") or ""
        if event.get("ResourceType") == NESTED and physical and depth < _MAX_DEPTH:
            inner = failed_resources(cfn, physical, depth + 1)
            if inner:
                found.extend(inner)
                continue
        found.append(
            FailedResource(
                stack=event.get("StackName", ""),
                logical_id=event["LogicalResourceId"],
                resource_type=event.get("ResourceType", ""),
                physical_id=physical,
                reason=event.get("ResourceStatusReason") or "no reason given",
            )
        )
    return found


def _cause(failure: FailedResource) -> str:
    if failure.bucket_not_empty:
        return f"bucket {failure.physical_id} is not empty ({failure.logical_id} in stack {failure.stack})"
    return f"{failure.logical_id} ({failure.resource_type}) in stack {failure.stack}: {failure.reason}"


def cleanup_warning(cfn: Any, stack_name: str) -> str | None:
    """After an update that succeeded: what its cleanup phase could not delete (CloudFormation
    then still ends ``UPDATE_COMPLETE`` and leaves those resources, unmanaged), or ``None``."""
    try:
        failures = failed_resources(cfn, stack_name, since="UPDATE_IN_PROGRESS")
    except (ClientError, BotoCoreError):
        return None
    if not failures:
        return None
    steps = []
    for failure in failures:
        if failure.bucket_not_empty:
            steps.append(
                f"empty and delete bucket {failure.physical_id} (`aws s3 rb s3://{failure.physical_id} --force`)"
            )
        if failure.stack != stack_name:
            steps.append(
                f"delete stack {failure.stack} (`aws cloudformation delete-stack --stack-name {failure.stack}`)"
            )
    todo = f" To remove them: {'; then '.join(dict.fromkeys(steps))}." if steps else ""
    return (
        "The push succeeded, but CloudFormation could not delete what it removed and left it "
        f"behind: {'; '.join(_cause(f) for f in failures)}.{todo}"
    )


def delete_failed_error(cfn: Any, stack_id: str, stack_name: str) -> OperationError | None:
    """The error to show for a stack left ``DELETE_FAILED`` (``None`` if it is not)."""
    try:
        status = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"]
        if status != "DELETE_FAILED":
            return None
        failures = failed_resources(cfn, stack_id)
    except (ClientError, BotoCoreError):
        return None
    buckets = [f.physical_id for f in failures if f.bucket_not_empty]
    causes = [_cause(f) for f in failures] or ["no failed resource reported"]
    if buckets:
        todo = (
            f"Empty {' and '.join(buckets)} (for example `aws s3 rm s3://{buckets[0]} --recursive`; "
            "a versioned bucket also needs its object versions deleted), then run this command again."
        )
    else:
        todo = "Fix the cause, then run this command again."
    return OperationError(
        f"Could not delete stack {stack_name}: it is DELETE_FAILED because {'; '.join(causes)}. {todo}"
    )
