"""Headless parameters of ``api add`` / ``api update`` (``--params`` JSON).

``paths`` has the shape of Gen 1's ``cli-inputs.json`` ``paths``, so a resource's file and
its headless JSON read the same. Schemas: ``amplify schema categories.api.add`` and
``categories.api.update``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

Optional = SkipJsonSchema[None]
ResourceName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9]{1,128}$")]
#: Gen 1's path rule: segments of letters, digits, '-' and '_', or ``{parameter}``.
PATH_PATTERN = r"^(/([a-zA-Z0-9_-]+|\{[a-zA-Z0-9_-]+\}))+$"
PathName = Annotated[str, StringConstraints(pattern=PATH_PATTERN)]
Operation = Literal["create", "read", "update", "delete"]
Operations = Annotated[list[Operation], Field(min_length=1)]


class PermissionsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    setting: Literal["open", "private", "protected", "userPool"] = Field(
        "open",
        description="open: anyone; private: signed-in users (IAM); protected: signed-in users and "
        "guests (IAM); userPool: a Cognito user-pool token (authorizer on the auth resource's pool).",
    )
    auth: Operations | Optional = Field(
        None, description="private/protected: what signed-in users may do (default all)."
    )
    guest: Operations | Optional = Field(None, description="protected: what guests may do (default read).")


class PathParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lambdaFunction: ResourceName = Field(
        description="The function resource (amplify add function) the path calls."
    )
    permissions: PermissionsParams = Field(default_factory=PermissionsParams)


#: ``additionalProperties: false``: a key that is not a path is an error, not ignored.
Paths = Annotated[
    dict[PathName, PathParams], Field(min_length=1, json_schema_extra={"additionalProperties": False})
]


class ApiAddParams(BaseModel):
    """``amplify api add --params``: a REST API and its paths."""

    model_config = ConfigDict(extra="forbid")

    service: Literal["REST", "GraphQL"] = Field("REST", description="GraphQL (AppSync) is not supported yet.")
    resourceName: ResourceName | Optional = Field(None, description="Default: api<8 hex>.")
    paths: Paths | Optional = Field(None, description='{"/items": {"lambdaFunction": "items"}}.')
    authResourceName: ResourceName | Optional = Field(
        None, description="The auth resource whose user pool 'userPool' paths use (default: the project's)."
    )


class ApiUpdateParams(BaseModel):
    """``amplify api update <name> --params``: the API's paths, replaced as a whole."""

    model_config = ConfigDict(extra="forbid")

    paths: Paths
    authResourceName: ResourceName | Optional = None
