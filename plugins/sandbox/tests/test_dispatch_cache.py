"""The server remembers which moto app serves a signed request, only where that is safe."""

from __future__ import annotations

from amplify_sandbox.server import _dispatch_key


def signed(service: str, region: str = "us-east-1") -> str:
    return (
        f"AWS4-HMAC-SHA256 Credential=testing/20261126/{region}/{service}/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=abc"
    )


def test_signed_requests_to_our_services_are_keyed_by_host_and_scope():
    environ = {"HTTP_AUTHORIZATION": signed("s3"), "HTTP_HOST": "127.0.0.1:4577", "PATH_INFO": "/b/k"}
    assert _dispatch_key(environ) == ("127.0.0.1:4577", "us-east-1", "s3")
    other_region = dict(environ, HTTP_AUTHORIZATION=signed("s3", "eu-west-1"))
    assert _dispatch_key(other_region) != _dispatch_key(environ)


def test_everything_else_goes_through_moto_every_time():
    base = {"HTTP_HOST": "127.0.0.1:4577", "PATH_INFO": "/"}
    assert _dispatch_key(base) is None  # unsigned
    assert _dispatch_key(dict(base, HTTP_AUTHORIZATION=signed("dynamodb"))) is None
    assert _dispatch_key(dict(base, HTTP_AUTHORIZATION=signed("s3"), PATH_INFO="/v20180820/x")) is None
    assert _dispatch_key(dict(base, HTTP_AUTHORIZATION=signed("s3"), PATH_INFO="/moto-api/reset")) is None
    assert _dispatch_key(dict(base, HTTP_AUTHORIZATION="AWS key:signature")) is None
