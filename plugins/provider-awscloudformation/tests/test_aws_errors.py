"""The one AWS error translator (``amplify_core.plugin.aws_errors``) on real botocore failures:
refusals from the sandbox, an unreachable endpoint, an HTML 500 page, missing credentials."""

from __future__ import annotations

import http.server
import threading

import pytest
from amplify_core.plugin import OperationError, UsageError, aws_error, aws_errors, describe_aws_error
from botocore.config import Config
from botocore.exceptions import NoCredentialsError


def test_a_refusal_names_operation_service_and_hints_at_the_missing_resource(sandbox_server):
    s3 = sandbox_server.client("s3")
    with pytest.raises(OperationError) as raised, aws_errors("Reading the record", hint="Nothing changed."):
        s3.get_object(Bucket="amplify-no-such-bucket-anywhere", Key="k")
    assert raised.value.message.startswith("Reading the record failed: GetObject: NoSuchBucket: ")
    assert raised.value.message.endswith("(S3)") and "\n" not in raised.value.message
    assert raised.value.hint.startswith("Check that the resource still exists")
    assert raised.value.hint.endswith("Nothing changed.")


def test_without_doing_the_message_says_which_service_refused(sandbox_server):
    cfn = sandbox_server.client("cloudformation")
    with pytest.raises(
        OperationError, match=r"^AWS refused DescribeStacks \(CloudFormation\): ValidationError: "
    ):
        with aws_errors():
            cfn.describe_stacks(StackName="amplify-no-such-stack")


def test_a_caller_can_name_its_own_resource_for_an_error_code(sandbox_server):
    s3 = sandbox_server.client("s3")
    mine = OperationError("The hosting bucket b does not exist.", hint="Run `amplify push`.")
    with pytest.raises(OperationError) as raised, aws_errors("Publishing", by_code={"NoSuchBucket": mine}):
        s3.list_objects_v2(Bucket="amplify-no-such-bucket-anywhere")
    assert raised.value is mine


def test_an_unreachable_endpoint_is_one_line(sandbox_server):
    s3 = sandbox_server.client(
        "s3",
        endpoint_url="http://127.0.0.1:9",
        config=Config(retries={"total_max_attempts": 1}, connect_timeout=2),
    )
    with pytest.raises(OperationError) as raised, aws_errors("Listing"):
        s3.list_buckets()
    assert raised.value.message.startswith("Listing failed: could not reach AWS: ")


def _html_500_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
            self.send_response(500)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_an_html_500_page_is_not_an_aws_answer(sandbox_server):
    server = _html_500_server()
    try:
        cfn = sandbox_server.client(
            "cloudformation",
            endpoint_url=f"http://127.0.0.1:{server.server_port}",
            config=Config(retries={"total_max_attempts": 1}),
        )
        with pytest.raises(Exception) as raw:
            cfn.describe_stacks(StackName="x")
    finally:
        server.shutdown()
        server.server_close()
    translated = aws_error(raw.value, "Checking the root stack")
    assert isinstance(translated, OperationError)
    assert "Checking the root stack failed:" in translated.message
    assert "500" in translated.message and "\n" not in translated.message
    assert "server-side problem" in (translated.hint or "")


def test_missing_credentials_are_bad_usage_and_other_exceptions_pass_through():
    translated = aws_error(NoCredentialsError())
    assert isinstance(translated, UsageError) and "No AWS credentials were found" in translated.message
    assert "amplify configure project" in (translated.hint or "")
    assert aws_error(ValueError("not AWS")) is None
    with pytest.raises(ValueError), aws_errors("Anything"):
        raise ValueError("not AWS")
    assert describe_aws_error(ValueError("plain")) == "plain"
