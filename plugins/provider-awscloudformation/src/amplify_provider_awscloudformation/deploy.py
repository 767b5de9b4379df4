"""``apply``: the only code that calls AWS for environments. Clients are passed in.

Each function takes the clients it needs and a plan or an environment's provider block, does
the calls, and returns data. Progress goes through an ``on_event`` callback so the caller
decides how to show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from amplify_core.plugin import (
    Interrupted,
    OperationError,
    aws_error_code,
    aws_request_refused,
    empty_and_delete_bucket,
)
from botocore.exceptions import BotoCoreError, ClientError

from .constants import BACKEND_CONFIG_FILE, BACKEND_ZIP, META_FILE
from .delete_failure import delete_failed_error
from .root_stack import RootStackPlan, outputs_to_env_info, without_bucket
from .stack_watch import StackWatch, describe_failure

OnEvent = Callable[[str], None]

CREATE_DONE = {"CREATE_COMPLETE"}
DELETE_DONE_STATUS = "DELETE_COMPLETE"
DELETE_DONE = {DELETE_DONE_STATUS}


def _noop(_: str) -> None:
    pass


def _message(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Message", str(exc)))


# -- waiting -----------------------------------------------------------------------------


def wait_for_stack(
    cfn: Any,
    stack_id: str,
    *,
    done: set[str],
    on_event: OnEvent = _noop,
    seen: set[str] | None = None,
) -> dict[str, Any]:
    """Wait until the stack settles (:class:`.stack_watch.StackWatch`); return it if it ended
    in one of ``done``, else raise naming the resource that failed (nested stacks followed).

    :param seen: ids of events not to report (those from before the operation started).
    """
    watch = StackWatch(cfn, out=on_event)
    before = set(seen) if seen is not None else None
    stack = dict(watch.follow(stack_id, set(seen or ())))
    status = stack["StackStatus"]
    if status in done:
        return stack
    failure = watch.root_cause(stack_id, since=before)
    raise OperationError(f"Stack {stack['StackName']} ended in {status}: {describe_failure(failure)}")


# -- init --------------------------------------------------------------------------------


def create_root_stack(
    cfn: Any,
    s3: Any,
    plan: RootStackPlan,
    *,
    token: str | None = None,
    reuse_bucket: bool = False,
    on_event: OnEvent = _noop,
) -> dict[str, str]:
    """Create the root stack and wait for it; return its outputs (the provider block).

    ``token`` is the ``ClientRequestToken``: a retried ``CreateStack`` whose first answer was
    lost is the same request. If the retry is told the stack already exists, it is this
    request's stack (the name carries a random suffix chosen for it) and is waited for.
    ``reuse_bucket``: a deployment bucket of that name that exists already (the stack is
    recreated in place) is kept, not created.

    On failure the stack is deleted and the deployment bucket (retained) removed if it was
    created, then an :class:`OperationError` says what happened and what, if anything, is left.
    """
    on_event(f"Creating root stack {plan.stack_name} in {plan.region}")
    bucket_was_there = bucket_exists(s3, plan.deployment_bucket)
    if bucket_was_there and reuse_bucket:
        plan = without_bucket(plan)
    stack_id: str | None = None
    try:
        args: dict[str, Any] = {
            "StackName": plan.stack_name,
            "TemplateBody": plan.template_body(),
            "Parameters": [{"ParameterKey": k, "ParameterValue": v} for k, v in plan.parameters.items()],
            "Capabilities": list(plan.capabilities),
            "Tags": [{"Key": k, "Value": v} for k, v in plan.tags],
        }
        if token:
            args["ClientRequestToken"] = token
        try:
            stack_id = cfn.create_stack(**args)["StackId"]
        except ClientError as exc:
            if aws_error_code(exc) != "AlreadyExistsException" or token is None:
                raise
            stack_id = cfn.describe_stacks(StackName=plan.stack_name)["Stacks"][0]["StackId"]
        stack = wait_for_stack(cfn, stack_id, done=CREATE_DONE, on_event=on_event)
    except (ClientError, OperationError) as exc:
        reason = _message(exc) if isinstance(exc, ClientError) else exc.message
        if stack_id is None and aws_request_refused(exc):
            left = "Nothing was created."  # CreateStack itself was refused (keys, validation)
        else:
            left = clean_up_failed_stack(
                cfn, s3, plan.stack_name, plan.deployment_bucket, bucket_was_there=bucket_was_there
            )
        raise OperationError(
            f"Initialization of project failed: {reason}. {left}",
        ) from exc
    except KeyboardInterrupt:
        try:
            left = clean_up_failed_stack(
                cfn, s3, plan.stack_name, plan.deployment_bucket, bucket_was_there=bucket_was_there
            )
        except KeyboardInterrupt:
            left = (
                f"Left in the cloud (delete by hand): stack {plan.stack_name} "
                f"and bucket {plan.deployment_bucket}."
            )
        raise Interrupted(f"Interrupted while creating the root stack. {left}") from None
    env_info = outputs_to_env_info(stack.get("Outputs"))
    missing = [
        k
        for k in ("StackName", "StackId", "DeploymentBucketName", "AuthRoleArn", "UnauthRoleArn")
        if k not in env_info
    ]
    if missing:
        left = clean_up_failed_stack(
            cfn, s3, plan.stack_name, plan.deployment_bucket, bucket_was_there=bucket_was_there
        )
        raise OperationError(f"Root stack {plan.stack_name} has no outputs {', '.join(missing)}. {left}")
    env_info.setdefault("Region", plan.region)
    on_event(f"Root stack {plan.stack_name} created")
    return env_info


def adopt_or_remove(
    cfn: Any, s3: Any, stack_name: str, *, adopt: bool, on_event: OnEvent = _noop
) -> dict[str, str] | None:
    """A root stack an interrupted run created (named by its intent record).

    With ``adopt``, a stack that was created (or is still being created) is waited for and
    its outputs returned. Otherwise — or if it failed — it is removed with its bucket, and
    ``None`` returned; ``None`` also when it never came to exist.
    """
    bucket = f"{stack_name}-deployment"
    stack = _describe(cfn, stack_name)
    if stack is None or stack["StackStatus"] == DELETE_DONE_STATUS:
        if bucket_exists(s3, bucket):
            empty_and_delete_bucket(s3, bucket)
        return None
    if adopt:
        try:
            stack = wait_for_stack(
                cfn,
                stack["StackId"],
                done=CREATE_DONE | {"UPDATE_COMPLETE"},
                on_event=on_event,
            )
        except OperationError:
            stack = None
        if stack is not None:
            env_info = outputs_to_env_info(stack.get("Outputs"))
            if "DeploymentBucketName" in env_info:
                on_event(f"Using root stack {stack_name}, created by an earlier run that was interrupted")
                return env_info
    on_event(f"Removing root stack {stack_name}, left by an earlier run that was interrupted")
    left = clean_up_failed_stack(cfn, s3, stack_name, bucket)
    if left.startswith("Left"):
        raise OperationError(f"Could not remove root stack {stack_name} of an interrupted run. {left}")
    return None


def clean_up_failed_stack(
    cfn: Any, s3: Any, stack_name: str, bucket: str, *, bucket_was_there: bool = False
) -> str:
    """Delete what a failed create left; return a sentence saying what remains.

    The deployment bucket is retained by the stack, so it is deleted here — unless it existed
    before the stack was created (a bucket that was there before is never touched).
    """
    left = []
    try:
        try:
            stack = _describe(cfn, stack_name)
        except Exception:  # noqa: BLE001 - moto cannot describe a stack stuck half-created
            stack = None
        cfn.delete_stack(StackName=stack["StackId"] if stack else stack_name)
        _wait_until_gone(cfn, stack["StackId"] if stack else stack_name)
    except (ClientError, BotoCoreError, OperationError):
        left.append(f"stack {stack_name}")
    if not bucket_was_there:
        try:
            empty_and_delete_bucket(s3, bucket)
        except (ClientError, BotoCoreError):
            left.append(f"bucket {bucket}")
    if left:
        return f"Left in the cloud (delete by hand): {' and '.join(left)}."
    return "Everything it created was removed."


def _wait_until_gone(cfn: Any, stack: str) -> None:
    """Wait for a deletion; a stack that no longer describes is gone."""
    errors = 0

    def describe(name: str) -> dict[str, Any]:
        nonlocal errors
        try:
            current = _describe(cfn, name)
        except Exception as exc:  # noqa: BLE001 - a stack moto half-created may not describe
            errors += 1
            if errors >= 3:
                raise OperationError(f"Could not confirm that stack {name} was deleted ({exc}).") from None
            return {"StackName": name, "StackStatus": "DELETE_IN_PROGRESS"}
        return current if current is not None else {"StackName": name, "StackStatus": DELETE_DONE_STATUS}

    final = StackWatch(cfn, describe=describe).follow(stack, None)
    if final.get("StackStatus") != DELETE_DONE_STATUS:
        raise OperationError(f"Could not delete stack {stack}.")


def bucket_exists(s3: Any, bucket: str) -> bool:
    try:
        s3.head_bucket(Bucket=bucket)
    except ClientError as exc:
        if aws_error_code(exc) in ("404", "NoSuchBucket", "NotFound"):
            return False
        return True  # 403: it exists, owned by someone else
    return True


def _describe(cfn: Any, stack: str) -> dict[str, Any] | None:
    try:
        return cfn.describe_stacks(StackName=stack)["Stacks"][0]
    except ClientError as exc:
        if "does not exist" in _message(exc):
            return None
        raise


# -- the deployed-state snapshot -----------------------------------------------------------


def store_snapshot(s3: Any, bucket: str, archive: bytes, meta: bytes, backend_config: bytes) -> None:
    """Upload ``#current-cloud-backend.zip`` and the two JSON files Gen 1 keeps at the bucket root."""
    s3.put_object(Bucket=bucket, Key=BACKEND_ZIP, Body=archive, ContentType="application/zip")
    s3.put_object(Bucket=bucket, Key=META_FILE, Body=meta, ContentType="application/json")
    s3.put_object(Bucket=bucket, Key=BACKEND_CONFIG_FILE, Body=backend_config, ContentType="application/json")


@dataclass
class PulledEnv:
    """What ``pull`` found in the cloud for one environment."""

    env_info: dict[str, str]
    archive: bytes | None


def pull_env(cfn: Any, s3: Any, env_info: dict[str, Any]) -> PulledEnv:
    """Refresh the root stack's outputs and download the deployed-state snapshot."""
    name = env_info.get("StackId") or env_info["StackName"]
    stack = _describe(cfn, name)
    if stack is None or stack["StackStatus"] == "DELETE_COMPLETE":
        raise OperationError(
            f"Could not find the root stack {env_info.get('StackName')} of this environment. "
            "This environment may have been deleted."
        )
    fresh = {**env_info, **outputs_to_env_info(stack.get("Outputs"))}
    bucket = fresh["DeploymentBucketName"]
    try:
        archive = s3.get_object(Bucket=bucket, Key=BACKEND_ZIP)["Body"].read()
    except ClientError as exc:
        if aws_error_code(exc) in ("NoSuchKey", "404"):
            archive = None
        elif aws_error_code(exc) == "NoSuchBucket":
            raise OperationError(
                f"Could not find a deployment bucket for the specified backend environment ({bucket}). "
                "This environment may have been deleted."
            ) from None
        else:
            raise
    return PulledEnv(fresh, archive)


# -- remove ------------------------------------------------------------------------------


@dataclass
class RemovalReport:
    stack: str
    stack_deleted: bool = False
    stack_was_gone: bool = False
    buckets_deleted: list[str] = field(default_factory=list)
    buckets_gone: list[str] = field(default_factory=list)


def delete_env(cfn: Any, s3: Any, env_info: dict[str, Any], *, on_event: OnEvent = _noop) -> RemovalReport:
    """Delete an environment: its root stack (nested stacks with it), then the retained buckets.

    Buckets are found before the stack goes (every ``AWS::S3::Bucket`` of the stack tree, plus
    the deployment bucket); those still there afterwards are emptied and deleted. Anything
    already gone is reported, not an error. A stack CloudFormation leaves ``DELETE_FAILED`` (a
    bucket it must delete still holds objects) is an :class:`OperationError` naming what failed
    and what to do (:mod:`.delete_failure`); nothing is deleted by us then.
    """
    stack_name = env_info.get("StackName") or ""
    report = RemovalReport(stack=stack_name)
    buckets = [env_info["DeploymentBucketName"]] if env_info.get("DeploymentBucketName") else []
    stack = _describe(cfn, env_info.get("StackId") or stack_name) if stack_name else None
    if stack is None or stack["StackStatus"] == "DELETE_COMPLETE":
        report.stack_was_gone = True
        on_event(f"Stack {stack_name} is already gone")
    else:
        for bucket in _stack_buckets(cfn, stack["StackId"]):
            if bucket not in buckets:
                buckets.append(bucket)
        on_event(f"Deleting stack {stack_name}")
        before = StackWatch(cfn).event_ids(stack["StackId"])
        cfn.delete_stack(StackName=stack["StackId"])
        try:
            wait_for_stack(cfn, stack["StackId"], done=DELETE_DONE, on_event=on_event, seen=before)
        except OperationError:
            failure = delete_failed_error(cfn, stack["StackId"], stack_name)
            if failure is None:
                raise
            raise failure from None
        report.stack_deleted = True
    for bucket in buckets:
        if empty_and_delete_bucket(s3, bucket) is not None:  # None: it was already gone
            on_event(f"Deleted bucket {bucket}")
            report.buckets_deleted.append(bucket)
        else:
            report.buckets_gone.append(bucket)
    return report


def _stack_buckets(cfn: Any, stack_id: str, depth: int = 0) -> list[str]:
    """Physical ids of every S3 bucket in a stack and its nested stacks."""
    found: list[str] = []
    if depth > 5:
        return found
    try:
        pages = cfn.get_paginator("list_stack_resources").paginate(StackName=stack_id)
        resources = [r for page in pages for r in page["StackResourceSummaries"]]
    except ClientError:
        return found
    for resource in resources:
        physical = resource.get("PhysicalResourceId")
        if not physical:
            continue
        if resource.get("ResourceType") == "AWS::S3::Bucket":
            found.append(physical)
        elif resource.get("ResourceType") == "AWS::CloudFormation::Stack":
            found.extend(_stack_buckets(cfn, physical, depth + 1))
    return found
