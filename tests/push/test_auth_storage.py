"""Two categories through the core's contract only: storage's group access stands on auth's
user-pool groups (dependsOn → ``authuserPoolGroups<group>GroupRole``), deployed by one push."""

from __future__ import annotations

import json

import pytest

from .conftest import Project

pytestmark = pytest.mark.slow

AUTH = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "Cognito",
        "includeIdentityPool": True,
        "userPoolConfiguration": {
            "signinMethod": "EMAIL",
            "requiredSignupAttributes": ["EMAIL"],
            "userPoolGroups": [{"groupName": "Admins"}],
        },
    },
}
BUCKET = {
    "service": "S3",
    "resourceName": "files",
    "authAccess": ["READ"],
    "guestAccess": [],
    "groupAccess": {"Admins": ["CREATE_AND_UPDATE", "READ", "DELETE"]},
}


def test_group_access_policy_is_attached_to_the_group_role(project: Project, sandbox_server):
    for args in (
        ("add", "auth", "--params", json.dumps(AUTH)),
        ("add", "storage", "--yes", "--params", json.dumps(BUCKET)),
        ("push", "--yes"),
    ):
        result = project.amplify(*args, timeout=240)
        assert result.code == 0, result.text

    auth = project.meta()["auth"]
    [pool] = [r["output"]["UserPoolId"] for name, r in auth.items() if name != "userPoolGroups"]
    iam = sandbox_server.client("iam")
    role = f"{pool}-AdminsGroupRole"
    policies = iam.list_role_policies(RoleName=role)["PolicyNames"]
    assert "Admins-group-s3-policy" in policies, policies
    document = iam.get_role_policy(RoleName=role, PolicyName="Admins-group-s3-policy")["PolicyDocument"]
    if isinstance(document, str):
        document = json.loads(document)
    actions = {
        a
        for s in document["Statement"]
        for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    }
    assert {"s3:PutObject", "s3:GetObject", "s3:DeleteObject"} <= actions
