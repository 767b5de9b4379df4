"""``amplify hosting add``: choose the stage, name the bucket, write the resource."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from amplify_core.plugin import AmplifyContext, Choice, Question, UsageError, check_model

from .resource import is_added, register, write_resource
from .settings import DEFAULT_INDEX, STAGES, HostingSettings
from .templates import build_template
from .validation import check_bucket_name, check_document_name, default_bucket_name

ADDED = "You can now publish your app using the following command:"
NEXT = "Command: amplify publish"


def questions(given: dict[str, Any], *, project_name: str, env_name: str) -> list[Question]:
    """The prompts for every value not given as a flag or in ``--params``."""
    suffix = f"-{env_name}"
    asked = []
    if "stage" not in given:
        asked.append(
            Question(
                id="stage",
                message="Select the environment setup:",
                kind="select",
                choices=[Choice("PROD", STAGES["PROD"]), Choice("DEV", STAGES["DEV"])],
                default="PROD",
                flag="--stage",
            )
        )
    if "bucketName" not in given:
        asked.append(
            Question(
                id="bucketName",
                message="hosting bucket name",
                default=default_bucket_name(project_name, datetime.now().strftime("%Y%m%d%H%M%S")),
                validate=lambda v: check_bucket_name(v, suffix=suffix),
                flag="--bucket-name",
            )
        )
    if "indexDocument" not in given:
        asked.append(
            Question(
                id="indexDocument",
                message="index doc for the website",
                default=DEFAULT_INDEX,
                validate=check_document_name,
                flag="--index-doc",
            )
        )
    if "errorDocument" not in given:
        asked.append(
            Question(
                id="errorDocument",
                message="error doc for the website",
                default=DEFAULT_INDEX,
                validate=check_document_name,
                flag="--error-doc",
            )
        )
    return asked


def run_add(ctx: AmplifyContext, given: dict[str, Any]) -> HostingSettings:
    """Add hosting from ``given`` (flags and ``--params``, camelCase keys) plus prompts."""
    from .params import HostingAddParams

    project = ctx.project
    if is_added(project):
        raise UsageError(
            "Hosting using Amazon CloudFront and S3 is already enabled.",
            hint="Change it with: amplify hosting configure",
        )
    given = {k: v for k, v in given.items() if v is not None}
    check_model("hosting add", given, HostingAddParams)
    env_name = project.env_name
    if "bucketName" in given:
        problem = check_bucket_name(given["bucketName"], suffix=f"-{env_name}")
        if problem:
            raise UsageError(f"--bucket-name: {problem}")
    config = project.project_config()
    answers = {
        **given,
        **ctx.prompter.ask(questions(given, project_name=config.projectName, env_name=env_name)),
    }
    settings = HostingSettings.for_stage(answers["stage"], answers["indexDocument"], answers["errorDocument"])
    write_resource(project, build_template(settings), {"bucketName": answers["bucketName"]})
    register(project)
    ctx.console.success(
        f"Added hosting ({STAGES[settings.stage]}), bucket {answers['bucketName']}-{env_name}."
    )
    ctx.console.print(ADDED)
    ctx.console.print(NEXT)
    return settings
