"""The object the core calls for the storage category (``ctx.category("storage")``).

A resource made by this plugin (or by the Gen 1 CLI v7+) has ``cli-inputs.json``, from
which the template is built at push. An older Gen 1 resource has ``parameters.json`` and a
committed ``s3-cloudformation-template.json`` / ``<name>-cloudformation-template.json``,
pushed as committed. An ``override.ts`` needs a TypeScript build no plugin performs: the
resource is refused by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import Category, RefusedResource, committed_template, load_template, read_json

from . import DYNAMODB, S3, dynamodb, s3
from .resource import INPUTS


def _inputs(resource_dir: Path) -> dict[str, Any] | None:
    path = resource_dir / INPUTS
    return read_json(path) if path.exists() else None


class StorageCategory(Category):
    """Services ``S3`` (one content bucket per project) and ``DynamoDB`` (any number of tables)."""

    def template(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        if (resource_dir / "override.ts").exists():
            raise RefusedResource(
                "its override.ts must be compiled and applied to the template; "
                "no installed plugin offers that"
            )
        inputs = _inputs(resource_dir)
        if inputs is not None:
            return _module(resource).template(inputs)
        path = committed_template(resource_dir, resource_dir.name)
        if path is None:
            raise RefusedResource(
                f"neither {INPUTS} nor a committed CloudFormation template in {resource_dir.name}/"
            )
        return load_template(path)

    def parameters(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        inputs = _inputs(resource_dir)
        if inputs is not None:
            return _module(resource).parameters(inputs)
        return dict(read_json(resource_dir / "parameters.json", default={}) or {})

    def frontend_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """Gen 1's aws-exports keys: the bucket and its region, or the table list and region."""
        output = resource.get("output") or {}
        if resource.get("service") == S3 and output.get("BucketName"):
            return {
                "aws_user_files_s3_bucket": output["BucketName"],
                "aws_user_files_s3_bucket_region": output.get("Region", ""),
            }
        if resource.get("service") == DYNAMODB and output.get("Name"):
            return {
                "aws_dynamodb_all_tables_region": output.get("Region", ""),
                "aws_dynamodb_table_schemas": [
                    {"tableName": output["Name"], "region": output.get("Region", "")}
                ],
            }
        return {}

    def native_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """``storage.plugins`` blocks of amplifyconfiguration.json and the awsconfiguration.json sections."""
        output = resource.get("output") or {}
        region = output.get("Region", "")
        if resource.get("service") == S3 and output.get("BucketName"):
            return {
                "amplifyconfiguration": {
                    "storage": {
                        "plugins": {
                            "awsS3StoragePlugin": {
                                "bucket": output["BucketName"],
                                "region": region,
                                "defaultAccessLevel": "guest",
                            }
                        }
                    }
                },
                "awsconfiguration": {
                    "S3TransferUtility": {"Default": {"Bucket": output["BucketName"], "Region": region}}
                },
            }
        if resource.get("service") == DYNAMODB and output.get("Name"):
            table = {
                "partitionKeyName": output.get("PartitionKeyName"),
                "sortKeyName": output.get("SortKeyName"),
                "sortKeyType": output.get("SortKeyType"),
                "region": region,
                "arn": output.get("Arn"),
                "streamArn": output.get("StreamArn"),
                "partitionKeyType": output.get("PartitionKeyType"),
                "name": output["Name"],
            }
            return {
                "amplifyconfiguration": {
                    "storage": {
                        "plugins": {
                            "awsDynamoDbStoragePlugin": {k: v for k, v in table.items() if v is not None}
                        }
                    }
                },
                "awsconfiguration": {"DynamoDBObjectMapper": {"Default": {"Region": region}}},
            }
        return {}


def _module(resource: dict[str, Any]) -> Any:
    return dynamodb if resource.get("service") == DYNAMODB else s3
