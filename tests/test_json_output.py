"""``--json`` on ``init``, ``status``, ``push`` and ``publish`` (issue 13, item 10): the real
command against the sandbox. stdout holds exactly one JSON document — even when the frontend's
build command prints — and every message goes to stderr.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from amplify_core.testing import ProcessResult, run_amplify
from amplify_sandbox.testing import sandbox_server  # noqa: F401 - session fixture

FRONTEND = {
    "frontend": "javascript",
    "framework": "none",
    "config": {
        "SourceDir": "src",
        "DistributionDir": "dist",
        "BuildCommand": "echo the-build-says-hello",
        "StartCommand": "true",
    },
}


def document(result: ProcessResult) -> dict:
    """stdout parsed as one JSON value (json.loads refuses trailing text)."""
    return json.loads(result.out)


@pytest.mark.slow
def test_init_status_push_publish_print_one_document_each(tmp_path: Path, sandbox_server):  # noqa: F811
    root = tmp_path / "site"
    (root / "dist" / "static").mkdir(parents=True)
    (root / "dist" / "index.html").write_text("<!doctype html><title>json</title>")
    (root / "dist" / "static" / "app.js").write_text("console.log(1)")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
    env.update(sandbox_server.env())
    env.update(
        {
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "CI": "true",
            "AWS_CONFIG_FILE": str(home / "no-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-creds"),
        }
    )

    def amplify(*args: str) -> ProcessResult:
        return run_amplify(*args, cwd=root, env=env, timeout=300)

    name = f"js{uuid.uuid4().hex[:8]}"
    init = amplify(
        "init",
        "--yes",
        "--json",
        "--amplify",
        json.dumps({"projectName": name, "envName": "dev"}),
        "--providers",
        json.dumps({"awscloudformation": {"configLevel": "general"}}),
        "--frontend",
        json.dumps(FRONTEND),
    )
    assert init.code == 0, init.err
    created = document(init)
    stack = created["providers"]["awscloudformation"]["StackName"]
    assert created == {
        "command": "init",
        "success": True,
        "projectName": name,
        "envName": "dev",
        "frontend": "javascript",
        "providers": created["providers"],
    }
    assert stack.startswith(f"amplify-{name}-dev-")
    assert "successfully initialized" in init.err

    assert amplify("hosting", "add", "--stage", "PROD", "--yes").code == 0
    status = amplify("status", "--json")
    assert status.code == 0 and status.err == ""
    assert document(status) == {
        "command": "status",
        "success": True,
        "envName": "dev",
        "tagsChanged": False,
        "resources": [
            {
                "category": "hosting",
                "resourceName": "S3AndCloudFront",
                "operation": "Create",
                "providerPlugin": "awscloudformation",
            }
        ],
    }

    first = amplify("publish", "--yes", "--json", "-c")
    assert first.code == 0, first.err
    published = document(first)
    assert "the-build-says-hello" in first.err and "Current Environment: dev" in first.err
    [site] = published["published"]
    output = published["push"]["outputs"]["hosting"]["S3AndCloudFront"]
    assert published["success"] and published["push"]["changed"] is True
    assert published["url"] == site["url"] and site["url"].startswith("http://127.0.0.1:"), (
        "the sandbox's URL"
    )
    assert output["CloudFrontSecureURL"].startswith("https://")
    assert site["files"] == {"uploaded": ["index.html", "static/app.js"], "unchanged": [], "deleted": []}
    cloudfront = sandbox_server.client("cloudfront")
    invalidation = cloudfront.get_invalidation(
        DistributionId=output["CloudFrontDistributionID"], Id=site["invalidationId"]
    )["Invalidation"]
    assert sorted(invalidation["InvalidationBatch"]["Paths"]["Items"]) == [
        "/",
        "/index.html",
        "/static/app.js",
    ]

    (root / "dist" / "static" / "app.js").unlink()
    (root / "dist" / "about.html").write_text("<!doctype html><title>about</title>")
    again = document(amplify("publish", "--yes", "--json", "--delete"))
    assert again["push"]["changed"] is False
    assert again["published"][0]["files"] == {
        "uploaded": ["about.html"],
        "unchanged": ["index.html"],
        "deleted": ["static/app.js"],
    }
    assert again["published"][0]["invalidationId"] is None
    unchanged = document(amplify("publish", "--yes", "--json"))  # the quick path: no SDK at all
    assert unchanged["published"][0]["files"]["uploaded"] == []
    assert unchanged["url"] == site["url"], "the no-change publish shows the same sandbox URL"

    push = amplify("push", "--yes", "--json")
    assert push.code == 0
    assert document(push)["changed"] is False and "No changes detected" in push.err

    failed = amplify("status", "--json", "nosuchcategory")
    assert failed.code == 2
    assert document(failed) == {
        "command": "status",
        "success": False,
        "error": {
            "message": "Unknown category: nosuchcategory.",
            "hint": document(failed)["error"]["hint"],
            "exitCode": 2,
        },
    }
    assert "Unknown category" in failed.err
