"""The provider's headless parameters, as pydantic models the core turns into JSON Schemas.

The core validates user JSON against these schemas (Draft 2020-12) before any file is written
or any AWS call is made, so every rule that can be a schema rule is one: types, patterns, the
region list, and the Gen 1 consistency checks ("useProfile true needs profileName", "useProfile
false needs keys and region") as ``if``/``then`` blocks. Object-level combinators whose error
message would repeat the whole object (``anyOf``, ``oneOf``, ``not``) are avoided on purpose:
that message would echo ``secretAccessKey``.

No boto3 here: discovery and ``amplify schema`` import this module.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

from .regions import REGIONS

RegionType = Literal[REGIONS]  # type: ignore[valid-type]

#: A named profile of ~/.aws/config or ~/.aws/credentials.
ProfileNameType = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.@+=,:/-]+$", max_length=128)]
#: Access key ids are alphanumeric (AKIA…, ASIA…; test keys are often lower case).
AccessKeyIdType = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]+$", max_length=128)]
#: Secrets: any non-blank text without whitespace (never echoed: the core masks the value).
SecretType = Annotated[str, StringConstraints(pattern=r"^\S+$", max_length=4096)]
BucketNameType = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]+[a-z0-9]$", min_length=3, max_length=63)
]
StackNameType = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9-]*$", max_length=128)]
StackIdType = Annotated[
    str,
    StringConstraints(
        pattern=r"^arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:[0-9]{12}:stack/[A-Za-z][A-Za-z0-9-]*/[A-Za-z0-9-]+$",
        max_length=2048,
    ),
]
RoleNameType = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_+=,.@-]+$", max_length=64)]
RoleArnType = Annotated[
    str,
    StringConstraints(pattern=r"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]+$", max_length=2048),
]
PolicyArnType = Annotated[
    str,
    StringConstraints(
        pattern=r"^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/[A-Za-z0-9_+=,.@/-]+$", max_length=2048
    ),
]
Optional = SkipJsonSchema[None]


def _when(condition: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
    return {"if": condition, "then": then}


_USE_PROFILE_TRUE = {"properties": {"useProfile": {"const": True}}, "required": ["useProfile"]}
_USE_PROFILE_FALSE = {"properties": {"useProfile": {"const": False}}, "required": ["useProfile"]}
_GENERAL = {"properties": {"configLevel": {"const": "general"}}, "required": ["configLevel"]}

_CONSISTENCY = [
    # Gen 1: "project level config set useProfile to true, but profile name is missing."
    _when(_USE_PROFILE_TRUE, {"required": ["profileName"]}),
    # Gen 1: "configLevel set to "project" but project level config is missing."
    {"if": _GENERAL, "else": {"required": ["useProfile"]}},
]


class AwsCloudFormationParams(BaseModel):
    """``--providers '{"awscloudformation": {…}}'``: how this project reaches AWS.

    ``configLevel: general`` lets the standard AWS chain decide (environment variables,
    ``AWS_PROFILE``, SSO, ``credential_process``, instance roles). ``project`` uses a named
    profile (``useProfile: true``) or access keys, which are kept outside the project in
    ``~/.amplify/awscloudformation/<id>`` (mode 0600).
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "allOf": [
                *_CONSISTENCY,
                # Gen 1: "project level config set useProfile to false, but access key or region is missing."
                _when(_USE_PROFILE_FALSE, {"required": ["accessKeyId", "secretAccessKey", "region"]}),
            ]
        },
    )

    configLevel: Literal["project", "general"] | Optional = Field(
        None,
        description="'project' (a profile or access keys for this project) or 'general' (the AWS SDK's chain).",
    )
    useProfile: bool | Optional = Field(
        None, description="Use a named profile of ~/.aws/config (project level)."
    )
    profileName: ProfileNameType | Optional = Field(None, description="The profile, when useProfile is true.")
    accessKeyId: AccessKeyIdType | Optional = Field(
        None, description="Access key id, when useProfile is false."
    )
    secretAccessKey: SecretType | Optional = Field(
        None,
        description="Secret access key, when useProfile is false. Stored outside the project, mode 0600.",
    )
    sessionToken: SecretType | Optional = Field(None, description="Session token for temporary access keys.")
    region: RegionType | Optional = Field(None, description="The region, when useProfile is false.")


class AwsInfoParams(AwsCloudFormationParams):
    """``env import --awsInfo``: an entry of ``local-aws-info.json`` (or the same keys as
    ``--providers.awscloudformation``; access keys are moved out of the project)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "allOf": [
                *_CONSISTENCY,
                _when(
                    {**_USE_PROFILE_FALSE, "not": {"required": ["awsConfigFilePath"]}},
                    {"required": ["accessKeyId", "secretAccessKey", "region"]},
                ),
            ]
        },
    )

    awsConfigFilePath: Annotated[str, StringConstraints(min_length=1, max_length=4096)] | Optional = Field(
        None, description="A keys file written by an earlier configure (as local-aws-info.json holds it)."
    )


class EnvImportConfig(BaseModel):
    """``env import --config '{"awscloudformation": {…}}'``: an environment's root stack, as
    ``team-provider-info.json`` records it. All eight keys are required."""

    model_config = ConfigDict(extra="forbid")

    Region: RegionType = Field(description="Region of the root stack.")
    DeploymentBucketName: BucketNameType = Field(description="The root stack's deployment bucket.")
    UnauthRoleName: RoleNameType = Field(description="Name of the unauthenticated role.")
    StackName: StackNameType = Field(description="Name of the root stack.")
    StackId: StackIdType = Field(description="ARN of the root stack.")
    AuthRoleName: RoleNameType = Field(description="Name of the authenticated role.")
    UnauthRoleArn: RoleArnType = Field(description="ARN of the unauthenticated role.")
    AuthRoleArn: RoleArnType = Field(description="ARN of the authenticated role.")
    AmplifyAppId: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+$", max_length=20)] | Optional = Field(
        None, description="Amplify Console app id (Gen 1 projects)."
    )
    PermissionsBoundaryPolicyArn: PolicyArnType | Optional = Field(
        None, description="Permissions boundary applied to generated roles (Gen 1 projects)."
    )


#: The keys ``env import`` requires, in Gen 1's order (used in messages).
ENV_KEYS = (
    "Region",
    "DeploymentBucketName",
    "UnauthRoleName",
    "StackName",
    "StackId",
    "AuthRoleName",
    "UnauthRoleArn",
    "AuthRoleArn",
)
