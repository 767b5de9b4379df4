"""The root stack of an environment: its names and template, computed without AWS (pure).

Gen 1's ``rootStackTemplate.json``, hardened: the deployment bucket is
retained, encrypted (SSE-S3), blocks all public access and refuses plain HTTP; ``AuthRole`` and
``UnauthRole`` start with a deny-all trust policy that the auth category later rewrites.
"""

from __future__ import annotations

import json
import platform
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

#: Outputs Gen 1 also exports as ``<StackName>-<Key>``.
EXPORTED = ("Region", "StackName", "StackId", "DeploymentBucketName")


def normalize_stack_name(name: str) -> str:
    """Gen 1's ``normalizeStackName``: lower case, only ``[-a-z0-9]``, starts with a letter."""
    cleaned = re.sub(r"[^-a-z0-9]", "", name.lower())
    if not cleaned or not cleaned[0].isalpha():
        cleaned = "a" + cleaned
    return cleaned[:128]


def stack_name_for(project_name: str, env_name: str, suffix: str | None = None) -> str:
    """``amplify-<project>-<env>-<5 hex>``."""
    suffix = suffix or secrets.token_hex(3)[:5]
    return normalize_stack_name(f"amplify-{project_name}-{env_name}-{suffix}")


@dataclass(frozen=True)
class RootStackPlan:
    """Everything ``apply`` needs to create an environment's root stack."""

    stack_name: str
    region: str
    deployment_bucket: str
    auth_role: str
    unauth_role: str
    template: dict[str, Any]
    tags: tuple[tuple[str, str], ...] = ()
    capabilities: tuple[str, ...] = ("CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND")
    parameters: dict[str, str] = field(default_factory=dict)

    def template_body(self) -> str:
        return json.dumps(self.template, separators=(",", ":"), sort_keys=False)


def plan_root_stack(
    project_name: str,
    env_name: str,
    region: str,
    *,
    cli_version: str,
    suffix: str | None = None,
    tags: list[dict[str, str]] | None = None,
    stack_name: str | None = None,
) -> RootStackPlan:
    """The root stack for a new environment of ``project_name`` (named ``stack_name`` when
    given: an interrupted run's, or one recreated in place)."""
    stack = stack_name or stack_name_for(project_name, env_name, suffix)
    bucket = f"{stack}-deployment"
    auth_role, unauth_role = f"{stack}-authRole", f"{stack}-unauthRole"
    hydrated = tuple(
        (t["Key"], t["Value"].replace("{project-name}", project_name).replace("{project-env}", env_name))
        for t in (tags if tags is not None else default_tags())
    )
    return RootStackPlan(
        stack_name=stack,
        region=region,
        deployment_bucket=bucket,
        auth_role=auth_role,
        unauth_role=unauth_role,
        template=root_template(cli_version),
        tags=hydrated,
        parameters={
            "DeploymentBucketName": bucket,
            "AuthRoleName": auth_role,
            "UnauthRoleName": unauth_role,
        },
    )


def without_bucket(plan: RootStackPlan) -> RootStackPlan:
    """``plan`` for a deployment bucket that already exists (a stack deleted out of band
    retains it): the stack names the bucket and guards it with its policy, but does not create it."""
    import copy
    from dataclasses import replace

    template = copy.deepcopy(plan.template)
    template["Resources"].pop("DeploymentBucket", None)
    template["Resources"]["DeploymentBucketBlockHTTP"].pop("DependsOn", None)
    return replace(plan, template=template)


def default_tags() -> list[dict[str, str]]:
    """Gen 1's ``amplify/backend/tags.json`` for a new project (placeholders hydrated per env)."""
    return [
        {"Key": "user:Stack", "Value": "{project-env}"},
        {"Key": "user:Application", "Value": "{project-name}"},
    ]


def _deny_all_trust() -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "",
                "Effect": "Deny",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
            }
        ],
    }


def root_template(cli_version: str) -> dict[str, Any]:
    """The root stack template (JSON), Gen 1's structure plus the bucket hardening."""
    outputs: dict[str, Any] = {
        "Region": {
            "Description": "CloudFormation provider root stack Region",
            "Value": {"Ref": "AWS::Region"},
        },
        "StackName": {
            "Description": "CloudFormation provider root stack ID",
            "Value": {"Ref": "AWS::StackName"},
        },
        "StackId": {
            "Description": "CloudFormation provider root stack name",
            "Value": {"Ref": "AWS::StackId"},
        },
        "DeploymentBucketName": {
            "Description": "CloudFormation provider root stack deployment bucket name",
            "Value": {"Ref": "DeploymentBucketName"},
        },
        "AuthRoleArn": {"Value": {"Fn::GetAtt": ["AuthRole", "Arn"]}},
        "UnauthRoleArn": {"Value": {"Fn::GetAtt": ["UnauthRole", "Arn"]}},
        "AuthRoleName": {"Value": {"Ref": "AuthRole"}},
        "UnauthRoleName": {"Value": {"Ref": "UnauthRole"}},
    }
    for key in EXPORTED:
        outputs[key]["Export"] = {"Name": {"Fn::Sub": f"${{AWS::StackName}}-{key}"}}
    bucket_arn = {"Fn::Sub": "arn:${AWS::Partition}:s3:::${DeploymentBucketName}"}
    objects_arn = {"Fn::Sub": "arn:${AWS::Partition}:s3:::${DeploymentBucketName}/*"}
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": json.dumps(
            {
                "createdOn": _platform_name(),
                "createdBy": "Amplify",
                "createdWith": cli_version,
                "stackType": "root",
                "metadata": {},
            },
            separators=(",", ":"),
        ),
        "Parameters": {
            "DeploymentBucketName": {
                "Type": "String",
                "Default": "DeploymentBucket",
                "Description": "Name of the common deployment bucket provided by the parent stack",
            },
            "AuthRoleName": {
                "Type": "String",
                "Default": "AuthRoleName",
                "Description": "Name of the role for authenticated users",
            },
            "UnauthRoleName": {
                "Type": "String",
                "Default": "UnAuthRoleName",
                "Description": "Name of the role for unauthenticated users",
            },
        },
        "Resources": {
            "DeploymentBucket": {
                "Type": "AWS::S3::Bucket",
                "DeletionPolicy": "Retain",
                "UpdateReplacePolicy": "Retain",
                "Properties": {
                    "BucketName": {"Ref": "DeploymentBucketName"},
                    "BucketEncryption": {
                        "ServerSideEncryptionConfiguration": [
                            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                        ]
                    },
                    "PublicAccessBlockConfiguration": {
                        "BlockPublicAcls": True,
                        "BlockPublicPolicy": True,
                        "IgnorePublicAcls": True,
                        "RestrictPublicBuckets": True,
                    },
                },
            },
            "DeploymentBucketBlockHTTP": {
                "Type": "AWS::S3::BucketPolicy",
                "Properties": {
                    "Bucket": {"Ref": "DeploymentBucketName"},
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Action": "s3:*",
                                "Effect": "Deny",
                                "Principal": "*",
                                "Resource": [objects_arn, bucket_arn],
                                "Condition": {"Bool": {"aws:SecureTransport": False}},
                            }
                        ],
                    },
                },
                "DependsOn": ["DeploymentBucket"],
            },
            "AuthRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": {"Ref": "AuthRoleName"},
                    "AssumeRolePolicyDocument": _deny_all_trust(),
                },
            },
            "UnauthRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": {"Ref": "UnauthRoleName"},
                    "AssumeRolePolicyDocument": _deny_all_trust(),
                },
            },
        },
        "Outputs": outputs,
    }


def _platform_name() -> str:
    return {"Darwin": "Mac", "Windows": "Windows", "Linux": "Linux"}.get(platform.system(), "Other")


def outputs_to_env_info(outputs: list[dict[str, Any]] | None) -> dict[str, str]:
    """CloudFormation ``Outputs`` → the ``team-provider-info.json`` provider block."""
    return {o["OutputKey"]: o["OutputValue"] for o in outputs or [] if "OutputValue" in o}
