"""Apply a push plan to CloudFormation: the calls, in order, with injected clients.

1. Wait if the root stack is busy with an earlier operation (e.g. a push interrupted with
   Ctrl-C keeps running in the cloud); refuse if it is stuck in a state only a person can fix.
2. Upload the artifacts (Lambda zips) the bucket lacks, then the templates that changed to
   ``amplify-cfn-templates/<cat>/<res>/<hash>.json``, and ``ValidateTemplate`` them (a
   rejected one stops the push before any stack changes).
3. Render the root template (:mod:`.root`), upload it, ``UpdateStack``.
4. Poll the stack and print its new events until it settles (:class:`..stack_watch.StackWatch`).
5. On failure, find the first resource that failed for a reason of its own, in the nested
   stacks too (:mod:`..stack_watch`), and raise an :class:`OperationError` naming it.
6. On success, read the outputs of each created or updated nested stack
   (``DescribeStackResource`` → ``DescribeStacks`` on the child).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from amplify_core.plugin import Artifact, NestedStack, OperationError, PushPlan, PushResult, ResourceOutcome

from ..stack_watch import Failure, StackWatch
from .root import render_root, template_url

ROOT_TEMPLATE_KEY = "root-cloudformation-stack.json"
CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]
NO_UPDATES = "No updates are to be performed"
#: States from which CloudFormation accepts no update until someone intervenes.
STUCK = {"UPDATE_ROLLBACK_FAILED", "ROLLBACK_FAILED", "DELETE_FAILED", "ROLLBACK_COMPLETE", "CREATE_FAILED"}
MAX_PARALLEL = 8


class Deployer:
    """Everything step 1–6 needs: two clients, a way to print, and a clock.

    :param out: prints one progress line.
    :param sleep: ``time.sleep`` (tests pass a no-op).
    :param timeout: seconds to wait for the stack to settle before giving up (it keeps
        running in the cloud; the next push waits for it).
    """

    def __init__(
        self,
        cfn: Any,
        s3: Any,
        *,
        out: Callable[[str], None] = print,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 3600.0,
    ):
        self.cfn = cfn
        self.s3 = s3
        self.out = out
        self.watch = StackWatch(cfn, out=out, sleep=sleep, timeout=timeout, describe=self.describe)
        #: ``UpdateStack`` was sent: from here on the cloud may change even if we stop.
        self.update_sent = False

    # -- the whole apply -----------------------------------------------------------------

    def apply(self, plan: PushPlan) -> PushResult:
        stack_name, bucket = plan.stack_name, plan.deployment_bucket
        live = self.wait_until_settled(stack_name, before=True)
        self.upload_artifacts(plan.artifacts, bucket)
        to_upload = [s for s in plan.stacks if self.needs_upload(s, bucket)]
        self.upload_templates(to_upload, bucket)
        self.validate_templates([s for s in plan.stacks if s.changed], plan, bucket)
        root = render_root(self.live_template(stack_name), plan, bucket)
        self.put_json(bucket, ROOT_TEMPLATE_KEY, root)
        before = self.watch.event_ids(stack_name)
        seen = set(before)
        started = time.time()
        self.out(f"Updating stack {stack_name} …")
        self.update_sent = True
        try:
            self.cfn.update_stack(**self.update_args(plan, live, template_url(bucket, ROOT_TEMPLATE_KEY)))
        except Exception as exc:  # noqa: BLE001 - ClientError, classified below
            if NO_UPDATES in str(exc):
                self.out(
                    "The stack already matches this plan (an earlier push was interrupted after deploying)."
                )
                return self.collect(plan, to_upload, no_op=True)
            raise self.sync_failure(plan, exc, started) from None
        final = str(
            self.watch.follow(stack_name, seen, hint='Run "amplify push" again later.').get("StackStatus", "")
        )
        if final != "UPDATE_COMPLETE":
            raise self.async_failure(plan, final, before)
        return self.collect(plan, to_upload)

    # -- step 1 ------------------------------------------------------------------------

    def describe(self, stack_name: str) -> Mapping[str, Any]:
        from botocore.exceptions import ClientError

        try:
            return self.cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
        except ClientError as exc:
            if "does not exist" in str(exc):
                raise missing_stack_error(stack_name) from None
            raise

    def wait_until_settled(self, stack_name: str, *, before: bool = False) -> Mapping[str, Any]:
        stack = self.watch.settle(stack_name)
        if before and stack.get("StackStatus") in STUCK:
            raise OperationError(
                f"Stack {stack_name} is in state {stack['StackStatus']} and cannot be updated: "
                f"{stack.get('StackStatusReason') or 'no reason given'}",
                hint="Fix it in the CloudFormation console (e.g. 'Continue update rollback'), then push again.",
            )
        return stack

    # -- step 2 ------------------------------------------------------------------------

    @staticmethod
    def needs_upload(stack: NestedStack, bucket: str) -> bool:
        return stack.changed or stack.deployed_template_url != template_url(bucket, stack.template_key)

    def upload_artifacts(self, artifacts: list[Artifact], bucket: str) -> None:
        """Send the artifacts (Lambda zips) not yet in the bucket; their keys are content-hashed,
        so one already there holds the same bytes."""
        missing = [a for a in artifacts if not self.exists(bucket, a.key)]
        if not missing:
            return
        self.out(f"Uploading {len(missing)} package(s): {', '.join(a.key for a in missing)}")
        for artifact in missing:  # Lambda zips are at most 50 MB: one PutObject each
            with open(artifact.path, "rb") as body:
                self.s3.put_object(Bucket=bucket, Key=artifact.key, Body=body, ContentType="application/zip")

    def exists(self, bucket: str, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.s3.head_object(Bucket=bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def upload_templates(self, stacks: list[NestedStack], bucket: str) -> None:
        if not stacks:
            return
        self.out(f"Uploading {len(stacks)} template(s) …")
        with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(stacks))) as pool:
            list(pool.map(lambda s: self.put_text(bucket, s.template_key, s.template_body()), stacks))

    def validate_templates(self, stacks: list[NestedStack], plan: PushPlan, bucket: str) -> None:
        """``ValidateTemplate`` each changed template, so one CloudFormation rejects (an unknown
        resource type, a Ref to nothing) fails the push before any stack changes."""
        from botocore.exceptions import ClientError

        for stack in stacks:
            try:
                self.cfn.validate_template(TemplateURL=template_url(bucket, stack.template_key))
            except ClientError as exc:
                if (exc.response.get("Error") or {}).get("Code") != "ValidationError":
                    raise
                raise OperationError(
                    f"Deployment failed in {stack.category}/{stack.name}: its template was rejected "
                    f"before deploying: {_error_text(exc)}",
                    hint='Nothing was deployed and local files were not changed. Fix the template, then run "amplify push" again.',
                ) from None

    def put_json(self, bucket: str, key: str, data: Any) -> None:
        self.put_text(bucket, key, json.dumps(data, indent=2))

    def put_text(self, bucket: str, key: str, text: str) -> None:
        self.s3.put_object(Bucket=bucket, Key=key, Body=text.encode("utf-8"), ContentType="application/json")

    # -- step 3 ------------------------------------------------------------------------

    def live_template(self, stack_name: str) -> dict[str, Any]:
        body = self.cfn.get_template(StackName=stack_name, TemplateStage="Original")["TemplateBody"]
        if isinstance(body, str):
            try:
                return json.loads(body)
            except json.JSONDecodeError:
                raise OperationError(
                    f"The root stack {stack_name} has a YAML template; amplify renders JSON root stacks only."
                ) from None
        return json.loads(json.dumps(body))

    @staticmethod
    def update_args(plan: PushPlan, live: Mapping[str, Any], url: str) -> dict[str, Any]:
        args: dict[str, Any] = {
            "StackName": plan.stack_name,
            "TemplateURL": url,
            "Parameters": [
                {"ParameterKey": p["ParameterKey"], "UsePreviousValue": True}
                for p in live.get("Parameters") or []
            ],
            "Capabilities": CAPABILITIES,
            "ClientRequestToken": f"amplify-push-{uuid.uuid4().hex}",
        }
        if plan.tags is not None:
            args["Tags"] = [dict(t) for t in plan.tags]
        return args

    # -- step 5 ------------------------------------------------------------------------

    def async_failure(self, plan: PushPlan, final: str, seen_before: set[str]) -> OperationError:
        """The stack rolled back: report the first resource that failed on its own account."""
        failure = self.watch.root_cause(plan.stack_name, since=seen_before)
        return failure_error(plan, failure, f"Stack {plan.stack_name} ended in {final}.")

    def sync_failure(self, plan: PushPlan, exc: Exception, started: float) -> OperationError:
        """``UpdateStack`` itself was refused (template or parameter errors; the sandbox also
        reports resource failures this way). Name the nested stack when it can be found."""
        message = _error_text(exc)
        failure = self.failed_child(plan, message, started)
        return failure_error(plan, failure, f"UpdateStack on {plan.stack_name} failed: {message}")

    def failed_child(self, plan: PushPlan, message: str, started: float) -> Failure | None:
        """A nested stack of this push left half-made (created, never completed)."""
        candidates = {s.logical_id: s for s in plan.stacks if s.changed}
        try:
            paginator = self.cfn.get_paginator("list_stacks")
            summaries = [
                s
                for page in paginator.paginate(
                    StackStatusFilter=[
                        "CREATE_IN_PROGRESS",
                        "UPDATE_IN_PROGRESS",
                        "CREATE_FAILED",
                        "UPDATE_FAILED",
                        "ROLLBACK_IN_PROGRESS",
                        "ROLLBACK_COMPLETE",
                        "ROLLBACK_FAILED",
                    ]
                )
                for s in page.get("StackSummaries", [])
            ]
        except Exception:  # noqa: BLE001 - diagnosis is best effort
            return None
        for summary in summaries:
            name = str(summary.get("StackName", ""))
            created = summary.get("CreationTime")
            if created is not None and hasattr(created, "timestamp") and created.timestamp() < started - 300:
                continue
            for logical_id, stack in candidates.items():
                if name.startswith(f"{plan.stack_name}-{logical_id}-"):
                    inner = list((stack.template.get("Resources") or {}).items())
                    if len(inner) == 1:
                        inner_id, inner_res = inner[0]
                        return Failure(
                            inner_id,
                            str(inner_res.get("Type", "?")),
                            "CREATE_FAILED",
                            message,
                            name,
                            parents=(logical_id,),
                        )
                    return Failure(
                        logical_id, "AWS::CloudFormation::Stack", "FAILED", message, plan.stack_name
                    )
        return None

    # -- step 6 ------------------------------------------------------------------------

    def collect(self, plan: PushPlan, uploaded: list[NestedStack], *, no_op: bool = False) -> PushResult:
        """Outputs of the nested stacks this push created or updated."""
        bucket = plan.deployment_bucket
        wanted = {s.key: s for s in plan.stacks if s.changed} | {s.key: s for s in uploaded}

        def read(stack: NestedStack) -> ResourceOutcome:
            detail = self.cfn.describe_stack_resource(
                StackName=plan.stack_name, LogicalResourceId=stack.logical_id
            )["StackResourceDetail"]
            physical = detail.get("PhysicalResourceId")
            outputs = {}
            if physical:
                child = self.cfn.describe_stacks(StackName=physical)["Stacks"][0]
                outputs = {o["OutputKey"]: o.get("OutputValue") for o in child.get("Outputs") or []}
            return ResourceOutcome(
                stack.logical_id, template_url(bucket, stack.template_key), outputs, physical
            )

        result = PushResult(no_op=no_op)
        if wanted:
            with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(wanted))) as pool:
                for key, outcome in zip(wanted, pool.map(read, wanted.values()), strict=True):
                    result.resources[key] = outcome
        return result


#: The hint of an AWS failure before the commit.
UNCHANGED = "Local files were not changed."


def missing_stack_error(stack_name: str, env_name: str | None = None) -> OperationError:
    """The environment's root stack is gone: say so, and the one command that brings it back."""
    env = f" of environment {env_name!r}" if env_name else ""
    return OperationError(
        f"The root stack {stack_name}{env} does not exist: it was deleted outside amplify, "
        "or the sandbox started empty.",
        hint='Run "amplify push --force" to create it again in place and redeploy every resource.',
    )


def failure_error(plan: PushPlan, failure: Failure | None, fallback: str) -> OperationError:
    """The message users see last: which resource, which type, CloudFormation's reason."""
    hint = 'Local files were not changed. Fix the cause, then run "amplify push" again.'
    if failure is None:
        return OperationError(f"Deployment failed. {fallback}", hint=hint)
    owner = failure.parents[0] if failure.parents else failure.logical_id
    resource = next((f"{s.category}/{s.name}" for s in plan.stacks if s.logical_id == owner), None)
    where = f" in {resource}" if resource else ""
    return OperationError(
        f"Deployment failed{where}: {failure.describe()}",
        hint=hint,
    )


def _error_text(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and response.get("Error"):
        error = response["Error"]
        details = ", ".join(
            f"{k}: {v}"
            for k, v in error.items()
            if k not in ("Code", "Message", "Type") and isinstance(v, str)
        )
        text = f"{error.get('Code', 'Error')}: {error.get('Message', '')}".strip()
        return f"{text} ({details})" if details else text
    return f"{type(exc).__name__}: {exc}"
