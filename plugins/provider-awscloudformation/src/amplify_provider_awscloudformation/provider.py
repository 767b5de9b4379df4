"""The object the core calls: :class:`AwsCloudFormationProvider`.

It wires the pieces and owns nothing clever: :mod:`.access` decides how to reach AWS,
:mod:`.session` makes the clients, :mod:`.root_stack` plans (pure), :mod:`.deploy` applies (the
only AWS calls), :mod:`.snapshot` packs the deployed state.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from amplify_core.plugin import (
    DefaultsPrompter,
    Provider,
    Question,
    UsageError,
    aws_errors,
    core_version,
    is_interactive,
)

from . import access
from .params import ENV_KEYS


class AwsCloudFormationProvider(Provider):
    """AWS through CloudFormation: one root stack per environment."""

    def __init__(self, context):
        super().__init__(context)
        self._sessions: dict[str, Any] = {}
        #: Deployment locks this command holds, by environment (``deployment_lock`` is reentrant).
        self._held_locks: dict[str, Any] = {}

    # -- credentials ---------------------------------------------------------------------

    def configure(self, params: dict[str, Any] | None) -> dict[str, Any]:
        return self.reconfigure(None, params)

    @aws_errors()  # an AWS SDK failure is one clear line (exit 1; 2 without credentials)
    def reconfigure(self, current: dict[str, Any] | None, params: dict[str, Any] | None) -> dict[str, Any]:
        if params is not None:
            aws_info = access.from_params(params, current=current)
        elif self.context.yes:
            aws_info = current or access.autodetect()
        else:
            aws_info = access.ask(self.context, current)
        self._check_reachable(aws_info)
        return aws_info

    def client_config(self, **overrides: Any) -> Any:
        from .session import client_config

        return client_config(**overrides)

    def describe_access(self, aws_info: dict[str, Any] | None) -> str:
        return access.describe(aws_info)

    def _check_reachable(self, aws_info: dict[str, Any]) -> None:
        """Fail before anything changes if the chosen way has no credentials or region."""
        session = self.session(aws_info)
        if session.botocore_session.get_credentials() is None:
            raise UsageError(
                f"No AWS credentials found for {session.description}.",
                hint="Configure the profile or pass access keys with --providers.",
            )

    def session(self, aws_info: dict[str, Any], region: str | None = None):
        """The session for ``aws_info`` (one per process and region), MFA prompt included."""
        from .session import open_session

        key = json.dumps(aws_info, sort_keys=True)
        if key not in self._sessions:
            self._sessions[key] = open_session(aws_info, region=region, mfa_prompt=self._mfa_prompt)
        return self._sessions[key].in_region(region)

    def _mfa_prompt(self, botocore_prompt: str) -> str:
        serial = botocore_prompt.removeprefix("Enter MFA code for ").rstrip(": ").strip()
        self.context.console.print(
            f"The profile assumes a role that requires MFA authentication. The MFA device is {serial}"
        )
        prompter = self.context.prompter
        if isinstance(prompter, DefaultsPrompter) and is_interactive():
            from amplify_core.plugin import InquirerPrompter

            prompter = InquirerPrompter()  # --yes takes defaults, but a code has none: ask the person
        question = Question(
            id="mfaCode",
            message="Enter the MFA token code:",
            kind="password",
            validate=_six_digits,
            flag="a terminal (MFA codes cannot be passed as parameters)",
        )
        return str(prompter.ask([question])["mfaCode"]).strip()

    # -- environments ----------------------------------------------------------------------

    @aws_errors()
    def init_env(self, project_name: str, env_name: str, aws_info: dict[str, Any]) -> dict[str, Any]:
        from . import intents
        from .deploy import adopt_or_remove, create_root_stack
        from .root_stack import plan_root_stack

        aws = self.session(aws_info)
        aws.credentials()  # ask for an MFA code now, not in the middle of the deployment
        root = self.context.project_dir
        earlier = intents.load(root, env_name)
        reuse = None
        if earlier is not None:
            there = aws.in_region(earlier.region)
            adopted = adopt_or_remove(
                there.client("cloudformation"),
                there.client("s3"),
                earlier.stack_name,
                adopt=earlier.project_name == project_name and earlier.region == aws.region,
                on_event=self._progress,
            )
            if adopted is not None:
                adopted.setdefault("Region", earlier.region)
                return adopted
            if earlier.project_name == project_name and earlier.region == aws.region:
                reuse = earlier  # never created, or removed: the same name and token again
        plan = plan_root_stack(
            project_name,
            env_name,
            aws.region,
            cli_version=core_version,
            stack_name=reuse.stack_name if reuse else None,
        )
        intent = reuse or intents.Intent(str(root), project_name, env_name, plan.stack_name, aws.region)
        intents.save(intent)
        return create_root_stack(
            aws.client("cloudformation"), aws.client("s3"), plan, token=intent.token, on_event=self._progress
        )

    def env_recorded(self, env_name: str, env_info: dict[str, Any]) -> None:
        from . import intents

        intents.drop(self.context.project_dir, env_name, env_info.get("StackName"))

    @aws_errors()
    def recreate_root_stack(
        self, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any]
    ) -> dict[str, Any]:
        """``push --force``: create the environment's root stack again under its recorded name
        (and deployment bucket) if it is gone; return its fresh outputs, or ``{}`` if it exists."""
        import uuid

        from .deploy import _describe, create_root_stack
        from .root_stack import plan_root_stack

        aws = self.session(aws_info, env_info.get("Region"))
        cfn = aws.client("cloudformation")
        name = env_info["StackName"]
        stack = _describe(cfn, name)
        if stack is not None and stack["StackStatus"] != "DELETE_COMPLETE":
            return {}
        self.context.console.warn(f"The root stack {name} does not exist; creating it again.")
        project_name = self.context.project.project_config().projectName
        plan = plan_root_stack(project_name, env_name, aws.region, cli_version=core_version, stack_name=name)
        if plan.deployment_bucket != env_info.get("DeploymentBucketName"):
            from dataclasses import replace

            bucket = env_info["DeploymentBucketName"]
            plan = replace(
                plan, deployment_bucket=bucket, parameters={**plan.parameters, "DeploymentBucketName": bucket}
            )
        outputs = create_root_stack(
            cfn,
            aws.client("s3"),
            plan,
            token=f"amplify-force-{uuid.uuid4().hex}",
            reuse_bucket=True,
            on_event=self._progress,
        )
        outputs.setdefault("Region", aws.region)
        return outputs

    @aws_errors()
    def store_current_cloud_backend(
        self, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any], folder: Path
    ) -> None:
        from .constants import BACKEND_CONFIG_FILE, META_FILE
        from .deploy import store_snapshot
        from .snapshot import pack

        aws = self.session(aws_info, env_info.get("Region"))
        folder = Path(folder)
        meta = (folder / META_FILE).read_bytes() if (folder / META_FILE).exists() else b"{}\n"
        config = (
            (folder / BACKEND_CONFIG_FILE).read_bytes()
            if (folder / BACKEND_CONFIG_FILE).exists()
            else b"{}\n"
        )
        store_snapshot(aws.client("s3"), env_info["DeploymentBucketName"], pack(folder), meta, config)

    @aws_errors()
    def pull_env(
        self, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any], dest: Path
    ) -> dict[str, Any]:
        from .deploy import pull_env
        from .snapshot import unpack

        aws = self.session(aws_info, env_info.get("Region"))
        self._progress(f"Fetching updates to backend environment: {env_name} from the cloud.")
        pulled = pull_env(aws.client("cloudformation"), aws.client("s3"), env_info)
        if pulled.archive is not None:
            unpack(pulled.archive, Path(dest))
        return pulled.env_info

    @aws_errors()
    def find_envs(
        self, aws_info: dict[str, Any], *, project_name: str | None = None, env_name: str | None = None
    ) -> list[Any]:
        from .discover import find_root_stacks

        return find_root_stacks(
            self.session(aws_info).client("cloudformation"), project_name=project_name, env_name=env_name
        )

    @aws_errors()
    def delete_env(self, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any]) -> None:
        from . import intents
        from .deploy import delete_env

        aws = self.session(aws_info, env_info.get("Region"))
        report = delete_env(aws.client("cloudformation"), aws.client("s3"), env_info, on_event=self._progress)
        intents.drop(self.context.project_dir, env_name, env_info.get("StackName"))
        if report.stack_was_gone:
            self.context.console.warn(f"Stack {report.stack} did not exist any more.")
        for bucket in report.buckets_gone:
            self.context.console.warn(f"Bucket {bucket} did not exist any more.")

    def import_env(
        self, env_name: str, config: dict[str, Any], aws_info: dict[str, Any] | None
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        missing = [key for key in ENV_KEYS if not config.get(key)]
        if missing:
            raise UsageError(
                "Environment configuration was not specified or was formatted incorrectly: "
                f"missing {', '.join(missing)}."
            )
        entry = access.from_params(aws_info, check_profile=False) if aws_info is not None else None
        return dict(config), entry

    # -- push (implemented in .push, owned by the push/status work) -------------------------

    def push(self, plan, *, commit, force_unlock=False, force=False):
        from .push.run import run_push

        return run_push(self, plan, commit=commit, force_unlock=force_unlock, force=force)

    @contextmanager
    def deployment_lock(self, env_name: str, *, command: str, force_unlock: bool = False) -> Iterator[None]:
        from .push.run import access_for, hold_lock

        env_info = self._env_info(env_name)
        with hold_lock(
            self,
            env_name,
            env_info,
            access_for(self.context.project, env_name),
            command=command,
            force_unlock=force_unlock,
        ):
            yield

    def check_env(self, env_name: str, *, command: str) -> None:
        aws_info = self.context.project.local_aws_info().get(env_name)
        env_info = self._env_info(env_name, required=False)
        if aws_info and env_info.get("StackName"):
            from .push.stack_check import check_env

            check_env(self, env_name, env_info, aws_info)

    def _env_info(self, env_name: str, *, required: bool = True) -> dict[str, Any]:
        """The environment's provider block (``team-provider-info.json``, else amplify-meta)."""
        project = self.context.project
        info = (project.team_provider_info().get(env_name) or {}).get("awscloudformation") or (
            project.amplify_meta().get("providers", {}).get("awscloudformation") or {}
        )
        if required and not (info.get("StackName") and info.get("DeploymentBucketName")):
            raise UsageError(
                f"Environment {env_name!r} has no root stack recorded in team-provider-info.json.",
                hint='Run "amplify init" (or "amplify env pull") for this environment first.',
            )
        return dict(info)

    # -- output ----------------------------------------------------------------------------

    def _progress(self, message: str) -> None:
        self.context.console.print(message)


def _six_digits(value: Any) -> str | None:
    text = str(value or "").strip()
    return None if len(text) == 6 and text.isdigit() else "The MFA token code is 6 digits."
