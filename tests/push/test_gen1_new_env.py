"""A Gen 1 backend joins a new environment unchanged (issues 14 and 15, acceptance).

The projects are written here in the shapes the Gen 1 CLI commits (the real ones under
``../shared/gen1-projects/`` are not part of the repository): a DynamoDB table from
``cli-inputs.json``; functions with ``function-parameters.json``, ``parameters.json``,
``amplify.state`` and their committed template, one of them with an environment-specific
value (a template parameter without a default, as Gen 1 stores ``callbackUrl`` of
NotoriousD/bilanenco-landing); a REST API from ``cli-inputs.json`` in front of both; and the
older S3 shape (``parameters.json`` referencing the root stack's role names, plus a committed
``s3-cloudformation-template.json``, as ErgoFriend/ng-chat has it).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import string
import urllib.error
import urllib.request

import pexpect
import pytest
from amplify_core.testing import Gen1Project, spawn_amplify

GENERAL = json.dumps({"awscloudformation": {"configLevel": "general"}})


def function_template(name: str, runtime: str, handler: str, extra_params: dict, variables: dict) -> dict:
    """A Gen 1 ``<name>-cloudformation-template.json`` (trimmed to what the shape needs)."""
    name_with_env = {"Fn::Join": ["", [name, "-", {"Ref": "env"}]]}
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": json.dumps({"createdBy": "Amplify", "stackType": "function-Lambda"}),
        "Parameters": {
            "CloudWatchRule": {"Type": "String", "Default": "NONE"},
            "deploymentBucketName": {"Type": "String"},
            "env": {"Type": "String"},
            "s3Key": {"Type": "String"},
            **extra_params,
        },
        "Resources": {
            "LambdaFunction": {
                "Type": "AWS::Lambda::Function",
                "Metadata": {"aws:asset:path": "./src", "aws:asset:property": "Code"},
                "Properties": {
                    "Code": {"S3Bucket": {"Ref": "deploymentBucketName"}, "S3Key": {"Ref": "s3Key"}},
                    "Handler": handler,
                    "FunctionName": name_with_env,
                    "Environment": {"Variables": {"ENV": {"Ref": "env"}, **variables}},
                    "Role": {"Fn::GetAtt": ["LambdaExecutionRole", "Arn"]},
                    "Runtime": runtime,
                    "Timeout": 5,
                },
            },
            "LambdaExecutionRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": {"Fn::Join": ["", [f"{name}LambdaRole", "-", {"Ref": "env"}]]},
                    "AssumeRolePolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"Service": ["lambda.amazonaws.com"]},
                                "Action": ["sts:AssumeRole"],
                            }
                        ],
                    },
                },
            },
        },
        "Outputs": {
            "Name": {"Value": {"Ref": "LambdaFunction"}},
            "Arn": {"Value": {"Fn::GetAtt": ["LambdaFunction", "Arn"]}},
            "Region": {"Value": {"Ref": "AWS::Region"}},
            "LambdaExecutionRole": {"Value": {"Ref": "LambdaExecutionRole"}},
        },
    }


READER = """\
import json, os
import boto3

def handler(event, context):
    items = boto3.client("dynamodb").scan(TableName=os.environ["STORAGE_ITEMS_NAME"])["Items"]
    body = {
        "items": sorted(i["id"]["S"] for i in items),
        "greeting": os.environ["GREETING"],
        "secrets": os.environ["SECRETS_PATH"],
    }
    return {"statusCode": 200, "body": json.dumps(body)}
"""

# aws-serverless-express's shape: the app listens at load (the open server keeps Node's event
# loop busy) and the handler answers with the framework's own Content-Length and Connection.
PINGER = """\
const server = require("http").createServer().listen(0, "127.0.0.1");
exports.handler = async (event) => {
  const body = JSON.stringify({pong: event.path, env: process.env.ENV});
  return {statusCode: 200, body,
          headers: {"content-type": "application/json", "content-length": String(body.length),
                    "connection": "keep-alive"}};
};
"""


def gen1_backend(project) -> None:
    """Table ``items``, functions ``reader`` (Python, reads it) and ``pinger`` (Node), REST api ``shop``."""
    gen1 = Gen1Project(project.root)
    gen1.add_resource(
        "storage",
        "items",
        {"service": "DynamoDB", "providerPlugin": "awscloudformation"},
        {
            "cli-inputs.json": {
                "resourceName": "items",
                "tableName": "items",
                "partitionKey": {"fieldName": "id", "fieldType": "string"},
                "gsi": [],
                "triggerFunctions": [],
            }
        },
    )
    gen1.add_resource(
        "function",
        "reader",
        {
            "build": True,
            "service": "Lambda",
            "providerPlugin": "awscloudformation",
            "dependsOn": [
                {"category": "storage", "resourceName": "items", "attributes": ["Name", "Arn", "StreamArn"]}
            ],
        },
        {
            "reader-cloudformation-template.json": function_template(
                "reader",
                "python3.12",
                "index.handler",
                {
                    "storageitemsName": {"Type": "String", "Default": "storageitemsName"},
                    "storageitemsArn": {"Type": "String", "Default": "storageitemsArn"},
                    "greeting": {"Type": "String"},  # environment-specific: no default
                    # Gen 1 function secrets: a parameter of no environmentVariableList entry
                    "secretsPathAmplifyAppId": {"Type": "String"},
                },
                {
                    "STORAGE_ITEMS_NAME": {"Ref": "storageitemsName"},
                    "GREETING": {"Ref": "greeting"},
                    "SECRETS_PATH": {
                        "Fn::Sub": [
                            "/amplify/${appId}/${env}/AMPLIFY_reader_",
                            {"appId": {"Ref": "secretsPathAmplifyAppId"}, "env": {"Ref": "env"}},
                        ]
                    },
                },
            ),
            "function-parameters.json": {
                "permissions": {"storage": {"items": ["read"]}},
                "lambdaLayers": [],
                "environmentVariableList": [  # listed twice, as Gen 1 files sometimes have it
                    {"cloudFormationParameterName": "greeting", "environmentVariableName": "GREETING"},
                    {"cloudFormationParameterName": "greeting", "environmentVariableName": "GREETING"},
                ],
            },
            "parameters.json": {},
            "custom-policies.json": [{"Action": [], "Resource": []}],
            "amplify.state": {
                "pluginId": "amplify-python-function-runtime-provider",
                "functionRuntime": "python",
            },
            "src/index.py": READER,
        },
    )
    gen1.add_resource(
        "function",
        "pinger",
        {"build": True, "service": "Lambda", "providerPlugin": "awscloudformation"},
        {
            "pinger-cloudformation-template.json": function_template(
                "pinger", "nodejs22.x", "index.handler", {}, {}
            ),
            "function-parameters.json": {"lambdaLayers": []},
            "parameters.json": {},
            "amplify.state": {
                "pluginId": "amplify-nodejs-function-runtime-provider",
                "functionRuntime": "nodejs",
                "useLegacyBuild": True,
            },
            "src/index.js": PINGER,
            "src/package.json": {"name": "pinger", "version": "1.0.0", "main": "index.js"},
        },
    )
    fn_dep = lambda name: {"category": "function", "resourceName": name, "attributes": ["Name", "Arn"]}  # noqa: E731
    gen1.add_resource(
        "api",
        "shop",
        {
            "service": "API Gateway",
            "providerPlugin": "awscloudformation",
            "dependsOn": [fn_dep("reader"), fn_dep("pinger")],
        },
        {
            "cli-inputs.json": {
                "version": 1,
                "paths": {
                    "/items": {
                        "name": "/items",
                        "lambdaFunction": "reader",
                        "permissions": {"setting": "open"},
                    },
                    "/ping": {
                        "name": "/ping",
                        "lambdaFunction": "pinger",
                        "permissions": {"setting": "open"},
                    },
                },
            }
        },
    )
    gen1.update_backend_config(
        {
            "parameters": {
                "AMPLIFY_function_reader_greeting": {
                    "usedBy": [{"category": "function", "resourceName": "reader"}]
                }
            }
        }
    )
    # The environment the project was made in has its value; a new one will not.
    gen1.set_env_values(
        "dev", "function", "reader", {"greeting": "hello dev", "secretsPathAmplifyAppId": "devapp"}
    )


def fresh_clone(project) -> None:
    """What a git clone of the project has: no current environment, no deployed state."""
    amplify = project.amplify_dir
    for path in (".config/local-env-info.json", ".config/local-aws-info.json", "backend/amplify-meta.json"):
        (amplify / path).unlink()
    shutil.rmtree(amplify / "#current-cloud-backend")


def new_env_name() -> str:
    return "n" + "".join(random.choices(string.ascii_lowercase, k=6))  # unique in the shared sandbox


def init_new_env(project, env: str, *extra: str) -> str:
    """``amplify init`` of a new environment in a fresh clone; returns its root stack."""
    made = project.amplify(
        "init", "--yes", "--amplify", json.dumps({"envName": env}), "--providers", GENERAL, *extra
    )
    assert made.code == 0, made.text
    return json.loads((project.amplify_dir / "team-provider-info.json").read_text())[env][
        "awscloudformation"
    ]["StackName"]


def nested_stacks(sandbox_server, root_stack: str) -> list[str]:
    resources = sandbox_server.client("cloudformation").list_stack_resources(StackName=root_stack)
    return [
        r["LogicalResourceId"]
        for r in resources["StackResourceSummaries"]
        if r["ResourceType"] == "AWS::CloudFormation::Stack"
    ]


def get(url: str) -> tuple[int, object, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def api_endpoint(project, name: str) -> str:
    exports = (project.root / "src" / "aws-exports.js").read_text()
    config = json.loads(exports.split("const awsmobile = ", 1)[1].split(";\n", 1)[0])
    [entry] = [e for e in config["aws_cloud_logic_custom"] if e["name"] == name]
    return entry["endpoint"]


@pytest.mark.slow
def test_a_gen1_backend_pushes_in_a_new_env_once_its_values_are_given(project, sandbox_server):
    gen1_backend(project)
    fresh_clone(project)
    env_name = new_env_name()
    root_stack = init_new_env(project, env_name)
    status = project.amplify("status")
    assert status.code == 0
    assert all(
        re.search(rf"\| {cat}\s+\| {name}\s+\| Create ", status.out)
        for cat, name in [
            ("Storage", "items"),
            ("Function", "reader"),
            ("Function", "pinger"),
            ("Api", "shop"),
        ]
    ), status.out

    # --yes (and CI): nobody can answer, so the missing values are named and nothing changes.
    refused = project.amplify("push", "--yes")
    assert refused.code == 2, refused.text
    assert "reader is missing values for environment variables: GREETING\n" in refused.text
    assert "Traceback" not in refused.text
    assert nested_stacks(sandbox_server, root_stack) == []

    # In a terminal, push asks for each, as Gen 1 does: the function's listed variable, then
    # the template parameter nothing supplies; keeps them for this env, and deploys.
    child = spawn_amplify("push", cwd=project.root, env=project.env, timeout=120, dimensions=(40, 160))
    child.expect("Enter the missing environment variable value of GREETING in reader")
    child.send("hello new\r")
    child.expect("Enter a value for secretsPathAmplifyAppId for the function resource: reader")
    child.send("newapp\r")
    child.expect("Are you sure you want to continue")
    child.send("y")
    child.expect("All resources are updated in the cloud")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    tpi = json.loads((project.amplify_dir / "team-provider-info.json").read_text())
    assert tpi[env_name]["categories"]["function"]["reader"] == {
        "greeting": "hello new",
        "secretsPathAmplifyAppId": "newapp",
    }
    assert tpi["dev"]["categories"]["function"]["reader"]["greeting"] == "hello dev"  # untouched
    assert sorted(nested_stacks(sandbox_server, root_stack)) == [
        "apishop",
        "functionpinger",
        "functionreader",
        "storageitems",
    ]

    sandbox_server.client("dynamodb").put_item(TableName=f"items-{env_name}", Item={"id": {"S": "apple"}})
    base = api_endpoint(project, "shop")
    assert re.fullmatch(rf"http://127\.0\.0\.1:\d+/restapis/\w+/{env_name}/_user_request_", base), base
    code, _, body = get(f"{base}/items")
    assert code == 200, body
    assert json.loads(body) == {
        "items": ["apple"],
        "greeting": "hello new",
        "secrets": f"/amplify/newapp/{env_name}/AMPLIFY_reader_",
    }
    code, headers, body = get(f"{base}/ping")
    assert (code, json.loads(body)) == (200, {"pong": "/ping", "env": env_name})
    assert len(headers.get_all("Content-Length")) == 1  # API Gateway remaps the handler's own
    assert headers["x-amzn-Remapped-connection"] == "keep-alive"

    after = project.amplify("status")
    assert after.out.count("No Change") == 4, after.out
    again = project.amplify("push", "--yes")
    assert again.code == 0 and "No changes detected" in again.out, again.text


S3_TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "S3 resource stack creation using Amplify CLI",
    "Parameters": {
        "bucketName": {"Type": "String"},
        "authPolicyName": {"Type": "String"},
        "unauthPolicyName": {"Type": "String"},
        "authRoleName": {"Type": "String"},
        "unauthRoleName": {"Type": "String"},
        "s3PublicPolicy": {"Type": "String"},
        "s3PermissionsAuthenticatedPublic": {"Type": "String"},
        "s3PermissionsGuestPublic": {"Type": "String"},
        "GuestAllowList": {"Type": "String", "Default": "DISALLOW"},
        "env": {"Type": "String"},
    },
    "Conditions": {
        "ShouldNotCreateEnvResources": {"Fn::Equals": [{"Ref": "env"}, "NONE"]},
        "CreateGuestPublic": {"Fn::Not": [{"Fn::Equals": [{"Ref": "s3PermissionsGuestPublic"}, "DISALLOW"]}]},
    },
    "Resources": {
        "S3Bucket": {
            "Type": "AWS::S3::Bucket",
            "DeletionPolicy": "Retain",
            "Properties": {
                "BucketName": {
                    "Fn::If": [
                        "ShouldNotCreateEnvResources",
                        {"Ref": "bucketName"},
                        {"Fn::Join": ["", [{"Ref": "bucketName"}, "-", {"Ref": "env"}]]},
                    ]
                }
            },
        },
        "S3AuthPublicPolicy": {
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyName": {"Ref": "s3PublicPolicy"},
                "Roles": [{"Ref": "authRoleName"}],
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": {"Fn::Split": [",", {"Ref": "s3PermissionsAuthenticatedPublic"}]},
                            "Resource": [
                                {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "S3Bucket"}, "/public/*"]]}
                            ],
                        }
                    ],
                },
            },
        },
        "S3GuestPublicPolicy": {
            "Type": "AWS::IAM::Policy",
            "Condition": "CreateGuestPublic",
            "Properties": {
                "PolicyName": {"Ref": "s3PublicPolicy"},
                "Roles": [{"Ref": "unauthRoleName"}],
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": {"Fn::Split": [",", {"Ref": "s3PermissionsGuestPublic"}]},
                            "Resource": [
                                {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "S3Bucket"}, "/public/*"]]}
                            ],
                        }
                    ],
                },
            },
        },
    },
    "Outputs": {
        "BucketName": {"Value": {"Ref": "S3Bucket"}},
        "Region": {"Value": {"Ref": "AWS::Region"}},
    },
}


def test_old_shape_s3_storage_pushes_in_a_new_env(project, sandbox_server):
    Gen1Project(project.root).add_resource(
        "storage",
        "s3files",
        {"service": "S3", "providerPlugin": "awscloudformation"},
        {
            "s3-cloudformation-template.json": S3_TEMPLATE,
            "parameters.json": {
                "bucketName": "oldshapefiles",
                "authPolicyName": "s3_amplify_files",
                "unauthPolicyName": "s3_amplify_files",
                "authRoleName": {"Ref": "AuthRoleName"},
                "unauthRoleName": {"Ref": "UnauthRoleName"},
                "s3PublicPolicy": "Public_policy_files",
                "s3PermissionsAuthenticatedPublic": "s3:PutObject,s3:GetObject",
                "s3PermissionsGuestPublic": "s3:GetObject",
                "GuestAllowList": "ALLOW",
            },
        },
    )
    env_name = new_env_name()
    added = project.amplify("env", "add", env_name, "--yes", "--providers", GENERAL)
    assert added.code == 0, added.text
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text

    provider = json.loads((project.amplify_dir / "team-provider-info.json").read_text())[env_name][
        "awscloudformation"
    ]
    bucket = project.meta()["storage"]["s3files"]["output"]["BucketName"]
    assert bucket == f"oldshapefiles-{env_name}"
    sandbox_server.client("s3").head_bucket(Bucket=bucket)
    iam = sandbox_server.client("iam")
    for role, actions in (
        (provider["AuthRoleName"], ["s3:PutObject", "s3:GetObject"]),
        (provider["UnauthRoleName"], ["s3:GetObject"]),
    ):
        document = iam.get_role_policy(RoleName=role, PolicyName="Public_policy_files")["PolicyDocument"]
        [statement] = document["Statement"]
        assert statement["Action"] == actions and statement["Resource"] == [f"arn:aws:s3:::{bucket}/public/*"]
    exports = (project.root / "src" / "aws-exports.js").read_text()
    assert f'"aws_user_files_s3_bucket": "{bucket}"' in exports
    assert '"aws_user_files_s3_bucket_region": "us-east-1"' in exports
    assert "No changes detected" in project.amplify("push", "--yes").out


@pytest.mark.slow
def test_headless_init_takes_the_new_envs_values_from_categories(project, sandbox_server):
    gen1_backend(project)
    fresh_clone(project)
    tpi_path = project.amplify_dir / "team-provider-info.json"
    env_name = new_env_name()
    bad = project.amplify(
        "init", "--yes", "--amplify", json.dumps({"envName": env_name}), "--providers", GENERAL,
        "--categories", '{"function": {"reader": "hi"}}',
    )  # fmt: skip
    assert bad.code == 2 and "--categories.function.reader" in bad.text, bad.text
    assert env_name not in json.loads(tpi_path.read_text())

    values = json.dumps({"function": {"reader": {"greeting": "hello ci"}}})
    root_stack = init_new_env(project, env_name, "--categories", values)
    assert json.loads(tpi_path.read_text())[env_name]["categories"] == json.loads(values)
    # CI=true: the parameter no one gave is named, with where to give it; nothing is deployed.
    refused = project.amplify("push", "--yes")
    assert refused.code == 2, refused.text
    assert "function reader (Lambda): secretsPathAmplifyAppId" in refused.text
    assert f'"{env_name}" > "categories"' in refused.text and "--categories" in refused.text
    assert nested_stacks(sandbox_server, root_stack) == []

    tpi = json.loads(tpi_path.read_text())
    tpi[env_name]["categories"]["function"]["reader"]["secretsPathAmplifyAppId"] = "ciapp"
    tpi_path.write_text(json.dumps(tpi, indent=2))
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    code, _, body = get(f"{api_endpoint(project, 'shop')}/items")
    assert code == 200, body
    assert json.loads(body) == {
        "items": [],
        "greeting": "hello ci",
        "secrets": f"/amplify/ciapp/{env_name}/AMPLIFY_reader_",
    }
