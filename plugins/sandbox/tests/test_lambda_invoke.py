"""The ``lambda_invoke`` gap: Lambda ``Invoke`` runs handlers with the local runtime, no docker."""

from __future__ import annotations

import io
import json
import zipfile

import pytest


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.fixture
def make_function(sandbox_server):
    lam, iam = sandbox_server.client("lambda"), sandbox_server.client("iam")
    role = iam.create_role(
        RoleName=f"r{id(lam)}",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
    )["Role"]["Arn"]
    made = []

    def make(name: str, runtime: str, files: dict[str, str], handler: str = "index.handler", **extra) -> str:
        lam.create_function(
            FunctionName=name,
            Runtime=runtime,
            Role=role,
            Handler=handler,
            Code={"ZipFile": zipped(files)},
            **extra,
        )
        made.append(name)
        return name

    yield make
    for name in made:
        lam.delete_function(FunctionName=name)
    iam.delete_role(RoleName=role.rsplit("/", 1)[1])


def test_python_and_node_handlers_run_with_their_environment(sandbox_server, make_function):
    lam = sandbox_server.client("lambda")
    make_function(
        "py-ok",
        "python3.12",
        {
            "index.py": "import os\ndef handler(e, c):\n    print('log line')\n"
            "    return {'got': e['n'], 'color': os.environ['COLOR'], 'name': c.function_name}\n"
        },
        Environment={"Variables": {"COLOR": "blue"}},
    )
    answer = lam.invoke(FunctionName="py-ok", Payload=json.dumps({"n": 3}), LogType="Tail")
    assert "FunctionError" not in answer
    assert json.loads(answer["Payload"].read()) == {"got": 3, "color": "blue", "name": "py-ok"}
    make_function(
        "node-cb",
        "nodejs24.x",
        {
            "app.js": "exports.go = (event, context, callback) => "
            "callback(null, {twice: event.n * 2, region: process.env.AWS_REGION});\n"
        },
        handler="app.go",
    )
    answer = lam.invoke(FunctionName="node-cb", Payload=json.dumps({"n": 4}))
    assert json.loads(answer["Payload"].read()) == {"twice": 8, "region": "us-east-1"}


def test_failures_are_function_errors_as_in_aws(sandbox_server, make_function):
    lam = sandbox_server.client("lambda")
    make_function(
        "py-raise", "python3.13", {"index.py": "def handler(e, c):\n    raise KeyError('missing')\n"}
    )
    make_function(
        "py-slow",
        "python3.13",
        {"index.py": "import time\ndef handler(e, c):\n    time.sleep(30)\n"},
        Timeout=1,
    )
    make_function("no-module", "nodejs22.x", {"other.js": "exports.handler = async () => 1;\n"})
    make_function("java", "java21", {"x.txt": ""}, handler="example.Handler::handleRequest")
    expected = {
        "py-raise": "KeyError",
        "py-slow": "TimeoutError",
        "no-module": "Runtime.ImportModuleError",
        "java": "Runtime.Unavailable",
    }
    for name, error_type in expected.items():
        answer = lam.invoke(FunctionName=name, Payload=b"{}")
        assert answer.get("FunctionError"), name
        assert json.loads(answer["Payload"].read())["errorType"] == error_type, name


def test_a_handler_calls_the_sandbox_itself(sandbox_server, make_function):
    sandbox_server.client("s3").create_bucket(Bucket="from-lambda")
    make_function(
        "lister",
        "python3.12",
        {
            "index.py": "import boto3\ndef handler(e, c):\n"
            "    return [b['Name'] for b in boto3.client('s3').list_buckets()['Buckets']]\n"
        },
    )
    answer = sandbox_server.client("lambda").invoke(FunctionName="lister", Payload=b"{}")
    assert "from-lambda" in json.loads(answer["Payload"].read())


def test_a_streaming_node_handler_answers_with_what_it_wrote(sandbox_server, make_function):
    make_function(
        "streamer",
        "nodejs22.x",
        {
            "index.js": (
                "exports.handler = awslambda.streamifyResponse(async (event, stream) => {\n"
                "  stream = awslambda.HttpResponseStream.from(stream, {statusCode: 200});\n"
                "  stream.write('part1 '); stream.write(event.word); stream.end();\n});\n"
            )
        },
    )
    answer = sandbox_server.client("lambda").invoke(
        FunctionName="streamer", Payload=json.dumps({"word": "done"})
    )
    assert "FunctionError" not in answer
    assert answer["Payload"].read() == b"part1 done"


URL_STACK = {
    "Resources": {
        "Role": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                }
            },
        },
        "Fn": {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "FunctionName": "with-url",
                "Runtime": "python3.12",
                "Handler": "index.handler",
                "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                "Code": {"ZipFile": "def handler(e, c):\n    return 1\n"},
            },
        },
        "Url": {
            "Type": "AWS::Lambda::Url",
            "Properties": {
                "AuthType": "NONE",
                "TargetFunctionArn": {"Fn::GetAtt": ["Fn", "Arn"]},
                "InvokeMode": "RESPONSE_STREAM",
            },
        },
    },
    "Outputs": {"FunctionUrl": {"Value": {"Fn::GetAtt": ["Url", "FunctionUrl"]}}},
}


def test_a_function_url_in_a_stack_is_a_real_url_config(sandbox_inprocess):
    cfn, lam = sandbox_inprocess.client("cloudformation"), sandbox_inprocess.client("lambda")
    cfn.create_stack(StackName="url", TemplateBody=json.dumps(URL_STACK), Capabilities=["CAPABILITY_IAM"])
    stack = cfn.describe_stacks(StackName="url")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    [output] = stack["Outputs"]
    config = lam.get_function_url_config(FunctionName="with-url")
    assert output["OutputValue"] == config["FunctionUrl"] and config["InvokeMode"] == "RESPONSE_STREAM"

    second = json.loads(json.dumps(URL_STACK))
    second["Resources"]["Url2"] = {
        "Type": "AWS::Lambda::Url",
        "Properties": {"AuthType": "NONE", "TargetFunctionArn": {"Fn::GetAtt": ["Fn", "Arn"]}},
    }
    second["Resources"]["Fn"]["Properties"]["FunctionName"] = "with-two-urls"
    # As in CloudFormation: accepted, the second URL fails, the stack rolls back.
    cfn.create_stack(StackName="two-urls", TemplateBody=json.dumps(second), Capabilities=["CAPABILITY_IAM"])
    assert cfn.describe_stacks(StackName="two-urls")["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    reasons = [
        e.get("ResourceStatusReason") or ""
        for e in cfn.describe_stack_events(StackName="two-urls")["StackEvents"]
        if e["ResourceStatus"] == "CREATE_FAILED"
    ]
    assert any("FunctionUrlConfig exists" in r for r in reasons), reasons


def test_a_node_invocation_ends_as_in_lambda_though_the_event_loop_is_busy(sandbox_server, make_function):
    lam = sandbox_server.client("lambda")
    # An Express app behind aws-serverless-express calls listen() at load: the open server
    # keeps Node's event loop busy, yet Lambda answers as soon as the handler's promise settles.
    listening = (
        "const server = require('http').createServer().listen(0, '127.0.0.1');\n"
        "exports.handler = async (event) => ({ok: event.n, listening: server.listening});\n"
    )
    # A callback handler that says not to wait for the event loop (an open timer here).
    not_waiting = (
        "exports.handler = (event, context, callback) => {\n"
        "  setInterval(() => {}, 1000);\n"
        "  context.callbackWaitsForEmptyEventLoop = false;\n"
        "  callback(null, {ok: event.n});\n};\n"
    )
    rejecting = (
        "setInterval(() => {}, 1000);\nexports.handler = async () => { throw new TypeError('bad input'); };\n"
    )
    make_function("node-listening", "nodejs24.x", {"index.js": listening}, Timeout=3)
    make_function("node-not-waiting", "nodejs24.x", {"index.js": not_waiting}, Timeout=3)
    make_function("node-rejecting", "nodejs24.x", {"index.js": rejecting}, Timeout=3)
    for name, expected in (("node-listening", {"ok": 1, "listening": True}), ("node-not-waiting", {"ok": 1})):
        answer = lam.invoke(FunctionName=name, Payload=json.dumps({"n": 1}))
        assert "FunctionError" not in answer, name
        assert json.loads(answer["Payload"].read()) == expected, name
    answer = lam.invoke(FunctionName="node-rejecting", Payload=b"{}")
    assert answer.get("FunctionError")
    assert json.loads(answer["Payload"].read())["errorType"] == "TypeError"  # not a timeout


def test_a_bundled_aws_sdk_v2_is_pointed_at_the_sandbox(sandbox_server, make_function):
    # SDK v2 ignores AWS_ENDPOINT_URL: unpointed, a Gen 1 function's calls would go to AWS.
    # (A stand-in for the package's config object: the real one is not installable offline.)
    make_function(
        "sdk-v2",
        "nodejs22.x",
        {
            "node_modules/aws-sdk/package.json": json.dumps({"name": "aws-sdk", "main": "index.js"}),
            "node_modules/aws-sdk/index.js": (
                "exports.config = {update(options) { Object.assign(this, options); }};\n"
            ),
            "index.js": (
                "const AWS = require('aws-sdk');\n"
                "exports.handler = async () => ({endpoint: AWS.config.endpoint, "
                "pathStyle: AWS.config.s3ForcePathStyle});\n"
            ),
        },
    )
    answer = sandbox_server.client("lambda").invoke(FunctionName="sdk-v2", Payload=b"{}")
    assert json.loads(answer["Payload"].read()) == {
        "endpoint": sandbox_server.endpoint_url,
        "pathStyle": True,
    }
