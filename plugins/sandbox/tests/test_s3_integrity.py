"""Bodies S3 refuses (``moto_extensions/s3_integrity.py``), over real HTTP against a sandbox server.

S3's documented answers (PutObject, UploadPart, DeleteObjects): a ``Content-MD5`` that is not
base64 of 16 bytes is ``InvalidDigest``; one that doesn't match the body is ``BadDigest``; a
flexible checksum (``x-amz-checksum-crc32`` …) that doesn't match is ``BadDigest``. All 400, and
nothing is stored.
"""

from __future__ import annotations

import base64
import hashlib
import uuid

import pytest
from botocore.exceptions import ClientError

WRONG_MD5 = base64.b64encode(hashlib.md5(b"something else").digest()).decode()


@pytest.fixture
def s3(sandbox_server_env):
    client = sandbox_server_env.client("s3")
    bucket = f"integrity-{uuid.uuid4().hex[:8]}"
    client.create_bucket(Bucket=bucket)
    return client, bucket


def refused(call) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as error:
        call()
    response = error.value.response
    return (
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Message"],
    )


def keys(client, bucket: str) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_a_content_md5_that_does_not_match_is_bad_digest_and_nothing_is_stored(s3):
    client, bucket = s3
    code, status, message = refused(
        lambda: client.put_object(Bucket=bucket, Key="a.txt", Body=b"payload", ContentMD5=WRONG_MD5)
    )
    assert (code, status) == ("BadDigest", 400)
    assert message == "The Content-MD5 you specified did not match what we received."
    assert keys(client, bucket) == []

    right = base64.b64encode(hashlib.md5(b"payload").digest()).decode()
    client.put_object(Bucket=bucket, Key="a.txt", Body=b"payload", ContentMD5=right)
    assert client.get_object(Bucket=bucket, Key="a.txt")["Body"].read() == b"payload"


def test_a_content_md5_that_is_not_a_digest_is_invalid_digest(s3):
    client, bucket = s3
    code, status, _ = refused(
        lambda: client.put_object(Bucket=bucket, Key="a.txt", Body=b"payload", ContentMD5="bm90LWEtZGlnZXN0")
    )
    assert (code, status) == ("InvalidDigest", 400)
    assert keys(client, bucket) == []


def test_a_flexible_checksum_that_does_not_match_is_bad_digest(s3):
    client, bucket = s3
    wrong_crc = base64.b64encode((12345).to_bytes(4, "big")).decode()
    code, status, message = refused(
        lambda: client.put_object(Bucket=bucket, Key="c.txt", Body=b"payload", ChecksumCRC32=wrong_crc)
    )
    assert (code, status) == ("BadDigest", 400)
    assert message == "The CRC32 you specified did not match the calculated checksum."
    wrong_sha = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    code, _, _ = refused(
        lambda: client.put_object(Bucket=bucket, Key="c.txt", Body=b"payload", ChecksumSHA256=wrong_sha)
    )
    assert code == "BadDigest"
    assert keys(client, bucket) == []
    # what botocore computes itself is right, and stored
    client.put_object(Bucket=bucket, Key="c.txt", Body=b"payload", ChecksumAlgorithm="SHA256")
    assert keys(client, bucket) == ["c.txt"]


def test_a_part_whose_md5_does_not_match_is_refused_and_the_upload_can_go_on(s3):
    client, bucket = s3
    upload = client.create_multipart_upload(Bucket=bucket, Key="big.bin")["UploadId"]
    part = b"x" * (5 * 1024 * 1024)
    code, status, _ = refused(
        lambda: client.upload_part(
            Bucket=bucket, Key="big.bin", UploadId=upload, PartNumber=1, Body=part, ContentMD5=WRONG_MD5
        )
    )
    assert (code, status) == ("BadDigest", 400)
    assert client.list_parts(Bucket=bucket, Key="big.bin", UploadId=upload).get("Parts", []) == []
    etag = client.upload_part(Bucket=bucket, Key="big.bin", UploadId=upload, PartNumber=1, Body=part)["ETag"]
    client.complete_multipart_upload(
        Bucket=bucket,
        Key="big.bin",
        UploadId=upload,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]},
    )
    assert keys(client, bucket) == ["big.bin"]


def test_delete_objects_with_a_body_that_does_not_match_its_md5_deletes_nothing(s3):
    client, bucket = s3
    client.put_object(Bucket=bucket, Key="keep.txt", Body=b"k")

    def wrong_md5(request, **_):  # a body changed after the SDK computed its digest
        request.headers["Content-MD5"] = WRONG_MD5
        for name in [h for h in request.headers if h.lower().startswith("x-amz-checksum-")]:
            del request.headers[name]

    client.meta.events.register("before-sign.s3.DeleteObjects", wrong_md5)
    try:
        code, status, _ = refused(
            lambda: client.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "keep.txt"}]})
        )
    finally:
        client.meta.events.unregister("before-sign.s3.DeleteObjects", wrong_md5)
    assert (code, status) == ("BadDigest", 400)
    assert keys(client, bucket) == ["keep.txt"]
    client.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "keep.txt"}]})
    assert keys(client, bucket) == []


def test_a_body_changed_after_signing_is_x_amz_content_sha256_mismatch(sandbox_server_env, s3):
    """SigV4 signs the stated ``x-amz-content-sha256``, not the bytes: a body swapped after
    signing (same length) keeps a valid signature, and S3 answers XAmzContentSHA256Mismatch.
    (No flexible checksum here, which would catch it first as BadDigest.)"""
    from botocore.config import Config

    _, bucket = s3
    client = sandbox_server_env.client("s3", config=Config(request_checksum_calculation="when_required"))

    def swap_body(request, operation_name, **_):
        if operation_name == "PutObject":
            request.data = b"PAYLOAD"  # the signature was made over b"payload"'s hash

    # after the signer, which botocore registers on the unqualified event
    client.meta.events.register_last("request-created", swap_body)
    code, status, message = refused(lambda: client.put_object(Bucket=bucket, Key="s.txt", Body=b"payload"))
    client.meta.events.unregister("request-created", swap_body)
    assert (code, status) == ("XAmzContentSHA256Mismatch", 400)
    assert message == "The provided 'x-amz-content-sha256' header does not match what was computed."
    assert keys(client, bucket) == []

    client.put_object(Bucket=bucket, Key="s.txt", Body=b"payload")  # unchanged: stored
    assert client.get_object(Bucket=bucket, Key="s.txt")["Body"].read() == b"payload"


def test_an_x_amz_content_sha256_that_is_no_hash_is_invalid_argument(sandbox_server_env, s3):
    """A value that is neither a SHA-256 nor a documented marker, signed as it is."""
    import urllib.error
    import urllib.request

    from botocore.auth import S3SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    client, bucket = s3

    class StatesNoHash(S3SigV4Auth):
        def payload(self, request):
            return "not-a-hash"

    keys_ = sandbox_server_env.keys
    request = AWSRequest(
        method="PUT", url=f"{sandbox_server_env.endpoint_url}/{bucket}/m.txt", data=b"payload"
    )
    StatesNoHash(Credentials(keys_.access_key_id, keys_.secret_access_key), "s3", "us-east-1").add_auth(
        request
    )
    prepared = request.prepare()
    sent = urllib.request.Request(prepared.url, data=b"payload", method="PUT", headers=dict(prepared.headers))
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(sent, timeout=10)
    assert error.value.code == 400
    assert b"<Code>InvalidArgument</Code>" in error.value.read()
    assert keys(client, bucket) == []
