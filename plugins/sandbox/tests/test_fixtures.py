"""The fixtures other packages rely on lead boto3 to the sandbox, and only there."""

from __future__ import annotations

import os

import boto3


def test_inprocess_starts_empty_with_fake_credentials(sandbox_inprocess):
    assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1" and "AWS_ENDPOINT_URL" not in os.environ
    s3 = boto3.client("s3")  # from the environment, as code under test creates it
    assert s3.list_buckets()["Buckets"] == []
    assert boto3.client("sts").get_caller_identity()["Account"] == "123456789012"


def test_server_env_points_plain_clients_at_the_server(sandbox_server_env):
    boto3.client("s3").create_bucket(Bucket="from-environment")
    assert [b["Name"] for b in sandbox_server_env.client("s3").list_buckets()["Buckets"]] == [
        "from-environment"
    ]

    sandbox_server_env.reset()
    assert sandbox_server_env.client("s3").list_buckets()["Buckets"] == []


def test_profile_alone_leads_to_the_server(sandbox_profile, sandbox_server):
    assert not {"AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_PROFILE"} & set(os.environ)
    session = boto3.Session(profile_name=sandbox_profile.name)
    session.client("s3").create_bucket(Bucket="through-profile")
    assert [b["Name"] for b in sandbox_server.client("s3").list_buckets()["Buckets"]] == ["through-profile"]
    assert f"endpoint_url = {sandbox_server.endpoint_url}" in sandbox_profile.config_file.read_text()
