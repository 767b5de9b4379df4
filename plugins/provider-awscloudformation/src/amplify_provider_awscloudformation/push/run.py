"""``Provider.push`` for awscloudformation: lock → apply → commit → save state → unlock.

Also the deployment lock as a reentrant context (``Provider.deployment_lock``: ``publish``
holds it around its push and upload); the check a push with nothing to deploy makes is
:mod:`.stack_check`.

``AwsCloudFormationProvider.push`` delegates here. The clients come from the provider's
session for the environment (standard retry mode, endpoints from botocore's settings) and
are handed to the lock and the deployer; nothing below creates its own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from amplify_core.plugin import OperationError, PushPlan, PushResult, UsageError, aws_errors

from ..delete_failure import cleanup_warning
from .apply import UNCHANGED, Deployer
from .lock import DeploymentLock, LockInfo
from .stack_check import StackCheck

SAVING = "Saving deployment state..."
SAVED = "Deployment state saved successfully."


def run_push(
    provider: Any,
    plan: PushPlan,
    *,
    commit: Callable[[PushResult], None],
    force_unlock: bool = False,
    force: bool = False,
    command: str = "push",
) -> PushResult:
    """Deploy ``plan`` with the provider's credentials for ``plan.env_name``.

    With ``force`` a root stack that is gone is first created again in place.
    """
    context = provider.context
    console = context.console
    project = context.project
    env_info = dict(plan.provider_info)
    if not plan.deployment_bucket or not plan.stack_name:
        raise OperationError(
            f"Environment {plan.env_name!r} has no root stack or deployment bucket recorded."
        )
    aws_info = access_for(project, plan.env_name)
    aws = provider.session(aws_info, plan.region)
    cfn, s3 = aws.client("cloudformation"), aws.client("s3")
    root_outputs: dict[str, Any] = {}
    if force:
        with aws_errors("Recreating the root stack", hint=UNCHANGED):
            root_outputs = provider.recreate_root_stack(plan.env_name, env_info, aws_info)
        env_info.update(root_outputs)
    deployer = Deployer(cfn, s3, out=console.print)
    with hold_lock(provider, plan.env_name, env_info, aws_info, command=command, force_unlock=force_unlock):
        try:
            with aws_errors("Deploying", hint=UNCHANGED):
                result = deployer.apply(plan)
        except KeyboardInterrupt:
            if deployer.update_sent:
                console.warn(
                    f"Interrupted: CloudFormation may still be updating stack {plan.stack_name}. Nothing was "
                    'recorded locally; run "amplify push" again — it waits for that update and records it.'
                )
            raise
        result.root_outputs = root_outputs
        commit(result)
        if deployer.update_sent and not result.no_op:
            left = cleanup_warning(cfn, plan.stack_name)
            if left:
                console.warn(left)
        console.print(SAVING)
        try:
            provider.store_current_cloud_backend(
                plan.env_name, env_info, aws_info, project.paths.current_cloud_backend
            )
            console.print(SAVED)
        except Exception as exc:  # noqa: BLE001 - the deployment itself succeeded and is recorded
            console.warn(
                f"The deployment succeeded, but saving its state to s3://{plan.deployment_bucket} failed "
                f"({exc}). Other clones see the previous state until the next push."
            )
        return result


def access_for(project: Any, env_name: str) -> dict[str, Any]:
    """This clone's ``local-aws-info.json`` entry for ``env_name`` (exit 2 if there is none)."""
    aws_info = project.local_aws_info().get(env_name)
    if not aws_info:
        raise UsageError(
            f"This clone has no AWS access configured for environment {env_name!r} "
            "(amplify/.config/local-aws-info.json).",
            hint='Run "amplify init" and choose this environment, or "amplify configure project".',
        )
    return aws_info


@contextmanager
def hold_lock(
    provider: Any,
    env_name: str,
    env_info: dict[str, Any],
    aws_info: dict[str, Any],
    *,
    command: str,
    force_unlock: bool = False,
) -> Iterator[None]:
    """``Provider.deployment_lock``: reentrant per provider object, released in ``finally``.

    The root stack's ``DescribeStacks`` runs in a thread while the lock is taken (a read
    beside the first write: one round trip instead of two); nothing else is written before
    both are done. A missing stack wins over a failure to lock (a fresh sandbox has neither
    stack nor bucket); a lock taken for a stack that is gone is released again.
    """
    held = provider._held_locks
    if env_name in held:
        yield
        return
    console = provider.context.console
    aws = provider.session(aws_info, env_info.get("Region"))
    cfn, s3 = aws.client("cloudformation"), aws.client("s3")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="amplify-stack-check")
    checked = pool.submit(StackCheck(provider, env_name, env_info, aws_info).run, cfn)
    pool.shutdown(wait=False)
    lock = DeploymentLock(s3, env_info["DeploymentBucketName"], LockInfo.mine(command, env_name))
    try:
        try:
            with aws_errors("Taking the deployment lock", hint=UNCHANGED):
                for warning in lock.acquire(force=force_unlock):
                    console.warn(warning)
        except Exception:
            _stack_checked(checked)
            raise
        _stack_checked(checked)
        held[env_name] = lock
        yield
    finally:
        held.pop(env_name, None)
        _release(lock, console)


def _stack_checked(checked: Future[None]) -> None:
    with aws_errors("Checking the root stack", hint=UNCHANGED):
        checked.result()


def _release(lock: DeploymentLock, console: Any) -> None:
    try:
        lock.release()
    except KeyboardInterrupt:
        print("Interrupted while releasing the deployment lock.", file=sys.stderr)
        raise
    except Exception as exc:  # noqa: BLE001 - never hide the push's own outcome
        console.warn(f"Could not release the deployment lock ({exc}); the next push may need --force-unlock.")
