"""Hosting end to end, as a new user would try it: the real ``amplify`` command (subprocesses)
against one sandbox server, with ``examples/web-app`` built by its own ``npm run-script build``.

The acceptance scenarios of the hosting issue: PROD (distribution settings, preview of ``/``
and a deep link, headers of every object, incremental republish, ``--delete``, ``-c``), DEV
(website index and 404 error document, removal of the bucket after the push), and the
errors that must upload nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from amplify_core.testing import ProcessResult as Run
from amplify_core.testing import run_amplify
from amplify_sandbox.testing import fetch_preview, sandbox_server  # noqa: F401 - session fixture

WEB_APP = Path(__file__).resolve().parents[1] / "examples" / "web-app"
TITLE = b"<title>amplify example</title>"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="examples/web-app builds with node")


class App:
    """A copy of examples/web-app initialised against the sandbox."""

    def __init__(self, root: Path, env: dict[str, str], sandbox):
        self.root, self.env, self.sandbox = root, env, sandbox

    def amplify(self, *args: str) -> Run:
        return run_amplify(*args, cwd=self.root, env=self.env, timeout=180)

    def ok(self, *args: str) -> Run:
        result = self.amplify(*args)
        assert result.code == 0, f"amplify {' '.join(args)} exited {result.code}:\n{result.text}"
        return result

    def output(self) -> dict:
        meta = json.loads((self.root / "amplify/backend/amplify-meta.json").read_text())
        return meta["hosting"]["S3AndCloudFront"]["output"]

    def objects(self) -> list[str]:
        listed = self.sandbox.client("s3").list_objects_v2(Bucket=self.output()["HostingBucketName"])
        return sorted(o["Key"] for o in listed.get("Contents", []))


@pytest.fixture
def app(tmp_path: Path, sandbox_server) -> App:  # noqa: F811
    root = tmp_path / "web-app"
    shutil.copytree(WEB_APP, root, ignore=shutil.ignore_patterns("node_modules", "build", "amplify"))
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
    project = App(root, env, sandbox_server)
    name = f"web{uuid.uuid4().hex[:8]}"
    project.ok(
        "init",
        "--yes",
        "--amplify",
        json.dumps({"projectName": name, "envName": "dev"}),
        "--providers",
        json.dumps({"awscloudformation": {"configLevel": "general"}}),
    )
    return project


def test_prod_publish_serves_the_spa_with_headers_and_republishes_incrementally(app: App):
    app.ok("hosting", "add", "--stage", "PROD", "--yes")
    first = app.ok("publish", "--yes")
    assert "Your app is published successfully." in first.out
    output = app.output()
    assert {
        "HostingBucketName",
        "Region",
        "WebsiteURL",
        "CloudFrontDistributionID",
        "CloudFrontDomainName",
        "CloudFrontSecureURL",
    } <= set(output)

    config = app.sandbox.client("cloudfront").get_distribution(Id=output["CloudFrontDistributionID"])[
        "Distribution"
    ]["DistributionConfig"]
    behavior = config["DefaultCacheBehavior"]
    assert (behavior["MinTTL"], behavior["DefaultTTL"], behavior["MaxTTL"]) == (0, 86400, 31536000)
    assert behavior["ViewerProtocolPolicy"] == "redirect-to-https" and behavior["Compress"]
    assert sorted(
        (r["ErrorCode"], r["ResponseCode"], r["ResponsePagePath"])
        for r in config["CustomErrorResponses"]["Items"]
    ) == [(403, "200", "/index.html"), (404, "200", "/index.html")]

    site = app.sandbox.site_url("cloudfront", output["CloudFrontDistributionID"])
    for path in ("", "some/deep/link"):
        page = fetch_preview(site + path)
        assert (
            page.status == 200 and page.headers["content-type"].startswith("text/html") and TITLE in page.body
        )
    # The bucket itself is private: an anonymous GET of the same object is refused.
    anonymous = urllib.request.Request(f"{app.sandbox.endpoint_url}/{output['HostingBucketName']}/index.html")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(anonymous, timeout=10)
    assert refused.value.code == 403

    s3 = app.sandbox.client("s3")
    headers = {}
    for key in app.objects():
        head = s3.head_object(Bucket=output["HostingBucketName"], Key=key)
        headers[key] = (head["ContentType"].split(";")[0], head["CacheControl"])
    immutable = "public, max-age=31536000, immutable"
    revalidate = "public, max-age=0, must-revalidate"
    expected = {
        ".amplify-publish": ("text/plain", "no-store"),
        "404.html": ("text/html", "no-cache"),
        "index.html": ("text/html", "no-cache"),
        "manifest.webmanifest": ("application/manifest+json", "no-cache"),
        "robots.txt": ("text/plain", revalidate),
        "static/amplifyconfiguration.json": ("application/json", revalidate),
        "static/aws-exports.js": ("text/javascript", revalidate),
    }
    for key, value in headers.items():
        if key.startswith(("static/app.", "static/styles.")):
            kind = "text/javascript" if key.endswith(".js") else "text/css"
            assert value == (kind, immutable), key
        else:
            assert value == expected[key], key
    exports = (app.root / "src/aws-exports.js").read_text()
    for name in (
        "aws_content_delivery_bucket",
        "aws_content_delivery_bucket_region",
        "aws_content_delivery_url",
    ):
        assert name in exports

    again = app.ok("publish", "--yes")
    assert "No changes" in again.out and "Uploading files." not in again.out
    checks = list((Path(app.env["AMPLIFY_HOME"]) / "publish-check").glob("*.json"))
    assert len(checks) == 1 and checks[0].stat().st_mode & 0o777 == 0o600, "presigned requests are private"
    assert not (app.root / "amplify/.config/local-publish-check.json").exists()

    (app.root / "public/robots.txt").write_text("User-agent: *\nDisallow: /private\n")
    (app.root / "public/manifest.webmanifest").unlink()
    changed = app.ok("publish", "--delete", "--yes")
    assert "Uploaded 1 file " in changed.out and "deleted 1," in changed.out
    assert "manifest.webmanifest" not in app.objects()

    invalidated = app.ok("publish", "-c", "--yes")
    cloudfront = app.sandbox.client("cloudfront")
    listed = cloudfront.list_invalidations(DistributionId=output["CloudFrontDistributionID"])[
        "InvalidationList"
    ]
    assert listed["Quantity"] == 1
    assert f"CloudFront invalidation request sent successfully: {listed['Items'][0]['Id']}" in invalidated.out


def test_dev_website_serves_the_error_document_and_remove_deletes_the_bucket(app: App):
    app.ok("add", "hosting", "--stage", "DEV", "--error-doc", "404.html", "--yes")
    app.ok("publish", "--yes")
    bucket = app.output()["HostingBucketName"]
    site = app.sandbox.site_url("s3-website", bucket)
    home = fetch_preview(site)
    missing = fetch_preview(site + "no/such/page")
    assert home.status == 200 and TITLE in home.body
    # 404.html is a copy of the SPA page; S3 answers 403 (not 404) for a missing key when
    # anonymous readers may not s3:ListBucket, as the website endpoint does in AWS.
    assert missing.status == 403 and TITLE in missing.body

    refused = app.amplify("hosting", "remove")
    assert refused.code == 2 and "--yes" in refused.err
    app.ok("hosting", "remove", "--yes")
    pushed = app.ok("push", "--yes")
    assert f"Deleted the hosting bucket {bucket}" in pushed.out
    names = [b["Name"] for b in app.sandbox.client("s3").list_buckets()["Buckets"]]
    assert bucket not in names


def test_a_native_app_gets_the_hosting_block_from_the_hosting_plugin(app: App):
    """The hosting plugin contributes its own ``amplifyconfiguration.json`` block (the core names
    no category's keys): present after the push, gone after the removal is pushed."""
    app.ok("configure", "project", "--yes", "--frontend", json.dumps({"frontend": "ios"}))
    app.ok("add", "hosting", "--stage", "DEV", "--yes")
    app.ok("push", "--yes")
    output = app.output()
    config = json.loads((app.root / "amplifyconfiguration.json").read_text())
    block = config["hosting"]["plugins"]["awsS3AndCloudFrontHostingPlugin"]
    assert block["bucket"] == output["HostingBucketName"] and block["region"] == output["Region"]
    assert block["url"].startswith("http://127.0.0.1:")  # the sandbox site's own loopback URL
    app.ok("hosting", "remove", "--yes")
    app.ok("push", "--yes")
    assert "hosting" not in json.loads((app.root / "amplifyconfiguration.json").read_text())


def test_publish_errors_upload_nothing(app: App):
    no_hosting = app.amplify("publish", "--yes")
    assert no_hosting.code == 1
    assert "Add hosting to your project before publishing your project" in no_hosting.err

    app.ok("hosting", "add", "--stage", "PROD", "--yes")
    config_path = app.root / "amplify/.config/project-config.json"
    config = json.loads(config_path.read_text())
    config["javascript"]["config"]["BuildCommand"] = "exit 3"
    config_path.write_text(json.dumps(config))
    failed = app.amplify("publish", "--yes")
    assert failed.code == 1 and "exit code 3" in failed.err
    assert app.objects() == []

    config["javascript"]["config"]["BuildCommand"] = "true"
    config_path.write_text(json.dumps(config))
    (app.root / "build").mkdir(exist_ok=True)
    (app.root / "build/index.html").write_text("<html></html>")
    outside = app.root / "secret.txt"
    outside.write_text("do not publish")
    os.symlink(outside, app.root / "build/secret.txt")
    escaped = app.amplify("publish", "--yes")
    assert escaped.code == 1 and "outside the distribution folder" in escaped.err
    assert app.objects() == []
    (app.root / "build/secret.txt").unlink()
    shutil.rmtree(app.root / "build")
    (app.root / "build").mkdir()
    empty = app.amplify("publish", "--yes")
    assert empty.code == 1 and "The distribution folder is empty" in empty.err


def as_gen1_origin_access_identity(template: dict) -> dict:
    """The PROD template as the Gen 1 CLI wrote it: CloudFront reads the private bucket through
    an origin access identity, granted to its canonical user id, instead of an OAC."""
    resources = template["Resources"]
    oac = next(k for k, v in resources.items() if v["Type"] == "AWS::CloudFront::OriginAccessControl")
    del resources[oac]
    resources["OriginAccessIdentity"] = {
        "Type": "AWS::CloudFront::CloudFrontOriginAccessIdentity",
        "Properties": {
            "CloudFrontOriginAccessIdentityConfig": {"Comment": "CloudFrontOriginAccessIdentityConfig"}
        },
    }
    distribution = next(v for v in resources.values() if v["Type"] == "AWS::CloudFront::Distribution")
    [origin] = distribution["Properties"]["DistributionConfig"]["Origins"]
    origin.pop("OriginAccessControlId", None)
    origin["S3OriginConfig"] = {
        "OriginAccessIdentity": {
            "Fn::Join": ["", ["origin-access-identity/cloudfront/", {"Ref": "OriginAccessIdentity"}]]
        }
    }
    policy = next(v for v in resources.values() if v["Type"] == "AWS::S3::BucketPolicy")
    policy["Properties"]["PolicyDocument"] = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "APIReadForGetBucketObjects",
                "Effect": "Allow",
                "Principal": {"CanonicalUser": {"Fn::GetAtt": ["OriginAccessIdentity", "S3CanonicalUserId"]}},
                "Action": "s3:GetObject",
                "Resource": {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "S3Bucket"}, "/*"]]},
            }
        ],
    }
    template["Outputs"]["CloudFrontOriginAccessIdentity"] = {"Value": {"Ref": "OriginAccessIdentity"}}
    return template


def test_gen1_origin_access_identity_hosting_pushes_and_publishes(app: App):
    app.ok("hosting", "add", "--stage", "PROD", "--yes")
    path = app.root / "amplify/backend/hosting/S3AndCloudFront/template.json"
    path.write_text(json.dumps(as_gen1_origin_access_identity(json.loads(path.read_text())), indent=2))

    published = app.ok("publish", "--yes")

    assert "Your app is published successfully." in published.out
    output = app.output()
    assert output["CloudFrontOriginAccessIdentity"].startswith("E")
    site = app.sandbox.site_url("cloudfront", output["CloudFrontDistributionID"])
    for path_ in ("", "some/deep/link"):
        page = fetch_preview(site + path_)
        assert page.status == 200 and TITLE in page.body
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(
            f"{app.sandbox.endpoint_url}/{output['HostingBucketName']}/index.html", timeout=10
        )
    assert refused.value.code == 403
