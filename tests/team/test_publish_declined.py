"""Gen 1's publish, when the backend push is declined: "Do you still want to publish the
frontend?" — yes uploads the site and leaves the backend change pending; no changes nothing."""

from __future__ import annotations

import json

import pexpect
import pytest

from .conftest import PROFILE, project_name

pytestmark = pytest.mark.slow

FRONTEND = json.dumps(
    {
        "frontend": "javascript",
        "framework": "none",
        "config": {
            "SourceDir": "src",
            "DistributionDir": "dist",
            "BuildCommand": "true",
            "StartCommand": "true",
        },
    }
)
TABLE = json.dumps(
    {
        "service": "DynamoDB",
        "resourceName": "notes",
        "tableName": "notes",
        "partitionKey": {"fieldName": "id", "fieldType": "string"},
    }
)


def answer(child, *replies: tuple[str, str]) -> None:
    try:
        for prompt, reply in replies:
            child.expect_exact(prompt)
            child.send(reply)
        child.expect(pexpect.EOF)
    finally:
        child.close()


def test_declined_push_then_publish_the_frontend_anyway(teammate, tmp_path, sandbox_server):
    alice = teammate("alice")
    app = tmp_path / "site"
    (app / "src").mkdir(parents=True)
    (app / "dist").mkdir()
    (app / "dist" / "index.html").write_text("<h1>v1</h1>")
    alice.ok(
        "init",
        "--yes",
        "--amplify",
        json.dumps({"projectName": project_name(), "envName": "dev"}),
        "--frontend",
        FRONTEND,
        "--providers",
        PROFILE,
        cwd=app,
    )
    alice.ok("hosting", "add", "--stage", "DEV", "--yes", cwd=app)
    alice.ok("publish", "--yes", cwd=app)
    meta = json.loads((app / "amplify" / "backend" / "amplify-meta.json").read_text())
    bucket = meta["hosting"]["S3AndCloudFront"]["output"]["HostingBucketName"]

    def served() -> str:
        return sandbox_server.client("s3").get_object(Bucket=bucket, Key="index.html")["Body"].read().decode()

    assert served() == "<h1>v1</h1>"
    alice.ok("add", "storage", "--yes", "--params", TABLE, cwd=app)  # a backend change is now pending
    (app / "dist" / "index.html").write_text("<h1>v2</h1>")

    refused = alice.spawn("publish", cwd=app)
    answer(
        refused,
        ("Are you sure you want to continue?", "n"),
        ("Do you still want to publish the frontend?", "n"),
    )
    assert refused.exitstatus == 1 and "Publish cancelled; nothing was changed." in refused.before
    assert served() == "<h1>v1</h1>"

    anyway = alice.spawn("publish", cwd=app)
    answer(
        anyway,
        ("Are you sure you want to continue?", "n"),
        ("Do you still want to publish the frontend?", "y"),
    )
    assert anyway.exitstatus == 0, anyway.before
    status = alice.ok("status", cwd=app).out
    assert "notes" in status and "Create" in status  # the backend change is still pending
    assert served() == "<h1>v2</h1>"
