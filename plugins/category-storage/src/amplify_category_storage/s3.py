"""The content bucket (service ``S3``): ``cli-inputs.json`` → template and parameters (pure).

The shapes are Gen 1's (CLI v7+): ``cli-inputs.json`` holds ``bucketName``, ``storageAccess``
(``auth`` or ``authAndGuest``), ``authAccess`` / ``guestAccess`` (``CREATE_AND_UPDATE``,
``READ``, ``DELETE``) and ``groupAccess`` (``{group: [...]}``). The template gives the
environment's AuthRole and UnauthRole inline policies over Gen 1's prefixes:

* ``public/*`` — every permitted user; ``uploads/*`` — put only;
* ``protected/${cognito-identity.amazonaws.com:sub}/*`` — the owner; everyone signed in (and
  guests with read) may read ``protected/*``;
* ``private/${cognito-identity.amazonaws.com:sub}/*`` — the owner only;

and each user-pool group's role (``auth`` ``userPoolGroups`` output ``<group>GroupRole``, a
``dependsOn`` parameter) the group's actions over the whole bucket.

A ``triggerFunction`` (a function of the project, ``NONE`` for none) is Gen 1's S3 trigger: the
bucket notifies the function of ``s3:ObjectCreated:*`` and ``s3:ObjectRemoved:*``, an
``AWS::Lambda::Permission`` lets ``s3.amazonaws.com`` invoke it (created first: S3 refuses a
notification it cannot validate), and the function's role may read and write the bucket. The
function's ``Name``, ``Arn`` and ``LambdaExecutionRole`` outputs come in as ``dependsOn``
parameters ``function<name><Attr>``.
"""

from __future__ import annotations

from typing import Any

ACTIONS = {"CREATE_AND_UPDATE": "s3:PutObject", "READ": "s3:GetObject", "DELETE": "s3:DeleteObject"}
ACCESS_ORDER = ("CREATE_AND_UPDATE", "READ", "DELETE")
SUB = "${cognito-identity.amazonaws.com:sub}"
GROUPS_RESOURCE = "userPoolGroups"
TRIGGER_ATTRIBUTES = ("Name", "Arn", "LambdaExecutionRole")


def group_role_parameter(group: str) -> str:
    """Gen 1's dependsOn parameter name for a group's role (``auth`` + resource + attribute)."""
    return f"auth{GROUPS_RESOURCE}{group}GroupRole"


def trigger_function(inputs: dict[str, Any]) -> str | None:
    """The function the bucket notifies, or None (Gen 1 writes ``NONE`` for none)."""
    name = inputs.get("triggerFunction")
    return name if name and name != "NONE" else None


def function_parameter(function: str, attribute: str) -> str:
    """Gen 1's dependsOn parameter name for a function's output (``function`` + name + attribute)."""
    return f"function{function}{attribute}"


def _actions(access: list[str]) -> list[str]:
    return [ACTIONS[a] for a in ACCESS_ORDER if a in access]


def _joined(access: list[str], *, without_delete: bool = False) -> str:
    actions = [a for a in _actions(access) if not (without_delete and a == "s3:DeleteObject")]
    return ",".join(actions) or "DISALLOW"


def parameters(inputs: dict[str, Any]) -> dict[str, Any]:
    """``build/parameters.json`` as Gen 1 derives it from ``cli-inputs.json``."""
    uuid = inputs.get("policyUUID", "")
    auth = list(inputs.get("authAccess") or [])
    guest = list(inputs.get("guestAccess") or []) if inputs.get("storageAccess") == "authAndGuest" else []
    return {
        "bucketName": inputs["bucketName"],
        "selectedGuestPermissions": _actions(guest) or ["DISALLOW"],
        "selectedAuthenticatedPermissions": _actions(auth) or ["DISALLOW"],
        "unauthRoleName": {"Ref": "UnauthRoleName"},
        "authRoleName": {"Ref": "AuthRoleName"},
        "s3PrivatePolicy": f"Private_policy_{uuid}",
        "s3ProtectedPolicy": f"Protected_policy_{uuid}",
        "s3PublicPolicy": f"Public_policy_{uuid}",
        "s3ReadPolicy": f"read_policy_{uuid}",
        "s3UploadsPolicy": f"Uploads_policy_{uuid}",
        "authPolicyName": f"s3_amplify_{uuid}",
        "unauthPolicyName": f"s3_amplify_{uuid}",
        "AuthenticatedAllowList": "ALLOW" if "READ" in auth else "DISALLOW",
        "GuestAllowList": "ALLOW" if "READ" in guest else "DISALLOW",
        "s3PermissionsAuthenticatedPrivate": _joined(auth),
        "s3PermissionsAuthenticatedProtected": _joined(auth),
        "s3PermissionsAuthenticatedPublic": _joined(auth),
        "s3PermissionsAuthenticatedUploads": "s3:PutObject" if "CREATE_AND_UPDATE" in auth else "DISALLOW",
        "s3PermissionsGuestPublic": _joined(guest),
        "s3PermissionsGuestUploads": "s3:PutObject" if "CREATE_AND_UPDATE" in guest else "DISALLOW",
        "triggerFunction": inputs.get("triggerFunction") or "NONE",
    }


def _ref(name: str) -> dict[str, str]:
    return {"Ref": name}


def _role_name(arn_parameter: str) -> dict[str, Any]:
    """The role name inside a role-ARN parameter: ``AWS::IAM::Policy`` ``Roles`` takes names, and
    the group roles' dependsOn output is an ARN (``arn:aws:iam::<account>:role/<name>``)."""
    return {"Fn::Select": [1, {"Fn::Split": [":role/", _ref(arn_parameter)]}]}


def _object_arn(suffix: str) -> dict[str, Any]:
    return {"Fn::Join": ["", ["arn:aws:s3:::", _ref("S3Bucket"), suffix]]}


def _not_disallowed(parameter: str) -> dict[str, Any]:
    return {"Fn::Not": [{"Fn::Equals": [_ref(parameter), "DISALLOW"]}]}


def _policy(condition: str, name: str, role: str, statements: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "Type": "AWS::IAM::Policy",
        "Condition": condition,
        "DependsOn": ["S3Bucket"],
        "Properties": {
            "PolicyName": _ref(name),
            "Roles": [_ref(role)],
            "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
        },
    }


def _split_allow(permissions: str, resource: dict[str, Any]) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": {"Fn::Split": [",", _ref(permissions)]}, "Resource": [resource]}


def _list_statement(prefixes: list[str]) -> dict[str, Any]:
    return {
        "Effect": "Allow",
        "Action": "s3:ListBucket",
        "Resource": [{"Fn::Join": ["", ["arn:aws:s3:::", _ref("S3Bucket")]]}],
        "Condition": {"StringLike": {"s3:prefix": prefixes}},
    }


def template(inputs: dict[str, Any]) -> dict[str, Any]:
    """The content bucket's CloudFormation template (Gen 1's names, cfn-lint clean)."""
    string = {"Type": "String"}
    params: dict[str, Any] = {
        key: dict(string)
        for key in (
            "bucketName",
            "authPolicyName",
            "unauthPolicyName",
            "authRoleName",
            "unauthRoleName",
            "s3PublicPolicy",
            "s3PrivatePolicy",
            "s3ProtectedPolicy",
            "s3UploadsPolicy",
            "s3ReadPolicy",
            "s3PermissionsAuthenticatedPublic",
            "s3PermissionsAuthenticatedProtected",
            "s3PermissionsAuthenticatedPrivate",
            "s3PermissionsAuthenticatedUploads",
            "AuthenticatedAllowList",
            "env",
            "triggerFunction",
        )
    }
    for key in ("s3PermissionsGuestPublic", "s3PermissionsGuestUploads", "GuestAllowList"):
        params[key] = {"Type": "String", "Default": "DISALLOW"}
    params["selectedGuestPermissions"] = {"Type": "CommaDelimitedList"}
    params["selectedAuthenticatedPermissions"] = {"Type": "CommaDelimitedList"}
    conditions: dict[str, Any] = {
        "ShouldNotCreateEnvResources": {"Fn::Equals": [_ref("env"), "NONE"]},
        "CreateAuthPublic": _not_disallowed("s3PermissionsAuthenticatedPublic"),
        "CreateAuthProtected": _not_disallowed("s3PermissionsAuthenticatedProtected"),
        "CreateAuthPrivate": _not_disallowed("s3PermissionsAuthenticatedPrivate"),
        "CreateAuthUploads": _not_disallowed("s3PermissionsAuthenticatedUploads"),
        "CreateGuestPublic": _not_disallowed("s3PermissionsGuestPublic"),
        "CreateGuestUploads": _not_disallowed("s3PermissionsGuestUploads"),
        "AuthReadAndList": _not_disallowed("AuthenticatedAllowList"),
        "GuestReadAndList": _not_disallowed("GuestAllowList"),
    }
    private = f"private/{SUB}"
    resources: dict[str, Any] = {
        "S3Bucket": {
            "Type": "AWS::S3::Bucket",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                "BucketName": _bucket_name(),
                "BucketEncryption": {
                    "ServerSideEncryptionConfiguration": [
                        {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                    ]
                },
                "CorsConfiguration": {
                    "CorsRules": [
                        {
                            "AllowedHeaders": ["*"],
                            "AllowedMethods": ["GET", "HEAD", "PUT", "POST", "DELETE"],
                            "AllowedOrigins": ["*"],
                            "ExposedHeaders": [
                                "x-amz-server-side-encryption",
                                "x-amz-request-id",
                                "x-amz-id-2",
                                "ETag",
                            ],
                            "Id": "S3CORSRuleId1",
                            "MaxAge": 3000,
                        }
                    ]
                },
            },
        },
        "S3AuthPublicPolicy": _policy(
            "CreateAuthPublic",
            "s3PublicPolicy",
            "authRoleName",
            [_split_allow("s3PermissionsAuthenticatedPublic", _object_arn("/public/*"))],
        ),
        "S3AuthProtectedPolicy": _policy(
            "CreateAuthProtected",
            "s3ProtectedPolicy",
            "authRoleName",
            [_split_allow("s3PermissionsAuthenticatedProtected", _object_arn(f"/protected/{SUB}/*"))],
        ),
        "S3AuthPrivatePolicy": _policy(
            "CreateAuthPrivate",
            "s3PrivatePolicy",
            "authRoleName",
            [_split_allow("s3PermissionsAuthenticatedPrivate", _object_arn(f"/{private}/*"))],
        ),
        "S3AuthUploadPolicy": _policy(
            "CreateAuthUploads",
            "s3UploadsPolicy",
            "authRoleName",
            [_split_allow("s3PermissionsAuthenticatedUploads", _object_arn("/uploads/*"))],
        ),
        "S3AuthReadPolicy": _policy(
            "AuthReadAndList",
            "s3ReadPolicy",
            "authRoleName",
            [
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": [_object_arn("/protected/*")]},
                _list_statement(
                    ["public/", "public/*", "protected/", "protected/*", f"{private}/", f"{private}/*"]
                ),
            ],
        ),
        "S3GuestPublicPolicy": _policy(
            "CreateGuestPublic",
            "s3PublicPolicy",
            "unauthRoleName",
            [_split_allow("s3PermissionsGuestPublic", _object_arn("/public/*"))],
        ),
        "S3GuestUploadPolicy": _policy(
            "CreateGuestUploads",
            "s3UploadsPolicy",
            "unauthRoleName",
            [_split_allow("s3PermissionsGuestUploads", _object_arn("/uploads/*"))],
        ),
        "S3GuestReadPolicy": _policy(
            "GuestReadAndList",
            "s3ReadPolicy",
            "unauthRoleName",
            [
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": [_object_arn("/protected/*")]},
                _list_statement(["public/", "public/*", "protected/", "protected/*"]),
            ],
        ),
    }
    for group, access in sorted((inputs.get("groupAccess") or {}).items()):
        role = group_role_parameter(group)
        params[role] = dict(string)
        resources[f"{group}GroupPolicy"] = {
            "Type": "AWS::IAM::Policy",
            "DependsOn": ["S3Bucket"],
            "Properties": {
                "PolicyName": f"{group}-group-s3-policy",
                "Roles": [_role_name(role)],
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": _actions(list(access)),
                            "Resource": [_object_arn("/*")],
                        },
                        {
                            "Effect": "Allow",
                            "Action": "s3:ListBucket",
                            "Resource": [{"Fn::Join": ["", ["arn:aws:s3:::", _ref("S3Bucket")]]}],
                        },
                    ],
                },
            },
        }
    function = trigger_function(inputs)
    if function:
        for attribute in TRIGGER_ATTRIBUTES:
            name = function_parameter(function, attribute)
            params[name] = {"Type": "String", "Default": name}
        resources.update(_trigger_resources(function))
        resources["S3Bucket"]["DependsOn"] = ["TriggerPermissions"]
        arn = _ref(function_parameter(function, "Arn"))
        resources["S3Bucket"]["Properties"]["NotificationConfiguration"] = {
            "LambdaConfigurations": [
                {"Event": "s3:ObjectCreated:*", "Function": arn},
                {"Event": "s3:ObjectRemoved:*", "Function": arn},
            ]
        }
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "S3 resource stack creation using Amplify CLI",
        "Parameters": params,
        "Conditions": conditions,
        "Resources": resources,
        "Outputs": {
            "BucketName": {"Value": _ref("S3Bucket"), "Description": "Bucket name for the S3 bucket"},
            "Region": {"Value": _ref("AWS::Region")},
        },
    }


def _bucket_name() -> dict[str, Any]:
    """``<bucketName>-<env>`` (the bare name when env is NONE): the bucket's and the permission's."""
    return {
        "Fn::If": [
            "ShouldNotCreateEnvResources",
            _ref("bucketName"),
            {"Fn::Join": ["", [_ref("bucketName"), "-", _ref("env")]]},
        ]
    }


def _trigger_resources(function: str) -> dict[str, Any]:
    """Gen 1's ``TriggerPermissions`` and ``S3TriggerBucketPolicy``."""
    bucket_arn = {"Fn::Join": ["", ["arn:aws:s3:::", _ref("S3Bucket")]]}
    return {
        "TriggerPermissions": {
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "Action": "lambda:InvokeFunction",
                "FunctionName": _ref(function_parameter(function, "Name")),
                "Principal": "s3.amazonaws.com",
                "SourceAccount": _ref("AWS::AccountId"),
                # the bucket's name, not a Ref to it: the bucket depends on this permission
                "SourceArn": {"Fn::Join": ["", ["arn:aws:s3:::", _bucket_name()]]},
            },
        },
        "S3TriggerBucketPolicy": {
            "Type": "AWS::IAM::Policy",
            "DependsOn": ["S3Bucket"],
            "Properties": {
                "PolicyName": "amplify-lambda-execution-policy-storage",
                "Roles": [_ref(function_parameter(function, "LambdaExecutionRole"))],
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": [bucket_arn]},
                        {
                            "Effect": "Allow",
                            "Action": ["s3:PutObject", "s3:GetObject", "s3:ListBucket", "s3:DeleteObject"],
                            "Resource": [_object_arn("/*")],
                        },
                    ],
                },
            },
        },
    }


def depends_on(inputs: dict[str, Any]) -> list[dict[str, Any]]:
    """The backend-config ``dependsOn`` of a bucket: its trigger function (Gen 1 lists it first)
    and the group roles it grants access to."""
    deps: list[dict[str, Any]] = []
    function = trigger_function(inputs)
    if function:
        deps.append(
            {"category": "function", "resourceName": function, "attributes": list(TRIGGER_ATTRIBUTES)}
        )
    groups = sorted(inputs.get("groupAccess") or {})
    if groups:
        deps.append(
            {
                "category": "auth",
                "resourceName": GROUPS_RESOURCE,
                "attributes": [f"{group}GroupRole" for group in groups],
            }
        )
    return deps
