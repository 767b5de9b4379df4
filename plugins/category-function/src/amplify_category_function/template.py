"""A function's CloudFormation template in Gen 1's shape (``<name>-cloudformation-template.json``),
rendered from :class:`Settings` (pure), and the settings read back from a Gen 1 template.

Parameters as Gen 1: ``CloudWatchRule`` (a schedule, ``NONE`` for none), ``deploymentBucketName``
and ``s3Key`` (the package), ``env``, one per ``dependsOn`` attribute, one per own environment
variable (its value in ``team-provider-info.json`` ``categories.function.<name>``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from . import access

DEFAULT_TIMEOUT = 25


@dataclass
class Settings:
    """What a function is made of; everything else in its template follows from this."""

    name: str
    runtime: str
    role_name: str
    handler: str = "index.handler"
    timeout: int = DEFAULT_TIMEOUT
    permissions: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: own environment variables: ``{ENV_NAME: cloudFormationParameterName}``
    env_vars: dict[str, str] = field(default_factory=dict)
    trigger: str | None = None  # a storage DynamoDB table whose stream invokes the function
    schedule: bool = False


def cfn_param_for(env_var: str) -> str:
    """Gen 1's parameter name for an environment variable: ``MY_VAR`` → ``myVar``."""
    parts = [p for p in re.split(r"_+", env_var) if p]
    return (
        (parts[0].lower() + "".join(p[:1].upper() + p[1:].lower() for p in parts[1:])) if parts else env_var
    )


def wanted(settings: Settings, services: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """Every resource the function reads outputs of: its trigger table, then what it may access."""
    found: dict[tuple[str, str], str] = {}
    if settings.trigger:
        found[("storage", settings.trigger)] = "DynamoDB"
    for category, resources in sorted(settings.permissions.items()):
        for resource in sorted(resources):
            found[(category, resource)] = services[(category, resource)]
    return found


def _ref(name: str) -> dict[str, str]:
    return {"Ref": name}


def _env_named(base: str) -> dict[str, Any]:
    return {"Fn::If": ["ShouldNotCreateEnvResources", base, {"Fn::Join": ["", [base, "-", _ref("env")]]}]}


def render(settings: Settings, services: dict[tuple[str, str], str]) -> dict[str, Any]:
    """The template for ``settings``; ``services`` names what each accessed resource is."""
    deps = wanted(settings, services)
    params: dict[str, Any] = {
        "CloudWatchRule": {"Type": "String", "Default": "NONE", "Description": " Schedule Expression"},
        "deploymentBucketName": {"Type": "String"},
        "env": {"Type": "String"},
        "s3Key": {"Type": "String"},
    }
    variables: dict[str, Any] = {"ENV": _ref("env"), "REGION": _ref("AWS::Region")}
    for (category, resource), service in deps.items():
        for attribute in access.ATTRIBUTES[service]:
            params[access.param_name(category, resource, attribute)] = {"Type": "String"}
            variables[access.env_name(category, resource, attribute)] = _ref(
                access.param_name(category, resource, attribute)
            )
    for env_var, param in sorted(settings.env_vars.items()):
        params[param] = {"Type": "String"}
        variables[env_var] = _ref(param)
    resources: dict[str, Any] = {
        "LambdaFunction": {
            "Type": "AWS::Lambda::Function",
            "Metadata": {"aws:asset:path": "./src", "aws:asset:property": "Code"},
            "Properties": {
                "Code": {"S3Bucket": _ref("deploymentBucketName"), "S3Key": _ref("s3Key")},
                "Handler": settings.handler,
                "FunctionName": _env_named(settings.name),
                "Environment": {"Variables": variables},
                "Role": {"Fn::GetAtt": ["LambdaExecutionRole", "Arn"]},
                "Runtime": settings.runtime,
                "Layers": [],
                "Timeout": settings.timeout,
            },
        },
        "LambdaExecutionRole": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "RoleName": _env_named(settings.role_name),
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": ["lambda.amazonaws.com"]},
                            "Action": ["sts:AssumeRole"],
                        }
                    ],
                },
            },
        },
        "lambdaexecutionpolicy": {
            "DependsOn": ["LambdaExecutionRole"],
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyName": "lambda-execution-policy",
                "Roles": [_ref("LambdaExecutionRole")],
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                            "Resource": {
                                "Fn::Sub": [
                                    "arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${lambda}:log-stream:*",
                                    {
                                        "region": _ref("AWS::Region"),
                                        "account": _ref("AWS::AccountId"),
                                        "lambda": _ref("LambdaFunction"),
                                    },
                                ]
                            },
                        }
                    ],
                },
            },
        },
    }
    statements = access.statements(settings.permissions, services)
    if statements:
        resources["AmplifyResourcesPolicy"] = {
            "DependsOn": ["LambdaExecutionRole"],
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyName": "amplify-lambda-execution-policy",
                "Roles": [_ref("LambdaExecutionRole")],
                "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
            },
        }
    if settings.trigger:
        resources.update(_trigger(settings.trigger))
    outputs: dict[str, Any] = {
        "Name": {"Value": _ref("LambdaFunction")},
        "Arn": {"Value": {"Fn::GetAtt": ["LambdaFunction", "Arn"]}},
        "Region": {"Value": _ref("AWS::Region")},
        "LambdaExecutionRole": {"Value": _ref("LambdaExecutionRole")},
        "LambdaExecutionRoleArn": {"Value": {"Fn::GetAtt": ["LambdaExecutionRole", "Arn"]}},
    }
    conditions: dict[str, Any] = {"ShouldNotCreateEnvResources": {"Fn::Equals": [_ref("env"), "NONE"]}}
    if settings.schedule:
        conditions["HasSchedule"] = {"Fn::Not": [{"Fn::Equals": [_ref("CloudWatchRule"), "NONE"]}]}
        resources["CloudWatchEvent"] = {
            "Type": "AWS::Events::Rule",
            "Condition": "HasSchedule",
            "Properties": {
                "Description": "Schedule rule for Lambda",
                "ScheduleExpression": _ref("CloudWatchRule"),
                "State": "ENABLED",
                "Targets": [{"Arn": {"Fn::GetAtt": ["LambdaFunction", "Arn"]}, "Id": _ref("LambdaFunction")}],
            },
        }
        resources["PermissionForEventsToInvokeLambda"] = {
            "Type": "AWS::Lambda::Permission",
            "Condition": "HasSchedule",
            "Properties": {
                "FunctionName": _ref("LambdaFunction"),
                "Action": "lambda:InvokeFunction",
                "Principal": "events.amazonaws.com",
                "SourceArn": {"Fn::GetAtt": ["CloudWatchEvent", "Arn"]},
            },
        }
        outputs["CloudWatchEventRule"] = {"Condition": "HasSchedule", "Value": _ref("CloudWatchEvent")}
    description = {
        "createdOn": "Linux",
        "createdBy": "Amplify",
        "createdWith": "amplify-python",
        "stackType": "function-Lambda",
        "metadata": {},
    }
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": json.dumps(description, separators=(",", ":")),
        "Parameters": params,
        "Conditions": conditions,
        "Resources": resources,
        "Outputs": outputs,
    }


def _trigger(table: str) -> dict[str, Any]:
    stream = _ref(access.param_name("storage", table, "StreamArn"))
    return {
        f"LambdaTriggerPolicy{table}": {
            "DependsOn": ["LambdaExecutionRole"],
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyName": f"amplify-lambda-execution-policy-{table}",
                "Roles": [_ref("LambdaExecutionRole")],
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": [
                                "dynamodb:DescribeStream",
                                "dynamodb:GetRecords",
                                "dynamodb:GetShardIterator",
                                "dynamodb:ListStreams",
                            ],
                            "Resource": stream,
                        }
                    ],
                },
            },
        },
        f"LambdaEventSourceMapping{table}": {
            "Type": "AWS::Lambda::EventSourceMapping",
            "DependsOn": [f"LambdaTriggerPolicy{table}", "LambdaExecutionRole"],
            "Properties": {
                "BatchSize": 100,
                "Enabled": True,
                "EventSourceArn": stream,
                "FunctionName": {"Fn::GetAtt": ["LambdaFunction", "Arn"]},
                "StartingPosition": "LATEST",
            },
        },
    }


def function_properties(template: dict[str, Any]) -> dict[str, Any]:
    """The ``AWS::Lambda::Function``'s properties (Gen 1 calls it ``LambdaFunction``), or ``{}``."""
    resources = template.get("Resources") or {}
    for logical_id in ("LambdaFunction", *sorted(resources)):
        resource = resources.get(logical_id) or {}
        if resource.get("Type") == "AWS::Lambda::Function":
            return dict(resource.get("Properties") or {})
    return {}


def read_settings(
    name: str, template: dict[str, Any], function_parameters: dict[str, Any], parameters: dict[str, Any]
) -> Settings:
    """Settings of an existing function (ours or Gen 1's) from its template and files."""
    props = function_properties(template)
    role = (
        ((template.get("Resources") or {}).get("LambdaExecutionRole") or {})
        .get("Properties", {})
        .get("RoleName")
    )
    role_name = _base_name(role) or f"{name}LambdaRole"
    variables = (props.get("Environment") or {}).get("Variables") or {}
    own = {
        k: v["Ref"]
        for k, v in variables.items()
        if isinstance(v, dict)
        and "Ref" in v
        and k not in ("ENV", "REGION")
        and not re.match(r"^(STORAGE|FUNCTION|AUTH|API|ANALYTICS)_", k)
    }
    trigger = None
    for logical_id, resource in (template.get("Resources") or {}).items():
        if resource.get("Type") == "AWS::Lambda::EventSourceMapping" and logical_id.startswith(
            "LambdaEventSourceMapping"
        ):
            trigger = logical_id[len("LambdaEventSourceMapping") :] or None
    return Settings(
        name=name,
        runtime=str(props.get("Runtime", "")),
        role_name=role_name,
        handler=str(props.get("Handler", "index.handler")),
        timeout=int(props.get("Timeout", DEFAULT_TIMEOUT)),
        permissions={
            c: {r: list(ops) for r, ops in (res or {}).items()}
            for c, res in (function_parameters.get("permissions") or {}).items()
        },
        env_vars=own,
        trigger=trigger,
        schedule=str(parameters.get("CloudWatchRule", "NONE")) != "NONE",
    )


def _base_name(value: Any) -> str | None:
    """``RoleName``'s base from Gen 1's ``Fn::If [ShouldNotCreateEnvResources, base, …]``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Fn::If" in value:
        branch = value["Fn::If"][1]
        return branch if isinstance(branch, str) else None
    return None


#: Logical ids :func:`render` owns; any other resource in a committed template is the user's.
OWNED = re.compile(
    r"^(LambdaFunction|LambdaExecutionRole|lambdaexecutionpolicy|AmplifyResourcesPolicy|"
    r"LambdaTriggerPolicy\w*|LambdaEventSourceMapping\w*|CloudWatchEvent|PermissionForEventsToInvokeLambda)$"
)
MANAGED_PROPERTIES = ("Code", "FunctionName", "Environment", "Role", "Runtime", "Timeout")


def keep_custom(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``new`` plus what the user (or Gen 1) added to ``old``, so an update loses none of it:
    other resources, outputs and conditions, parameters with a default, the function's other
    properties (``Handler``, ``MemorySize``, ``Layers``, ``VpcConfig`` …) and its literal variables."""
    merged = json.loads(json.dumps(new))
    for section in ("Resources", "Outputs", "Conditions"):
        for key, value in (old.get(section) or {}).items():
            if (
                key not in merged.setdefault(section, {})
                and not (section == "Resources" and OWNED.match(key))
                and key not in ("CloudWatchEventRule", "HasSchedule")
            ):
                merged[section][key] = value
    for key, value in (old.get("Parameters") or {}).items():
        if key not in merged["Parameters"] and isinstance(value, dict) and "Default" in value:
            merged["Parameters"][key] = value
    old_props = function_properties(old)
    props = merged["Resources"]["LambdaFunction"]["Properties"]
    for key, value in old_props.items():
        if key not in MANAGED_PROPERTIES:
            props[key] = value
    variables = props["Environment"]["Variables"]
    for key, value in ((old_props.get("Environment") or {}).get("Variables") or {}).items():
        if key not in variables and not (isinstance(value, dict) and "Ref" in value):
            variables[key] = value
    return merged
