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


def _read_head(sock, buffered: bytes = b"") -> tuple[bytes, bytes]:
    """One response's status line and headers, and whatever arrived after them."""
    data = buffered
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed after {data!r}"
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


def test_expect_100_continue_is_answered_once_and_the_connection_serves_on(sandbox_server):
    """botocore sends every upload with ``Expect: 100-continue`` and waits for the interim
    answer before the body; one interim answer, then the final one, then the next request."""
    import socket

    s3 = sandbox_server.client("s3")
    s3.create_bucket(Bucket="keep-alive-expect")
    url = urlparse(
        s3.generate_presigned_url(
            "put_object", Params={"Bucket": "keep-alive-expect", "Key": "k"}, ExpiresIn=300
        )
    )
    body = b"y" * 1000
    sock = socket.create_connection((url.hostname, url.port), timeout=30)
    try:
        sock.sendall(
            f"PUT {url.path}?{url.query} HTTP/1.1\r\nHost: {url.netloc}\r\n"
            f"Content-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n".encode()
        )
        head, rest = _read_head(sock)
        assert head == b"HTTP/1.1 100 Continue"
        sock.sendall(body)
        head, rest = _read_head(sock, rest)
        assert head.startswith(b"HTTP/1.1 200"), head
        assert b"connection: close" not in head.lower()
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        while len(rest) < length:
            rest += sock.recv(65536)
        assert rest == b"" or len(rest) == length  # no second "100 Continue" after the answer
        sock.sendall(f"GET /_sandbox/status HTTP/1.1\r\nHost: {url.netloc}\r\n\r\n".encode())
        head, rest = _read_head(sock, rest[length:])
        assert head.startswith(b"HTTP/1.1 200"), head
    finally:
        sock.close()
    assert s3.get_object(Bucket="keep-alive-expect", Key="k")["Body"].read() == body


def test_large_and_small_bodies_alternate_on_one_connection(sandbox_server):
    s3 = sandbox_server.client("s3")
    s3.create_bucket(Bucket="keep-alive-sizes")
    bodies = {"big": bytes(range(256)) * 1024, "small": b"s" * 10}  # 256 KiB and 10 bytes
    for key, body in bodies.items():
        s3.put_object(Bucket="keep-alive-sizes", Key=key, Body=body)
    conn = _connection(sandbox_server)
    try:
        for key in ("big", "small", "big", "small"):
            url = urlparse(
                s3.generate_presigned_url(
                    "get_object", Params={"Bucket": "keep-alive-sizes", "Key": key}, ExpiresIn=300
                )
            )
            conn.request("GET", f"{url.path}?{url.query}")
            response = conn.getresponse()
            assert response.status == 200
            assert response.read() == bodies[key]
            assert not response.will_close
    finally:
        conn.close()
