"""``Provider.push`` for awscloudformation: lock → apply → commit → save state → unlock.

``AwsCloudFormationProvider.push`` delegates here. The clients come from the provider's
session for the environment (standard retry mode, endpoints from botocore's settings) and
are handed to the lock and the deployer; nothing below creates its own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from amplify_core.changes.plan import PushPlan, PushResult
from amplify_core.errors import OperationError, UsageError

from .apply import Deployer
from .lock import DeploymentLock, LockInfo

SAVING = "Saving deployment state..."
SAVED = "Deployment state saved successfully."


def run_push(
    provider: Any,
    plan: PushPlan,
    *,
    commit: Callable[[PushResult], None],
    force_unlock: bool = False,
    command: str = "push",
) -> PushResult:
    """Deploy ``plan`` with the provider's credentials for ``plan.env_name``."""
    context = provider.context
    console = context.console
    project = context.project
    env_info = dict(plan.provider_info)
    if not plan.deployment_bucket or not plan.stack_name:
        raise OperationError(f"Environment {plan.env_name!r} has no root stack or deployment bucket recorded.")
    aws_info = project.local_aws_info().get(plan.env_name)
    if not aws_info:
        raise UsageError(
            f"This clone has no AWS access configured for environment {plan.env_name!r} "
            "(amplify/.config/local-aws-info.json).",
            hint='Run "amplify init" and choose this environment, or "amplify configure project".',
        )
    aws = provider.session(aws_info, plan.region)
    cfn, s3 = aws.client("cloudformation"), aws.client("s3")

    lock = DeploymentLock(s3, plan.deployment_bucket, LockInfo.mine(command, plan.env_name))
    with aws_errors("Taking the deployment lock"):
        broken = lock.acquire(force=force_unlock)
    if broken is not None:
        console.warn(f"Broke the deployment lock held by {broken.holder()}.")
    deployer = Deployer(cfn, s3, out=console.print)
    try:
        try:
            with aws_errors("Deploying"):
                result = deployer.apply(plan)
        except KeyboardInterrupt:
            if deployer.update_sent:
                console.warn(
                    f"Interrupted: CloudFormation may still be updating stack {plan.stack_name}. Nothing was "
                    'recorded locally; run "amplify push" again — it waits for that update and records it.'
                )
            raise
        commit(result)
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
    finally:
        _release(lock, console)


@contextmanager
def aws_errors(doing: str) -> Iterator[None]:
    """An AWS error before the commit becomes one clear line (exit 1), not a traceback."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except ClientError as exc:
        error = exc.response.get("Error", {})
        operation = getattr(exc, "operation_name", "") or "request"
        raise OperationError(
            f"{doing} failed: {operation}: {error.get('Code', 'Error')}: {error.get('Message', exc)}",
            hint="Local files were not changed.",
        ) from exc
    except BotoCoreError as exc:
        raise OperationError(f"{doing} failed: {exc}", hint="Local files were not changed.") from exc


def _release(lock: DeploymentLock, console: Any) -> None:
    try:
        lock.release()
    except KeyboardInterrupt:
        print("Interrupted while releasing the deployment lock.", file=sys.stderr)
        raise
    except Exception as exc:  # noqa: BLE001 - never hide the push's own outcome
        console.warn(f"Could not release the deployment lock ({exc}); the next push may need --force-unlock.")
