"""A REST API: ``cli-inputs.json`` → CloudFormation template and parameters (pure).

The shapes are Gen 1's (``amplify-category-api`` v5, ``apigw-stack-builder``)::

    {
        "version": 1,
        "paths": {
            "/items": {
                "name": "/items",
                "lambdaFunction": "items",
                "permissions": {"setting": "private", "auth": ["read"]},
            }
        },
    }

``setting`` is ``open`` (anyone), ``private`` (signed-in users: ``auth`` operations) or
``protected`` (signed-in users and guests: ``auth`` and ``guest``); both restricted settings
make the methods ``AWS_IAM`` (SigV4) and give the environment's AuthRole / UnauthRole an
``execute-api:Invoke`` policy on the paths' methods. Ours adds ``userPool``: the methods take a
Cognito user-pool token (a ``COGNITO_USER_POOLS`` authorizer on the pool of the auth resource
named by ``authResourceName``, read through ``dependsOn`` as ``auth<name>UserPoolId``).

The API is Gen 1's Swagger ``Body`` form: each path and its ``{proxy+}`` child, an
``x-amazon-apigateway-any-method`` Lambda proxy integration, a mock ``OPTIONS`` for CORS, CORS
headers on API Gateway's own 4XX/5XX answers, one ``AWS::Lambda::Permission`` per function,
and a Deployment whose stage is the environment's name. Gen 1 gives the Deployment a random
logical id so each push redeploys; ours is a hash of the API's definition, so a changed API is
redeployed and an unchanged one is not.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

OPEN, PRIVATE, PROTECTED, USER_POOL = "open", "private", "protected", "userPool"
SETTINGS = (OPEN, PRIVATE, PROTECTED, USER_POOL)
OPERATIONS = ("create", "read", "update", "delete")
#: Gen 1's ``convertCrudOperationsToCfnPermissions``.
METHODS = {"create": ["/POST"], "read": ["/GET"], "update": ["/PUT", "/PATCH"], "delete": ["/DELETE"]}
CORS_HEADERS = "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent'"
CORS_METHODS = "'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'"


def _ref(name: str) -> dict[str, str]:
    return {"Ref": name}


def _stage() -> dict[str, Any]:
    return {"Fn::If": ["ShouldNotCreateEnvResources", "Prod", _ref("env")]}


def function_parameters(function: str) -> tuple[str, str]:
    """Gen 1's dependsOn parameter names of a function's ``Name`` and ``Arn`` outputs."""
    return f"function{function}Name", f"function{function}Arn"


def user_pool_parameter(auth_resource: str) -> str:
    return f"auth{auth_resource}UserPoolId"


def functions(inputs: dict[str, Any]) -> list[str]:
    """The functions behind the paths, each once, in path order."""
    seen: list[str] = []
    for path in (inputs.get("paths") or {}).values():
        if path["lambdaFunction"] not in seen:
            seen.append(path["lambdaFunction"])
    return seen


def settings(inputs: dict[str, Any]) -> set[str]:
    return {(p.get("permissions") or {}).get("setting", OPEN) for p in (inputs.get("paths") or {}).values()}


def needs_roles(inputs: dict[str, Any]) -> bool:
    return bool(settings(inputs) & {PRIVATE, PROTECTED})


def depends_on(inputs: dict[str, Any]) -> list[dict[str, Any]]:
    """backend-config ``dependsOn``: each function's Name/Arn, and the user pool when used."""
    found: list[dict[str, Any]] = [
        {"category": "function", "resourceName": fn, "attributes": ["Name", "Arn"]}
        for fn in functions(inputs)
    ]
    if USER_POOL in settings(inputs) and inputs.get("authResourceName"):
        found.append(
            {"category": "auth", "resourceName": inputs["authResourceName"], "attributes": ["UserPoolId"]}
        )
    return found


def parameters(inputs: dict[str, Any]) -> dict[str, Any]:
    """Values the core cannot derive: the environment's role names (root-stack parameters)."""
    if not needs_roles(inputs):
        return {}
    return {"authRoleName": _ref("AuthRoleName"), "unauthRoleName": _ref("UnauthRoleName")}


def _child(path: str, postfix: str) -> str:
    return f"{path}{postfix}" if path.endswith("/") else f"{path}/{postfix}"


def _integration_uri(function: str) -> dict[str, Any]:
    return {
        "Fn::Join": [
            "",
            [
                "arn:aws:apigateway:",
                _ref("AWS::Region"),
                ":lambda:path/2015-03-31/functions/",
                _ref(function_parameters(function)[1]),
                "/invocations",
            ],
        ]
    }


def _path_object(path: dict[str, Any]) -> dict[str, Any]:
    cors = {
        "method.response.header.Access-Control-Allow-Methods": CORS_METHODS,
        "method.response.header.Access-Control-Allow-Headers": CORS_HEADERS,
        "method.response.header.Access-Control-Allow-Origin": "'*'",
    }
    any_method: dict[str, Any] = {
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "parameters": [
            {
                "in": "body",
                "name": "RequestSchema",
                "required": False,
                "schema": {"$ref": "#/definitions/RequestSchema"},
            }
        ],
        "responses": {
            "200": {"description": "200 response", "schema": {"$ref": "#/definitions/ResponseSchema"}}
        },
        "x-amazon-apigateway-integration": {
            "responses": {"default": {"statusCode": "200"}},
            "uri": _integration_uri(path["lambdaFunction"]),
            "passthroughBehavior": "when_no_match",
            "httpMethod": "POST",
            "type": "aws_proxy",
        },
    }
    setting = (path.get("permissions") or {}).get("setting", OPEN)
    if setting in (PRIVATE, PROTECTED):
        any_method["security"] = [{"sigv4": []}]
    elif setting == USER_POOL:
        any_method["security"] = [{"Cognito": []}]
    header = {"type": "string"}
    return {
        "options": {
            "consumes": ["application/json"],
            "produces": ["application/json"],
            "responses": {
                "200": {
                    "description": "200 response",
                    "headers": {
                        "Access-Control-Allow-Origin": header,
                        "Access-Control-Allow-Methods": header,
                        "Access-Control-Allow-Headers": header,
                    },
                }
            },
            "x-amazon-apigateway-integration": {
                "responses": {"default": {"statusCode": "200", "responseParameters": cors}},
                "requestTemplates": {"application/json": '{"statusCode": 200}'},
                "passthroughBehavior": "when_no_match",
                "type": "mock",
            },
        },
        "x-amazon-apigateway-any-method": any_method,
    }


def _body(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for path_name, path in (inputs.get("paths") or {}).items():
        paths[path_name] = _path_object(path)
        paths[_child(path_name, "{proxy+}")] = _path_object(path)
    security: dict[str, Any] = {
        "sigv4": {
            "type": "apiKey",
            "name": "Authorization",
            "in": "header",
            "x-amazon-apigateway-authtype": "awsSigv4",
        }
    }
    if USER_POOL in settings(inputs):
        pool_arn = {
            "Fn::Join": [
                "",
                [
                    "arn:aws:cognito-idp:",
                    _ref("AWS::Region"),
                    ":",
                    _ref("AWS::AccountId"),
                    ":userpool/",
                    _ref(user_pool_parameter(inputs["authResourceName"])),
                ],
            ]
        }
        security["Cognito"] = {
            "type": "apiKey",
            "name": "Authorization",
            "in": "header",
            "x-amazon-apigateway-authtype": "cognito_user_pools",
            "x-amazon-apigateway-authorizer": {"providerARNs": [pool_arn], "type": "cognito_user_pools"},
        }
    schema = {"type": "object", "properties": {}, "title": ""}
    return {
        "swagger": "2.0",
        "info": {"version": "2018-05-24T17:52:00Z", "title": name},
        "host": {"Fn::Join": ["", ["apigateway.", _ref("AWS::Region"), ".amazonaws.com"]]},
        "basePath": {
            "Fn::If": ["ShouldNotCreateEnvResources", "/Prod", {"Fn::Join": ["", ["/", _ref("env")]]}]
        },
        "schemes": ["https"],
        "paths": paths,
        "securityDefinitions": security,
        "definitions": {
            "RequestSchema": {
                **schema,
                "required": ["request"],
                "properties": {"request": {"type": "string"}},
                "title": "Request Schema",
            },
            "ResponseSchema": {
                **schema,
                "required": ["response"],
                "properties": {"response": {"type": "string"}},
                "title": "Response Schema",
            },
        },
    }


def _invoke_arns(name: str, inputs: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """``execute-api:Invoke`` resources for the operations in each path's ``auth``/``guest`` list."""
    arns = []
    for path_name, path in (inputs.get("paths") or {}).items():
        permissions = path.get("permissions") or {}
        if permissions.get("setting") not in (PRIVATE, PROTECTED):
            continue
        if key == "guest" and permissions.get("setting") != PROTECTED:
            continue
        methods = [m for op in OPERATIONS if op in (permissions.get(key) or []) for m in METHODS[op]]
        for target in (path_name, _child(path_name, "*")):
            for method in methods:
                arns.append(
                    {
                        "Fn::Join": [
                            "",
                            [
                                "arn:aws:execute-api:",
                                _ref("AWS::Region"),
                                ":",
                                _ref("AWS::AccountId"),
                                ":",
                                _ref(name),
                                "/",
                                _stage(),
                                method,
                                target,
                            ],
                        ]
                    }
                )
    return arns


def _role_policy(name: str, role: str, arns: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "Type": "AWS::IAM::Policy",
        "Properties": {
            "PolicyName": f"{name}-{'auth' if role == 'authRoleName' else 'unauth'}-api-policy",
            "Roles": [_ref(role)],
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": ["execute-api:Invoke"], "Resource": arns}],
            },
        },
    }


def template(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """The API's CloudFormation template (Gen 1's names and outputs; cfn-lint clean)."""
    params: dict[str, Any] = {}
    for function in functions(inputs):
        for parameter in function_parameters(function):
            params[parameter] = {"Type": "String", "Default": parameter}
    if USER_POOL in settings(inputs):
        pool = user_pool_parameter(inputs["authResourceName"])
        params[pool] = {"Type": "String", "Default": pool}
    if needs_roles(inputs):
        params["authRoleName"] = {"Type": "String"}
        params["unauthRoleName"] = {"Type": "String"}
    params["env"] = {"Type": "String"}
    body = _body(name, inputs)
    gateway_cors = {
        "gatewayresponse.header.Access-Control-Allow-Origin": "'*'",
        "gatewayresponse.header.Access-Control-Allow-Headers": CORS_HEADERS,
        "gatewayresponse.header.Access-Control-Allow-Methods": CORS_METHODS,
        "gatewayresponse.header.Access-Control-Expose-Headers": "'Date,X-Amzn-ErrorType'",
    }
    resources: dict[str, Any] = {
        name: {
            "Type": "AWS::ApiGateway::RestApi",
            "Properties": {"Description": "", "FailOnWarnings": True, "Name": name, "Body": body},
        },
    }
    responses = []
    for kind in ("4XX", "5XX"):
        logical = f"{name}Default{kind}Response"
        responses.append(logical)
        resources[logical] = {
            "Type": "AWS::ApiGateway::GatewayResponse",
            "Properties": {
                "ResponseType": f"DEFAULT_{kind}",
                "RestApiId": _ref(name),
                "ResponseParameters": gateway_cors,
            },
        }
    for function in functions(inputs):
        resources[f"function{function}Permission{name}"] = {
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "FunctionName": _ref(function_parameters(function)[0]),
                "Action": "lambda:InvokeFunction",
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": {
                    "Fn::Join": [
                        "",
                        [
                            "arn:aws:execute-api:",
                            _ref("AWS::Region"),
                            ":",
                            _ref("AWS::AccountId"),
                            ":",
                            _ref(name),
                            "/*/*/*",
                        ],
                    ]
                },
            },
        }
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:8]
    resources[f"DeploymentAPIGW{name}{digest}"] = {
        "Type": "AWS::ApiGateway::Deployment",
        "DependsOn": responses,
        "Properties": {
            "Description": "The Development stage deployment of your API.",
            "StageName": _stage(),
            "RestApiId": _ref(name),
        },
    }
    for role, key, logical in (
        ("authRoleName", "auth", "PolicyAPIGWAuth"),
        ("unauthRoleName", "guest", "PolicyAPIGWUnauth"),
    ):
        arns = _invoke_arns(name, inputs, key)
        if arns:
            resources[f"{logical}{name}"] = _role_policy(name, role, arns)
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "API Gateway Resource for AWS Amplify CLI",
        "Parameters": params,
        "Conditions": {"ShouldNotCreateEnvResources": {"Fn::Equals": [_ref("env"), "NONE"]}},
        "Resources": resources,
        "Outputs": {
            "RootUrl": {
                "Description": "Root URL of the API gateway",
                "Value": {
                    "Fn::Join": [
                        "",
                        [
                            "https://",
                            _ref(name),
                            ".execute-api.",
                            _ref("AWS::Region"),
                            ".amazonaws.com/",
                            _stage(),
                        ],
                    ]
                },
            },
            "ApiName": {"Description": "API Friendly name", "Value": name},
            "ApiId": {"Description": "API ID (prefix of API URL)", "Value": _ref(name)},
        },
    }
