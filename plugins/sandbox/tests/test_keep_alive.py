"""The sandbox keeps HTTP/1.1 connections alive, as S3 does, so clients that reuse their
connections (botocore, the AWS CLI) are measured as they would be against AWS."""

from __future__ import annotations

import http.client
from urllib.parse import urlparse


def _connection(sandbox_server) -> http.client.HTTPConnection:
    url = urlparse(sandbox_server.endpoint_url)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=30)


def test_one_connection_serves_request_after_request(sandbox_server):
    s3 = sandbox_server.client("s3")
    s3.create_bucket(Bucket="keep-alive-bucket")
    conn = _connection(sandbox_server)
    try:
        for i in range(3):
            url = urlparse(
                s3.generate_presigned_url(
                    "put_object", Params={"Bucket": "keep-alive-bucket", "Key": f"k{i}"}, ExpiresIn=300
                )
            )
            conn.request("PUT", f"{url.path}?{url.query}", body=b"x" * (i + 1) * 100)
            response = conn.getresponse()
            response.read()
            assert response.status == 200
            assert (response.getheader("Connection") or "").lower() != "close"
            if i == 0:
                first = conn.sock
            assert conn.sock is first  # the same socket throughout
    finally:
        conn.close()
    stored = s3.get_object(Bucket="keep-alive-bucket", Key="k2")["Body"].read()
    assert stored == b"x" * 300


def test_a_body_the_server_never_reads_does_not_corrupt_the_next_request(sandbox_server):
    conn = _connection(sandbox_server)
    try:
        # NoSuchBucket is answered without reading the body; its bytes must not be taken for
        # the start of the next request on this connection.
        conn.request("PUT", "/no-such-bucket-keep-alive/key", body=b"GET / HTTP/1.1\r\n\r\n" * 50)
        response = conn.getresponse()
        assert b"NoSuchBucket" in response.read()
        conn.request("GET", "/_sandbox/status")
        response = conn.getresponse()
        assert response.status == 200 and b"pid" in response.read()
    finally:
        conn.close()


def test_a_client_that_asks_to_close_is_answered_and_closed(sandbox_server):
    conn = _connection(sandbox_server)
    try:
        conn.request("GET", "/_sandbox/status", headers={"Connection": "close"})
        response = conn.getresponse()
        response.read()
        assert response.status == 200 and response.will_close
    finally:
        conn.close()
