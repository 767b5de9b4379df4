"""Headless parameters of ``storage add`` / ``storage update`` (``--params`` JSON).

The keys are those of Gen 1's ``cli-inputs.json``, so a resource's file and its headless
JSON read the same; ``service`` picks the kind. Schemas: ``amplify schema
categories.storage.add`` and ``categories.storage.update``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints
from pydantic.json_schema import SkipJsonSchema

Optional = SkipJsonSchema[None]
ResourceName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9]{1,128}$")]
BucketName = Annotated[
    str, StringConstraints(min_length=3, max_length=63, pattern=r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
]
TableName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9_.-]{3,200}$")]
AttributeName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9_.-]{1,255}$")]
GroupName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9]{1,128}$")]
FunctionName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9]{1,128}$")]
Access = Literal["CREATE_AND_UPDATE", "READ", "DELETE"]
Accesses = Annotated[list[Access], Field(min_length=1)]


class KeyParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fieldName: AttributeName = Field(description="The attribute's name.")
    fieldType: Literal["string", "number", "binary"] = Field(
        "string", description="Key attributes are string, number or binary."
    )


class IndexParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: TableName = Field(description="The global secondary index's name.")
    partitionKey: KeyParams
    sortKey: KeyParams | Optional = None


class S3Params(BaseModel):
    """A content bucket: who may do what under public/, protected/, private/ (and uploads/)."""

    model_config = ConfigDict(extra="forbid")

    service: Literal["S3"]
    resourceName: ResourceName | Optional = Field(None, description="Default: s3<8 hex>.")
    bucketName: BucketName | Optional = Field(None, description="The stack appends -<env>.")
    authAccess: Accesses | Optional = Field(None, description="Signed-in users (default all three).")
    guestAccess: list[Access] | Optional = Field(
        None, description="Guests (default none: signed-in users only)."
    )
    groupAccess: dict[GroupName, Accesses] | Optional = Field(
        None,
        description="User-pool groups (auth resource userPoolGroups) and their actions on the whole bucket.",
    )
    triggerFunction: FunctionName | Optional = Field(
        None,
        description="A function of this project that S3 invokes when an object is created or removed "
        "(Gen 1's Lambda trigger; NONE or absent: none).",
    )


class DynamoDBParams(BaseModel):
    """A NoSQL table: keys and global secondary indexes (a stream of new images is always on, as Gen 1)."""

    model_config = ConfigDict(extra="forbid")

    service: Literal["DynamoDB"]
    resourceName: ResourceName | Optional = Field(None, description="Default: dynamo<8 hex>.")
    tableName: TableName | Optional = Field(
        None, description="The stack appends -<env>. Default: the resource name."
    )
    partitionKey: KeyParams | Optional = None
    sortKey: KeyParams | Optional = None
    gsi: list[IndexParams] | Optional = Field(None, description="Global secondary indexes.")


class StorageAddParams(RootModel[Annotated[S3Params | DynamoDBParams, Field(discriminator="service")]]):
    """``amplify storage add --params``."""


class S3UpdateParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    authAccess: Accesses | Optional = None
    guestAccess: list[Access] | Optional = None
    groupAccess: dict[GroupName, Accesses] | Optional = None
    triggerFunction: FunctionName | Optional = Field(
        None, description="The function S3 invokes on object changes; NONE removes the trigger."
    )


class DynamoDBUpdateParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    gsi: list[IndexParams] | Optional = Field(None, description="Replaces the indexes (keys cannot change).")


class StorageUpdateParams(RootModel[S3UpdateParams | DynamoDBUpdateParams]):
    """``amplify storage update <name> --params``: the bucket's access or the table's indexes."""
