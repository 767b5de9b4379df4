"""Access to other resources, as Gen 1 grants it: ``dependsOn`` attributes, the IAM statements
for each operation, and the ``<CATEGORY>_<RESOURCE>_<ATTR>`` environment variables. Pure.

``permissions`` is Gen 1's ``function-parameters.json`` shape ``{category: {resource: [ops]}}``;
``services`` says what each resource is (``{("storage", "orders"): "DynamoDB"}``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: Outputs a function reads from each kind of resource (they become parameters and env vars).
ATTRIBUTES: dict[str, list[str]] = {
    "DynamoDB": ["Name", "Arn", "StreamArn"],
    "S3": ["BucketName"],
    "Lambda": ["Name"],
}

DYNAMODB_ACTIONS = {
    "create": ["dynamodb:Put*", "dynamodb:Create*", "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert"],
    "read": [
        "dynamodb:Get*",
        "dynamodb:BatchGetItem",
        "dynamodb:List*",
        "dynamodb:Describe*",
        "dynamodb:Scan",
        "dynamodb:Query",
        "dynamodb:PartiQLSelect",
    ],
    "update": ["dynamodb:Update*", "dynamodb:RestoreTable*", "dynamodb:PartiQLUpdate"],
    "delete": ["dynamodb:Delete*", "dynamodb:PartiQLDelete"],
}
S3_ACTIONS = {
    "create": ["s3:PutObject"],
    "read": ["s3:GetObject"],
    "update": ["s3:PutObject"],
    "delete": ["s3:DeleteObject"],
}
LAMBDA_ACTIONS = {
    "create": ["lambda:Create*", "lambda:Put*", "lambda:Add*"],
    "read": ["lambda:Get*", "lambda:List*", "lambda:Invoke*"],
    "update": ["lambda:Update*"],
    "delete": ["lambda:Delete*", "lambda:Remove*"],
}


def param_name(category: str, resource: str, attribute: str) -> str:
    """The template parameter the core fills from a ``dependsOn`` output: ``storageordersName``."""
    return f"{category}{resource}{attribute}"


def env_name(category: str, resource: str, attribute: str) -> str:
    """Gen 1's environment variable: ``STORAGE_ORDERS_NAME``."""
    return f"{category}_{resource}_{attribute}".upper()


def depends_on(wanted: Mapping[tuple[str, str], str]) -> list[dict[str, Any]]:
    """``dependsOn`` entries for ``{(category, resource): service}``, in that order."""
    return [
        {"category": c, "resourceName": r, "attributes": list(ATTRIBUTES[service])}
        for (c, r), service in wanted.items()
    ]


def _ref(name: str) -> dict[str, str]:
    return {"Ref": name}


def statements(
    permissions: Mapping[str, Mapping[str, list[str]]], services: Mapping[tuple[str, str], str]
) -> list[dict[str, Any]]:
    """The IAM statements of ``AmplifyResourcesPolicy``."""
    found: list[dict[str, Any]] = []
    for category, resources in sorted(permissions.items()):
        for resource, operations in sorted(resources.items()):
            service = services[(category, resource)]
            ops = [o for o in ("create", "read", "update", "delete") if o in operations]
            if service == "DynamoDB":
                arn = _ref(param_name(category, resource, "Arn"))
                found.append(
                    {
                        "Effect": "Allow",
                        "Action": _actions(DYNAMODB_ACTIONS, ops),
                        "Resource": [arn, {"Fn::Join": ["/", [arn, "index/*"]]}],
                    }
                )
            elif service == "S3":
                bucket: dict[str, Any] = {
                    "Fn::Join": ["", ["arn:aws:s3:::", _ref(param_name(category, resource, "BucketName"))]]
                }
                objects = {
                    "Fn::Join": [
                        "",
                        ["arn:aws:s3:::", _ref(param_name(category, resource, "BucketName")), "/*"],
                    ]
                }
                if "read" in ops:
                    found.append({"Effect": "Allow", "Action": "s3:ListBucket", "Resource": [bucket]})
                found.append({"Effect": "Allow", "Action": _actions(S3_ACTIONS, ops), "Resource": [objects]})
            elif service == "Lambda":
                function_arn = {
                    "Fn::Sub": [
                        "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${name}",
                        {"name": _ref(param_name(category, resource, "Name"))},
                    ]
                }
                found.append(
                    {"Effect": "Allow", "Action": _actions(LAMBDA_ACTIONS, ops), "Resource": [function_arn]}
                )
    return found


def _actions(table: Mapping[str, list[str]], ops: Sequence[str]) -> list[str]:
    out: list[str] = []
    for op in ops:
        out += [a for a in table[op] if a not in out]
    return out
