"""The testkit category: a template per resource, rendered from ``parameters.json``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.interfaces import Category

SERVICE = "Bucket"


def template(named: bool) -> dict[str, Any]:
    """One bucket; named ``<bucketName>-<env>`` when ``named`` (used to provoke a name clash)."""
    properties: dict[str, Any] = {"Tags": [{"Key": "label", "Value": {"Ref": "label"}}]}
    parameters: dict[str, Any] = {
        "env": {"Type": "String"},
        "label": {"Type": "String", "Default": "v1"},
    }
    if named:
        parameters["bucketName"] = {"Type": "String"}
        properties["BucketName"] = {"Fn::Join": ["-", [{"Ref": "bucketName"}, {"Ref": "env"}]]}
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "amplify testkit: one S3 bucket",
        "Parameters": parameters,
        "Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": properties}},
        "Outputs": {
            "BucketName": {"Value": {"Ref": "Bucket"}},
            "Label": {"Value": {"Ref": "label"}},
        },
    }


class TestkitCategory(Category):
    """Uses the default ``template``/``parameters`` (``template.json``, ``parameters.json``)."""

    def frontend_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        bucket = (resource.get("output") or {}).get("BucketName")
        return {f"aws_testkit_{resource_name}_bucket": bucket} if bucket else {}

    @staticmethod
    def write(resource_dir: Path, parameters: dict[str, Any]) -> None:
        from amplify_core.state.jsonfile import write_json

        write_json(resource_dir / "template.json", template("bucketName" in parameters))
        write_json(resource_dir / "parameters.json", parameters)
