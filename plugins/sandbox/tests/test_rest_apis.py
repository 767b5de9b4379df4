"""REST APIs defined by a Swagger Body (Gen 1's form) in a stack, served on the sandbox port."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

NO_SUCH_FUNCTION = {"Fn::Sub": "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:nothing-here"}


def _proxy(security: list | None = None) -> dict:
    method = {
        "x-amazon-apigateway-integration": {
            "type": "aws_proxy",
            "httpMethod": "POST",
            "uri": {
                "Fn::Join": [
                    "",
                    [
                        "arn:aws:apigateway:",
                        {"Ref": "AWS::Region"},
                        ":lambda:path/2015-03-31/functions/",
                        NO_SUCH_FUNCTION,
                        "/invocations",
                    ],
                ]
            },
        }
    }
    if security is not None:
        method["security"] = security
    cors = {
        "x-amazon-apigateway-integration": {
            "type": "mock",
            "requestTemplates": {"application/json": '{"statusCode": 200}'},
            "responses": {
                "default": {
                    "statusCode": "200",
                    "responseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"},
                }
            },
        }
    }
    return {"options": cors, "x-amazon-apigateway-any-method": method}


def template(paths: dict, name: str = "orders") -> dict:
    return {
        "Resources": {
            "Api": {
                "Type": "AWS::ApiGateway::RestApi",
                "Properties": {
                    "Name": name,
                    "Body": {
                        "swagger": "2.0",
                        "info": {"title": name},
                        "paths": paths,
                        "securityDefinitions": {
                            "sigv4": {
                                "type": "apiKey",
                                "name": "Authorization",
                                "in": "header",
                                "x-amazon-apigateway-authtype": "awsSigv4",
                            }
                        },
                    },
                },
            },
            "Default4XX": {
                "Type": "AWS::ApiGateway::GatewayResponse",
                "Properties": {
                    "ResponseType": "DEFAULT_4XX",
                    "RestApiId": {"Ref": "Api"},
                    "ResponseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
                },
            },
            "Deployment": {
                "Type": "AWS::ApiGateway::Deployment",
                "DependsOn": ["Default4XX"],
                "Properties": {"RestApiId": {"Ref": "Api"}, "StageName": "dev"},
            },
        },
        "Outputs": {"ApiId": {"Value": {"Ref": "Api"}}},
    }


PATHS = {"/items": _proxy(), "/items/{proxy+}": _proxy(), "/secure": _proxy([{"sigv4": []}])}


def deploy(sandbox_server, body: dict) -> tuple[str, str]:
    cfn = sandbox_server.client("cloudformation")
    name = f"api-{uuid.uuid4().hex[:8]}"
    cfn.create_stack(StackName=name, TemplateBody=json.dumps(body))
    stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack
    return name, {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}["ApiId"]


def call(url: str, method: str = "GET", headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def api(sandbox_server):
    sandbox_server.reset()
    name, api_id = deploy(sandbox_server, template(PATHS))
    return name, api_id, f"{sandbox_server.endpoint_url}/restapis/{api_id}/dev/_user_request_"


def test_a_body_becomes_resources_methods_and_a_stage(sandbox_server, api):
    _, api_id, _ = api
    apigw = sandbox_server.client("apigateway")
    resources = {r["path"]: r for r in apigw.get_resources(restApiId=api_id)["items"]}
    assert set(resources) == {"/", "/items", "/items/{proxy+}", "/secure"}
    assert set(resources["/items"]["resourceMethods"]) == {"OPTIONS", "ANY"}
    secure = apigw.get_method(restApiId=api_id, resourceId=resources["/secure"]["id"], httpMethod="ANY")
    assert secure["authorizationType"] == "AWS_IAM"
    assert secure["methodIntegration"]["type"] == "AWS_PROXY"
    assert [s["stageName"] for s in apigw.get_stages(restApiId=api_id)["item"]] == ["dev"]


def test_api_gateway_answers_what_it_answers_itself(api):
    _, _, base = api
    status, headers, body = call(f"{base}/nothing")
    assert (status, json.loads(body)) == (403, {"message": "Missing Authentication Token"})
    assert headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
    assert headers["Access-Control-Allow-Origin"] == "*"  # the DEFAULT_4XX gateway response's header

    status, _, body = call(f"{base}/secure")  # AWS_IAM, unsigned
    assert (status, json.loads(body)) == (403, {"message": "Missing Authentication Token"})
    status, headers, _ = call(f"{base}/secure", headers={"Authorization": "Bearer x"})
    assert status == 403 and headers["x-amzn-ErrorType"] == "IncompleteSignatureException"

    status, headers, _ = call(f"{base}/items", method="OPTIONS")  # the mock CORS integration
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"

    status, _, body = call(f"{base}/items/42")  # the integration's function does not exist
    assert (status, json.loads(body)) == (500, {"message": "Internal server error"})

    status, _, body = call(base.replace("/dev/", "/prod/") + "/items")
    assert (status, json.loads(body)) == (403, {"message": "Forbidden"})


def test_an_update_keeps_the_api_and_its_url_and_a_delete_removes_it(sandbox_server, api):
    name, api_id, base = api
    cfn = sandbox_server.client("cloudformation")
    cfn.update_stack(StackName=name, TemplateBody=json.dumps(template({"/orders": _proxy()})))
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"
    paths = {r["path"] for r in sandbox_server.client("apigateway").get_resources(restApiId=api_id)["items"]}
    assert paths == {"/", "/orders"}
    assert call(f"{base}/items")[0] == 403
    assert call(f"{base}/orders", method="OPTIONS")[0] == 200
    cfn.delete_stack(StackName=name)
    assert api_id not in {a["id"] for a in sandbox_server.client("apigateway").get_rest_apis()["items"]}


def test_a_body_api_gateway_rejects_fails_the_stack(sandbox_server):
    sandbox_server.reset()
    cfn = sandbox_server.client("cloudformation")
    bad = template(
        {"/items": {"get": {"x-amazon-apigateway-integration": {"type": "carrier_pigeon", "uri": "x"}}}}
    )
    name = f"api-{uuid.uuid4().hex[:8]}"
    cfn.create_stack(StackName=name, TemplateBody=json.dumps(bad))  # accepted; the resource fails
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    reasons = [
        e.get("ResourceStatusReason") or ""
        for e in cfn.describe_stack_events(StackName=name)["StackEvents"]
        if e["ResourceStatus"] == "CREATE_FAILED"
    ]
    assert any("carrier_pigeon" in r for r in reasons), reasons
