"""The templates this plugin deploys pass cfn-lint with no errors, and read Gen 1's files."""

from __future__ import annotations

import json

import pytest
from amplify_category_storage import dynamodb, s3
from cfnlint.api import lint_all

BUCKET = {
    "resourceName": "files",
    "policyUUID": "1234abcd",
    "bucketName": "app-files",
    "storageAccess": "authAndGuest",
    "authAccess": ["CREATE_AND_UPDATE", "READ", "DELETE"],
    "guestAccess": ["READ"],
    "triggerFunction": "NONE",
    "groupAccess": {"Admins": ["CREATE_AND_UPDATE", "READ", "DELETE"], "Readers": ["READ"]},
}
TABLE = {
    "resourceName": "orders",
    "tableName": "orders",
    "partitionKey": {"fieldName": "id", "fieldType": "string"},
    "sortKey": {"fieldName": "at", "fieldType": "number"},
    "gsi": [
        {"name": "byCustomer", "partitionKey": {"fieldName": "customer", "fieldType": "string"}},
        {
            "name": "byAt",
            "partitionKey": {"fieldName": "at", "fieldType": "number"},
            "sortKey": {"fieldName": "id", "fieldType": "string"},
        },
    ],
    "triggerFunctions": [],
}


@pytest.mark.parametrize(
    "template",
    [
        s3.template(BUCKET),
        s3.template({**BUCKET, "groupAccess": {}}),
        dynamodb.template(TABLE),
        dynamodb.template({**TABLE, "sortKey": None, "gsi": []}),
    ],
    ids=["bucket-groups", "bucket", "table-gsi", "table-plain"],
)
def test_cfn_lint_finds_no_errors(template):
    errors = [m for m in lint_all(json.dumps(template)) if m.rule.id.startswith("E")]
    assert errors == [], [str(e) for e in errors]


def test_every_parameter_the_template_declares_has_a_value():
    for template, values in (
        (s3.template(BUCKET), s3.parameters(BUCKET)),
        (dynamodb.template(TABLE), dynamodb.parameters(TABLE)),
    ):
        declared = {k for k, v in template["Parameters"].items() if "Default" not in v}
        supplied = set(values) | {"env"} | {s3.group_role_parameter(g) for g in BUCKET["groupAccess"]}
        assert declared <= supplied, declared - supplied


def test_group_access_depends_on_the_group_roles_by_gen1_names():
    assert s3.depends_on(BUCKET) == [
        {
            "category": "auth",
            "resourceName": "userPoolGroups",
            "attributes": ["AdminsGroupRole", "ReadersGroupRole"],
        }
    ]
    assert "authuserPoolGroupsAdminsGroupRole" in s3.template(BUCKET)["Parameters"]


def test_attribute_definitions_list_each_key_once():
    assert dynamodb.attribute_definitions(TABLE) == [
        {"AttributeName": "id", "AttributeType": "S"},
        {"AttributeName": "at", "AttributeType": "N"},
        {"AttributeName": "customer", "AttributeType": "S"},
    ]
