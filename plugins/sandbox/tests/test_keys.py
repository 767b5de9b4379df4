"""Only the sandbox's owner gets in (issue 12 item 7): keys it did not issue are refused as AWS
refuses them, for the real ``amplify`` command and for any SDK client."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import boto3
import pytest
from amplify_sandbox.testing import init_sandbox_project
from botocore.config import Config
from botocore.exceptions import ClientError

MADE_UP = {
    "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
    "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCY",
}
NO_RETRIES = Config(retries={"total_max_attempts": 1})


def refused(call) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as error:
        call()
    response = error.value.response
    return (
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Message"],
    )


def test_amplify_with_made_up_keys_is_refused_and_the_issued_keys_work(tmp_path, sandbox_server):
    project = init_sandbox_project(tmp_path, sandbox_server)  # the issued keys: init works
    project.env.update(AWS_ACCESS_KEY_ID=MADE_UP["aws_access_key_id"])
    result = project.amplify("status", "-v")  # no cloud call: still fine
    assert result.code == 0, result.text
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 1, pushed.text
    assert "security token included in the request is invalid" in pushed.err, pushed.err
    assert "Traceback" not in pushed.err and MADE_UP["aws_access_key_id"] not in pushed.out


def test_init_with_made_up_keys_is_refused_and_says_nothing_was_created(tmp_path, sandbox_server):
    """CreateStack refused (InvalidClientTokenId): nothing exists, so nothing is "left"."""
    project = init_sandbox_project(tmp_path, sandbox_server)
    project.env.update(AWS_ACCESS_KEY_ID=MADE_UP["aws_access_key_id"])
    stacks = {s["StackName"] for s in sandbox_server.client("cloudformation").describe_stacks()["Stacks"]}
    added = project.amplify("env", "add", "--yes", "--amplify", json.dumps({"envName": "second"}))
    assert added.code == 1, added.text
    assert "security token included in the request is invalid" in added.err, added.err
    assert "Nothing was created." in added.err and "Left in the cloud" not in added.err, added.err
    after = {s["StackName"] for s in sandbox_server.client("cloudformation").describe_stacks()["Stacks"]}
    assert after == stacks


@pytest.mark.parametrize(
    ("service", "call", "expected"),
    [
        ("s3", lambda c: c.list_buckets(), ("InvalidAccessKeyId", 403)),
        ("cloudformation", lambda c: c.describe_stacks(), ("InvalidClientTokenId", 403)),
        ("cognito-idp", lambda c: c.list_user_pools(MaxResults=5), ("UnrecognizedClientException", 400)),
    ],
)
def test_a_made_up_key_is_refused(sandbox_server, service, call, expected):
    client = sandbox_server.client(service, config=NO_RETRIES, **MADE_UP)
    code, status, _ = refused(lambda: call(client))
    assert (code, status) == expected


def test_a_wrong_secret_is_refused(sandbox_server):
    wrong = {"aws_secret_access_key": sandbox_server.keys.secret_access_key[::-1], "config": NO_RETRIES}
    code, status, message = refused(lambda: sandbox_server.client("s3", **wrong).list_buckets())
    assert (code, status) == ("SignatureDoesNotMatch", 403) and "Check your key and signing method" in message
    code, status, message = refused(
        lambda: sandbox_server.client("cloudformation", **wrong).describe_stacks()
    )
    assert (code, status) == ("SignatureDoesNotMatch", 403) and "Secret Access Key" in message


def test_presigned_urls_and_unsigned_calls(sandbox_server_env):
    server = sandbox_server_env
    s3 = server.client("s3")
    s3.create_bucket(Bucket="private-files")
    s3.put_object(Bucket="private-files", Key="a.txt", Body=b"secret")
    for version in ("s3", "s3v4"):  # botocore's default (SigV2) and SigV4 presigning
        signed = server.client("s3", config=Config(signature_version=version))
        url = signed.generate_presigned_url("get_object", Params={"Bucket": "private-files", "Key": "a.txt"})
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.read() == b"secret"
        forged = boto3.client(
            "s3",
            endpoint_url=server.endpoint_url,
            region_name="us-east-1",
            config=Config(signature_version=version),
            **MADE_UP,
        ).generate_presigned_url("get_object", Params={"Bucket": "private-files", "Key": "a.txt"})
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(forged, timeout=10)
        assert denied.value.code == 403 and b"InvalidAccessKeyId" in denied.value.read()
    expired = server.client("s3", config=Config(signature_version="s3v4")).generate_presigned_url(
        "get_object", Params={"Bucket": "private-files", "Key": "a.txt"}, ExpiresIn=-10
    )
    with pytest.raises(urllib.error.HTTPError) as late:
        urllib.request.urlopen(expired, timeout=10)
    assert late.value.code == 403 and b"Request has expired" in late.value.read()

    # Unsigned: S3 judges by bucket policy (none here: 403); CloudFormation wants a signature.
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(f"{server.endpoint_url}/private-files/a.txt", timeout=10)
    assert anonymous.value.code == 403
    form = urllib.request.Request(
        server.endpoint_url + "/",
        data=b"Action=DeleteStack&StackName=x&Version=2010-05-15",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as unsigned:
        urllib.request.urlopen(form, timeout=10)
    assert unsigned.value.code == 403 and b"MissingAuthenticationToken" in unsigned.value.read()


def test_a_presigned_get_of_a_query_api_reaches_that_service(sandbox_server_env):
    """CloudFormation's query API takes GET with the signature in the query string (AWS tells
    the services apart by host name; the one sandbox endpoint by the URL's credential scope,
    not mistaking it for S3's ``GET /``, ListBuckets)."""
    server = sandbox_server_env
    cfn = server.client("cloudformation")
    server.client("s3").create_bucket(Bucket="not-an-answer")
    cfn.create_stack(StackName="shown", TemplateBody='{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}')

    def get(stack: str, client=cfn, expires: int = 600) -> tuple[int, bytes]:
        url = client.generate_presigned_url(
            "describe_stacks", Params={"StackName": stack}, ExpiresIn=expires, HttpMethod="GET"
        )
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    status, body = get("shown")
    assert status == 200 and b"<DescribeStacksResponse" in body and b"<StackName>shown</StackName>" in body
    assert b"not-an-answer" not in body
    status, body = get("never-made")
    assert status == 400 and b"<Code>ValidationError</Code>" in body and b"does not exist" in body
    forged = boto3.client(
        "cloudformation", endpoint_url=server.endpoint_url, region_name="us-east-1", **MADE_UP
    )
    status, body = get("shown", forged)
    assert status == 403 and b"InvalidClientTokenId" in body
    status, body = get("shown", expires=-10)
    assert status == 403 and b"expired" in body.lower()


def test_the_admin_api_wants_this_starts_token(sandbox_server_env):
    server = sandbox_server_env
    server.client("s3").create_bucket(Bucket="kept")
    guessed = urllib.request.Request(
        f"{server.endpoint_url}/moto-api/reset", method="POST", headers={"X-Amplify-Sandbox-Admin": "1"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused_reset:
        urllib.request.urlopen(guessed, timeout=10)
    assert refused_reset.value.code == 403
    key = urllib.request.Request(
        f"{server.endpoint_url}/_sandbox/keys",
        data=json.dumps({"access_key_id": "AKIAMINE", "secret_access_key": "x"}).encode(),
        method="POST",
        headers={"X-Amplify-Sandbox-Admin": "1"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused_key:
        urllib.request.urlopen(key, timeout=10)
    assert refused_key.value.code == 403
    assert [b["Name"] for b in server.client("s3").list_buckets()["Buckets"]] == ["kept"]


def test_a_request_signed_twenty_minutes_ago_is_refused(sandbox_server, monkeypatch):
    import datetime

    import botocore.auth

    late = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) - datetime.timedelta(minutes=20)
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: late)
    code, status, _ = refused(lambda: sandbox_server.client("s3", config=NO_RETRIES).list_buckets())
    assert (code, status) == ("RequestTimeTooSkewed", 403)
    code, status, message = refused(
        lambda: sandbox_server.client("cloudformation", config=NO_RETRIES).describe_stacks()
    )
    assert (code, status) == ("SignatureDoesNotMatch", 403) and message.startswith("Signature expired")


def test_an_iam_users_key_may_do_what_its_and_its_groups_policies_allow(sandbox_server_env):
    """Keys made with CreateAccessKey sign like any key (as in AWS) and are judged by the
    user's own and its groups' policies; a deactivated key is unknown."""
    server = sandbox_server_env
    iam = server.client("iam")
    iam.create_user(UserName="reader")
    key = iam.create_access_key(UserName="reader")["AccessKey"]
    as_user = server.client(
        "s3", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"]
    )
    code, status, message = refused(as_user.list_buckets)
    assert (code, status) == ("AccessDenied", 403)
    assert "user/reader is not authorized to perform: s3:ListAllMyBuckets" in message

    iam.create_group(GroupName="listers")
    listing = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}],
    }
    iam.put_group_policy(GroupName="listers", PolicyName="list", PolicyDocument=json.dumps(listing))
    iam.add_user_to_group(GroupName="listers", UserName="reader")
    assert "Buckets" in as_user.list_buckets()
    assert refused(lambda: as_user.create_bucket(Bucket="not-allowed-here"))[0] == "AccessDenied"

    iam.update_access_key(UserName="reader", AccessKeyId=key["AccessKeyId"], Status="Inactive")
    assert refused(as_user.list_buckets)[:2] == ("InvalidAccessKeyId", 403)
