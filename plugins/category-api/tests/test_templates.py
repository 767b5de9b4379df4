"""The templates this plugin deploys pass cfn-lint with no errors, and read Gen 1's files."""

from __future__ import annotations

import json

import pytest
from amplify_category_api import rest
from amplify_category_api.category import unsupported
from cfnlint.api import lint_all

ALL = ["create", "read", "update", "delete"]
OPEN = {
    "version": 1,
    "paths": {"/items": {"name": "/items", "lambdaFunction": "items", "permissions": {"setting": "open"}}},
}
MIXED = {
    "version": 1,
    "authResourceName": "users",
    "paths": {
        "/items": {
            "name": "/items",
            "lambdaFunction": "items",
            "permissions": {"setting": "private", "auth": ALL},
        },
        "/public": {
            "name": "/public",
            "lambdaFunction": "other",
            "permissions": {"setting": "protected", "auth": ALL, "guest": ["read"]},
        },
        "/me/{id}": {"name": "/me/{id}", "lambdaFunction": "items", "permissions": {"setting": "userPool"}},
    },
}
#: Gen 1 CLI v7+ cli-inputs.json as committed (NotoriousD/bilanenco-landing, api "orders").
GEN1 = {
    "version": 1,
    "paths": {"/orders": {"name": "/orders", "lambdaFunction": "orders", "permissions": {"setting": "open"}}},
}


@pytest.mark.parametrize("inputs", [OPEN, MIXED, GEN1], ids=["open", "iam-and-user-pool", "gen1"])
def test_cfn_lint_finds_no_errors(inputs):
    errors = [m for m in lint_all(json.dumps(rest.template("api", inputs))) if m.rule.id.startswith("E")]
    assert errors == [], [str(e) for e in errors]


def test_every_required_parameter_has_a_value_from_parameters_or_depends_on():
    template = rest.template("api", MIXED)
    required = {k for k, v in template["Parameters"].items() if "Default" not in v}
    assert required <= set(rest.parameters(MIXED)) | {"env"}
    from_depends = {
        f"{d['category']}{d['resourceName']}{a}" for d in rest.depends_on(MIXED) for a in d["attributes"]
    }
    defaulted = {k for k, v in template["Parameters"].items() if "Default" in v}
    assert (
        defaulted
        == from_depends
        == {
            "functionitemsName",
            "functionitemsArn",
            "functionotherName",
            "functionotherArn",
            "authusersUserPoolId",
        }
    )


def test_gen1_shape_each_path_and_its_proxy_call_the_function():
    template = rest.template("orders", GEN1)
    body = template["Resources"]["orders"]["Properties"]["Body"]
    assert set(body["paths"]) == {"/orders", "/orders/{proxy+}"}
    uri = body["paths"]["/orders"]["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"]["uri"]
    assert {"Ref": "functionordersArn"} in uri["Fn::Join"][1]
    assert "security" not in body["paths"]["/orders"]["x-amazon-apigateway-any-method"]
    assert template["Resources"]["functionordersPermissionorders"]["Type"] == "AWS::Lambda::Permission"
    assert set(template["Outputs"]) == {"RootUrl", "ApiName", "ApiId"}
    assert rest.depends_on(GEN1) == [
        {"category": "function", "resourceName": "orders", "attributes": ["Name", "Arn"]}
    ]


def test_access_becomes_role_policies_on_gen1_method_arns():
    resources = rest.template("api", MIXED)["Resources"]
    auth = resources["PolicyAPIGWAuthapi"]["Properties"]
    guest = resources["PolicyAPIGWUnauthapi"]["Properties"]
    assert auth["Roles"] == [{"Ref": "authRoleName"}] and guest["Roles"] == [{"Ref": "unauthRoleName"}]
    guest_arns = guest["PolicyDocument"]["Statement"][0]["Resource"]
    assert [arn["Fn::Join"][1][-2:] for arn in guest_arns] == [["/GET", "/public"], ["/GET", "/public/*"]]
    assert (
        len(auth["PolicyDocument"]["Statement"][0]["Resource"]) == 2 * 5 * 2
    )  # 2 paths x 5 methods x (path, path/*)
    body = resources["api"]["Properties"]["Body"]
    assert body["paths"]["/items"]["x-amazon-apigateway-any-method"]["security"] == [{"sigv4": []}]
    assert body["paths"]["/me/{id}"]["x-amazon-apigateway-any-method"]["security"] == [{"Cognito": []}]
    assert "Cognito" in body["securityDefinitions"]


def test_a_changed_api_gets_a_new_deployment_an_unchanged_one_keeps_it():
    def deployment(inputs):
        return [k for k in rest.template("api", inputs)["Resources"] if k.startswith("DeploymentAPIGW")]

    assert deployment(OPEN) == deployment(json.loads(json.dumps(OPEN)))
    assert deployment(OPEN) != deployment(GEN1)


def test_what_the_plugin_cannot_build_is_named():
    groups = {
        "version": 1,
        "paths": {
            "/a": {
                "name": "/a",
                "lambdaFunction": "f",
                "permissions": {"setting": "private", "groups": {"Admins": ["read"]}},
            }
        },
    }
    assert "permissions.groups" in unsupported(groups)
    assert unsupported({"version": 1, "paths": {}}) == "its cli-inputs.json has no paths"
    assert unsupported(GEN1) is None
