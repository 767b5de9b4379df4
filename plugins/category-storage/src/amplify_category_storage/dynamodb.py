"""NoSQL tables (service ``DynamoDB``): ``cli-inputs.json`` → template and parameters (pure).

Gen 1's ``cli-inputs.json``: ``resourceName``, ``tableName``, ``partitionKey`` and optional
``sortKey`` (``{"fieldName", "fieldType"}``), ``gsi`` (``[{"name", "partitionKey",
"sortKey"?}]``), ``triggerFunctions``. As in Gen 1 the table is named ``<tableName>-<env>``,
has provisioned throughput 5/5 (each index too) and a stream of new images, whose ARN is an
output (functions subscribe to it through ``dependsOn`` ``StreamArn``).
"""

from __future__ import annotations

from typing import Any

#: ``fieldType`` → DynamoDB attribute type; only these may be keys.
KEY_TYPES = {"string": "S", "number": "N", "binary": "B"}
THROUGHPUT = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}


def parameters(inputs: dict[str, Any]) -> dict[str, Any]:
    values = {
        "tableName": inputs["tableName"],
        "partitionKeyName": inputs["partitionKey"]["fieldName"],
        "partitionKeyType": KEY_TYPES[inputs["partitionKey"]["fieldType"]],
    }
    sort = inputs.get("sortKey")
    if sort:
        values["sortKeyName"] = sort["fieldName"]
        values["sortKeyType"] = KEY_TYPES[sort["fieldType"]]
    return values


def _key_schema(partition: dict[str, Any], sort: dict[str, Any] | None) -> list[dict[str, str]]:
    schema = [{"AttributeName": partition["fieldName"], "KeyType": "HASH"}]
    if sort:
        schema.append({"AttributeName": sort["fieldName"], "KeyType": "RANGE"})
    return schema


def attribute_definitions(inputs: dict[str, Any]) -> list[dict[str, str]]:
    """Every key attribute of the table and its indexes, once each (DynamoDB rejects others)."""
    keys = [inputs["partitionKey"], inputs.get("sortKey")]
    for index in inputs.get("gsi") or []:
        keys += [index["partitionKey"], index.get("sortKey")]
    seen: dict[str, str] = {}
    for key in keys:
        if key and key["fieldName"] not in seen:
            seen[key["fieldName"]] = KEY_TYPES[key["fieldType"]]
    return [{"AttributeName": name, "AttributeType": kind} for name, kind in seen.items()]


def template(inputs: dict[str, Any]) -> dict[str, Any]:
    sort = inputs.get("sortKey")
    params: dict[str, Any] = {
        "partitionKeyName": {"Type": "String"},
        "partitionKeyType": {"Type": "String"},
        "env": {"Type": "String"},
        "tableName": {"Type": "String"},
    }
    outputs: dict[str, Any] = {
        "Name": {"Value": {"Ref": "DynamoDBTable"}},
        "Arn": {"Value": {"Fn::GetAtt": ["DynamoDBTable", "Arn"]}},
        "StreamArn": {"Value": {"Fn::GetAtt": ["DynamoDBTable", "StreamArn"]}},
        "PartitionKeyName": {"Value": {"Ref": "partitionKeyName"}},
        "PartitionKeyType": {"Value": {"Ref": "partitionKeyType"}},
        "Region": {"Value": {"Ref": "AWS::Region"}},
    }
    if sort:
        params["sortKeyName"] = {"Type": "String"}
        params["sortKeyType"] = {"Type": "String"}
        outputs["SortKeyName"] = {"Value": {"Ref": "sortKeyName"}}
        outputs["SortKeyType"] = {"Value": {"Ref": "sortKeyType"}}
    table: dict[str, Any] = {
        "TableName": {
            "Fn::If": [
                "ShouldNotCreateEnvResources",
                {"Ref": "tableName"},
                {"Fn::Join": ["", [{"Ref": "tableName"}, "-", {"Ref": "env"}]]},
            ]
        },
        "AttributeDefinitions": attribute_definitions(inputs),
        "KeySchema": _key_schema(inputs["partitionKey"], sort),
        "ProvisionedThroughput": dict(THROUGHPUT),
        "StreamSpecification": {"StreamViewType": "NEW_IMAGE"},
    }
    indexes = [
        {
            "IndexName": index["name"],
            "KeySchema": _key_schema(index["partitionKey"], index.get("sortKey")),
            "Projection": {"ProjectionType": "ALL"},
            "ProvisionedThroughput": dict(THROUGHPUT),
        }
        for index in inputs.get("gsi") or []
    ]
    if indexes:
        table["GlobalSecondaryIndexes"] = indexes
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "DynamoDB resource stack creation using Amplify CLI",
        "Parameters": params,
        "Conditions": {"ShouldNotCreateEnvResources": {"Fn::Equals": [{"Ref": "env"}, "NONE"]}},
        "Resources": {"DynamoDBTable": {"Type": "AWS::DynamoDB::Table", "Properties": table}},
        "Outputs": outputs,
    }
