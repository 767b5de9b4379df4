"""S3 access as AWS decides it: principals and conditions, public access blocks, object
ownership — anonymous requests over real HTTP against a sandbox server."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError


def anonymous_status(server, path: str) -> int:
    try:
        with urllib.request.urlopen(f"{server.endpoint_url}/{path}", timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def policy(bucket: str, principal, condition=None, action="s3:GetObject", effect="Allow") -> str:
    statement = {
        "Effect": effect,
        "Principal": principal,
        "Action": action,
        "Resource": f"arn:aws:s3:::{bucket}/*",
    }
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


@pytest.fixture
def s3(sandbox_server_env):
    client = sandbox_server_env.client("s3")
    client.create_bucket(Bucket="access")
    client.put_object(Bucket="access", Key="a.txt", Body=b"a")
    return client


@pytest.mark.parametrize(
    "principal, condition, status",
    [
        ("*", None, 200),
        ({"AWS": "*"}, None, 200),
        ({"Service": "cloudfront.amazonaws.com"}, None, 403),
        ({"AWS": "arn:aws:iam::123456789012:root"}, None, 403),
        ("*", {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1"}}, 403),
        ("*", {"Bool": {"aws:SecureTransport": "true"}}, 200),
    ],
)
def test_anonymous_reads_match_only_principals_that_name_everyone(
    sandbox_server_env, s3, principal, condition, status
):
    s3.put_bucket_policy(Bucket="access", Policy=policy("access", principal, condition))
    assert anonymous_status(sandbox_server_env, "access/a.txt") == status


def test_anonymous_listing_needs_list_bucket_and_a_deny_for_someone_else_denies_no_one(
    sandbox_server_env, s3
):
    s3.put_bucket_policy(Bucket="access", Policy=policy("access", "*"))
    assert anonymous_status(sandbox_server_env, "access") == 403  # GetObject only: no listing
    s3.put_bucket_policy(
        Bucket="access",
        Policy=policy(
            "access", {"AWS": "arn:aws:iam::111111111111:user/someone"}, action="s3:*", effect="Deny"
        ),
    )
    assert s3.get_object(Bucket="access", Key="a.txt")["Body"].read() == b"a"
    s3.put_bucket_policy(Bucket="access", Policy=policy("access", "*", action="s3:GetObject", effect="Deny"))
    with pytest.raises(ClientError) as denied:
        s3.get_object(Bucket="access", Key="a.txt")
    assert denied.value.response["Error"]["Code"] in ("AccessDenied", "403")


def test_public_access_block_refuses_public_policies_and_voids_them(sandbox_server_env, s3):
    s3.put_bucket_policy(Bucket="access", Policy=policy("access", "*"))
    s3.put_public_access_block(
        Bucket="access",
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": False,
            "IgnorePublicAcls": False,
            "BlockPublicPolicy": False,
            "RestrictPublicBuckets": True,
        },
    )
    assert anonymous_status(sandbox_server_env, "access/a.txt") == 403
    s3.put_public_access_block(
        Bucket="access",
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    with pytest.raises(ClientError) as refused:
        s3.put_bucket_policy(Bucket="access", Policy=policy("access", {"AWS": "*"}))
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
    assert "BlockPublicPolicy" in refused.value.response["Error"]["Message"]
    # A policy narrowed to one distribution is not public: accepted.
    s3.put_bucket_policy(
        Bucket="access",
        Policy=policy(
            "access",
            {"Service": "cloudfront.amazonaws.com"},
            {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1"}},
        ),
    )


def test_public_acls_are_void_when_ignored_or_ownership_is_enforced(sandbox_server_env, s3):
    s3.put_object(Bucket="access", Key="public.txt", Body=b"p", ACL="public-read")
    assert anonymous_status(sandbox_server_env, "access/public.txt") == 200
    s3.put_bucket_ownership_controls(
        Bucket="access", OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    )
    assert anonymous_status(sandbox_server_env, "access/public.txt") == 403
    s3.delete_bucket_ownership_controls(Bucket="access")
    s3.put_public_access_block(
        Bucket="access",
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": False,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": False,
            "RestrictPublicBuckets": False,
        },
    )
    assert anonymous_status(sandbox_server_env, "access/public.txt") == 403


def test_a_public_object_acl_is_refused_where_s3_refuses_it(s3):
    """S3: with BucketOwnerEnforced, a PutObject or PutObjectAcl that sets an ACL other than
    the owner's own (``private``, ``bucket-owner-full-control``) fails with
    AccessControlListNotSupported; with BlockPublicAcls, one with a public ACL fails with
    AccessDenied. Nothing is written either way."""
    s3.put_bucket_ownership_controls(
        Bucket="access", OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    )
    with pytest.raises(ClientError) as refused:
        s3.put_object(Bucket="access", Key="new.txt", Body=b"n", ACL="public-read")
    assert refused.value.response["Error"]["Code"] == "AccessControlListNotSupported"
    with pytest.raises(ClientError) as refused:
        s3.put_object_acl(Bucket="access", Key="a.txt", ACL="public-read")
    assert refused.value.response["Error"]["Code"] == "AccessControlListNotSupported"
    s3.put_object(Bucket="access", Key="owned.txt", Body=b"o", ACL="bucket-owner-full-control")
    s3.delete_bucket_ownership_controls(Bucket="access")
    s3.put_public_access_block(
        Bucket="access",
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": False,
            "BlockPublicPolicy": False,
            "RestrictPublicBuckets": False,
        },
    )
    with pytest.raises(ClientError) as refused:
        s3.put_object(Bucket="access", Key="new.txt", Body=b"n", ACL="public-read")
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
    with pytest.raises(ClientError) as refused:
        s3.put_object_acl(Bucket="access", Key="a.txt", ACL="public-read")
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
    s3.put_object(Bucket="access", Key="private.txt", Body=b"p", ACL="private")
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket="access")["Contents"]]
    assert sorted(listed) == ["a.txt", "owned.txt", "private.txt"]


def anonymous_answer(server, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"{server.endpoint_url}/{path}", timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_a_missing_key_is_403_to_readers_who_may_not_list_the_bucket(sandbox_server_env, s3):
    """S3 (GetObject, "Permissions"): for a key that does not exist, a caller with
    s3:ListBucket gets 404 NoSuchKey, one without it 403 AccessDenied."""
    s3.put_bucket_policy(Bucket="access", Policy=policy("access", "*"))
    status, body = anonymous_answer(sandbox_server_env, "access/nope.txt")
    assert status == 403 and b"AccessDenied" in body
    assert anonymous_answer(sandbox_server_env, "access/a.txt") == (200, b"a")

    listable = json.loads(policy("access", "*"))
    listable["Statement"].append(
        {"Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::access"}
    )
    s3.put_bucket_policy(Bucket="access", Policy=json.dumps(listable))
    status, body = anonymous_answer(sandbox_server_env, "access/nope.txt")
    assert status == 404 and b"NoSuchKey" in body
    # The owner may list its bucket: NoSuchKey, whatever the policy says about others.
    s3.delete_bucket_policy(Bucket="access")
    with pytest.raises(ClientError) as missing:
        s3.get_object(Bucket="access", Key="nope.txt")
    assert missing.value.response["Error"]["Code"] == "NoSuchKey"
