"""Headless parameters of ``function add`` / ``function update`` (``--params`` JSON).

``permissions`` has the shape of Gen 1's ``function-parameters.json`` (``{category: {resource:
[operations]}}``), so the file and the headless JSON read the same. Schemas: ``amplify schema
categories.function.add`` and ``categories.function.update``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

from . import RUNTIMES

Optional = SkipJsonSchema[None]
FunctionName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9]{1,50}$")]
ResourceName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9]{1,128}$")]
EnvName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z][a-zA-Z0-9_]{0,127}$")]
Runtime = Literal[RUNTIMES]  # type: ignore[valid-type]
Operation = Literal["create", "read", "update", "delete"]
Operations = Annotated[list[Operation], Field(min_length=1)]
#: Lambda's EventBridge schedule expressions.
Schedule = Annotated[
    str, StringConstraints(pattern=r"^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\))$")
]
Template = Literal["hello-world", "dynamodb-trigger", "s3-trigger"]


class Trigger(BaseModel):
    """The table whose stream invokes the function (``template: dynamodb-trigger``)."""

    model_config = ConfigDict(extra="forbid")

    category: Literal["storage"] = "storage"
    resourceName: ResourceName = Field(description="A DynamoDB table of the storage category.")


class FunctionAddParams(BaseModel):
    """``amplify function add --params``."""

    model_config = ConfigDict(extra="forbid")

    functionName: FunctionName | Optional = Field(
        None, description="The resource name (the Lambda is <name>-<env>)."
    )
    runtime: Runtime | Optional = Field(
        None, description=f"One of {', '.join(RUNTIMES)} (default {RUNTIMES[0]})."
    )
    template: Template | Optional = Field(
        None, description="hello-world (default), dynamodb-trigger or s3-trigger (a handler of S3 events)."
    )
    trigger: Trigger | Optional = None
    permissions: dict[Literal["storage", "function"], dict[ResourceName, Operations]] | Optional = Field(
        None, description="Access to other resources: {category: {resource: [create|read|update|delete]}}."
    )
    environmentVariables: dict[EnvName, str] | Optional = Field(
        None, description="Your own environment variables."
    )
    schedule: Schedule | Optional = Field(
        None, description="rate(5 minutes) or cron(...): invoke on a schedule."
    )
    timeout: Annotated[int, Field(ge=1, le=900)] | Optional = Field(None, description="Seconds (default 25).")


class FunctionUpdateParams(BaseModel):
    """``amplify function update <name> --params``: what is given replaces what was set."""

    model_config = ConfigDict(extra="forbid")

    runtime: Runtime | Optional = None
    permissions: dict[Literal["storage", "function"], dict[ResourceName, Operations]] | Optional = None
    environmentVariables: dict[EnvName, str] | Optional = None
    schedule: Schedule | Literal["NONE"] | Optional = Field(None, description="NONE removes the schedule.")
    timeout: Annotated[int, Field(ge=1, le=900)] | Optional = None
