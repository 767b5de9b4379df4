"""Hosting switches stage back and forth (issue 13, item 5): DEV → PROD → DEV → PROD with
``amplify hosting configure`` and ``amplify publish`` after each, the real command against one
sandbox server. Each time the site is served from the stage's own endpoint.

Before the fix the second switch lost the bucket policy (the DEV site answered 403) and the
third crashed every later push (a deleted distribution revived in the sandbox, then a botocore
traceback).
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from amplify_core.testing import ProcessResult, run_amplify
from amplify_sandbox.testing import fetch_preview, sandbox_server  # noqa: F401 - session fixture

PAGE = b"<!doctype html><title>switching</title><p>hello</p>"
FRONTEND = {
    "frontend": "javascript",
    "framework": "none",
    "config": {"SourceDir": "src", "DistributionDir": "dist", "BuildCommand": "true", "StartCommand": "true"},
}


def amplify(root: Path, env: dict[str, str], *args: str) -> ProcessResult:
    return run_amplify(*args, cwd=root, env=env, timeout=300)


def ok(root: Path, env: dict[str, str], *args: str) -> ProcessResult:
    result = amplify(root, env, *args)
    assert result.code == 0, f"amplify {' '.join(args)} exited {result.code}:\n{result.out}{result.err}"
    assert "Traceback" not in result.err
    return result


@pytest.mark.slow
def test_dev_prod_dev_prod_serves_the_site_each_time(tmp_path: Path, sandbox_server):  # noqa: F811
    root = tmp_path / "site"
    (root / "dist").mkdir(parents=True)
    (root / "dist" / "index.html").write_bytes(PAGE)
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
    ok(
        root,
        env,
        "init",
        "--yes",
        "--amplify",
        json.dumps({"projectName": f"sw{uuid.uuid4().hex[:8]}", "envName": "dev"}),
        "--providers",
        json.dumps({"awscloudformation": {"configLevel": "general"}}),
        "--frontend",
        json.dumps(FRONTEND),
    )
    ok(root, env, "hosting", "add", "--stage", "DEV", "--yes")
    s3, cloudfront = sandbox_server.client("s3"), sandbox_server.client("cloudfront")

    served = []
    distributions = []
    for stage, flag in (
        ("DEV", None),
        ("PROD", "--cloudfront"),
        ("DEV", "--no-cloudfront"),
        ("PROD", "--cloudfront"),
    ):
        if flag:
            ok(root, env, "hosting", "configure", flag, "--yes")
        ok(root, env, "publish", "--yes")
        meta = json.loads((root / "amplify/backend/amplify-meta.json").read_text())
        output = meta["hosting"]["S3AndCloudFront"]["output"]
        if stage == "PROD":
            distributions.append(output["CloudFrontDistributionID"])
            url = sandbox_server.site_url("cloudfront", output["CloudFrontDistributionID"])
        else:
            assert "CloudFrontDistributionID" not in output
            policy = json.loads(s3.get_bucket_policy(Bucket=output["HostingBucketName"])["Policy"])
            assert policy["Statement"][0]["Principal"] == "*"
            url = sandbox_server.site_url("s3-website", output["HostingBucketName"])
        page = fetch_preview(url)
        served.append((stage, page.status, PAGE in page.body))
    assert served == [("DEV", 200, True), ("PROD", 200, True), ("DEV", 200, True), ("PROD", 200, True)]

    # The second PROD stage has a distribution of its own; the first one was deleted with DEV.
    listed = [d["Id"] for d in cloudfront.list_distributions()["DistributionList"].get("Items", [])]
    assert distributions[0] != distributions[1]
    assert distributions[1] in listed and distributions[0] not in listed
    assert "No Change" in ok(root, env, "status").out
