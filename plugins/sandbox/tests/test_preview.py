"""The site preview over real HTTP, against a sandbox server (server mode)."""

from __future__ import annotations

import json
import urllib.request

import pytest

DEV_SITE = "dev-site"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{DEV_SITE}/*"}],
}
DEV_TEMPLATE = {
    "Resources": {
        "S3Bucket": {
            "Type": "AWS::S3::Bucket",
            "Properties": {
                "BucketName": DEV_SITE,
                "WebsiteConfiguration": {
                    "IndexDocument": "index.html",
                    "ErrorDocument": "error.html",
                    "RoutingRules": [
                        {"RoutingRuleCondition": {"KeyPrefixEquals": "old/"}, "RedirectRule": {"ReplaceKeyPrefixWith": "docs/"}}
                    ],
                },
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": False,
                    "BlockPublicPolicy": False,
                    "IgnorePublicAcls": False,
                    "RestrictPublicBuckets": False,
                },
            },
        },
        "BucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "S3Bucket"}, "PolicyDocument": PUBLIC_READ}},
    }
}
FILES = {
    "index.html": (b"<h1>home</h1>", "text/html", "no-cache"),
    "error.html": (b"<h1>not here</h1>", "text/html", "no-cache"),
    "docs/index.html": (b"<h1>docs</h1>", "text/html", "no-cache"),
    "assets/app.3f2a.js": (b"console.log(1)", "text/javascript", "public, max-age=31536000, immutable"),
}


def upload(s3, bucket: str) -> None:
    for key, (body, content_type, cache_control) in FILES.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType=content_type, CacheControl=cache_control)


@pytest.fixture
def dev_site(sandbox_server_env):
    """A DEV-hosting website bucket (public-read policy), made through CloudFormation."""
    sandbox_server_env.client("cloudformation").create_stack(StackName="dev", TemplateBody=json.dumps(DEV_TEMPLATE))
    upload(sandbox_server_env.client("s3"), DEV_SITE)
    host = f"{DEV_SITE}.s3-website.localhost:{sandbox_server_env.port}"
    return sandbox_server_env, host


def test_website_serves_index_and_stored_headers(dev_site, http_get):
    server, host = dev_site
    status, headers, body = http_get(server.port, host, "/")
    assert (status, body) == (200, b"<h1>home</h1>")
    assert headers["content-type"] == "text/html"
    assert headers["cache-control"] == "no-cache"

    status, headers, body = http_get(server.port, host, "/assets/app.3f2a.js")
    assert (status, body) == (200, b"console.log(1)")
    assert headers["content-type"] == "text/javascript"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"

    status, _, _ = http_get(server.port, host, "/assets/app.3f2a.js", {"If-None-Match": headers["etag"]})
    assert status == 304


def test_website_folders_and_missing_keys(dev_site, http_get):
    server, host = dev_site
    assert http_get(server.port, host, "/docs/")[2] == b"<h1>docs</h1>"
    status, headers, _ = http_get(server.port, host, "/docs")
    assert (status, headers["location"]) == (302, "/docs/")
    status, headers, body = http_get(server.port, host, "/no/such/page")
    assert (status, body, headers["content-type"]) == (404, b"<h1>not here</h1>", "text/html")
    status, headers, _ = http_get(server.port, host, "/old/index.html")
    assert (status, headers["location"]) == (301, "/docs/index.html")


def test_website_path_form_keeps_its_prefix(dev_site, http_get):
    server, _ = dev_site
    host = f"127.0.0.1:{server.port}"
    assert http_get(server.port, host, f"/_site/{DEV_SITE}/")[2] == b"<h1>home</h1>"
    status, headers, _ = http_get(server.port, host, f"/_site/{DEV_SITE}/docs")
    assert (status, headers["location"]) == (302, f"/_site/{DEV_SITE}/docs/")


def test_website_real_aws_host_name_is_recognised(dev_site, http_get):
    server, _ = dev_site
    status, _, body = http_get(server.port, f"{DEV_SITE}.s3-website-us-east-1.amazonaws.com", "/")
    assert (status, body) == (200, b"<h1>home</h1>")


@pytest.mark.parametrize(
    "policy, block",
    [
        (None, None),  # no policy: objects are private
        (PUBLIC_READ, {"RestrictPublicBuckets": True}),  # the public access block voids the policy
    ],
)
def test_website_refuses_objects_that_are_not_public(sandbox_server_env, http_get, policy, block):
    s3 = sandbox_server_env.client("s3")
    s3.create_bucket(Bucket=DEV_SITE)
    s3.put_bucket_website(Bucket=DEV_SITE, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
    if policy:
        s3.put_bucket_policy(Bucket=DEV_SITE, Policy=json.dumps(policy))
    if block:
        s3.put_public_access_block(Bucket=DEV_SITE, PublicAccessBlockConfiguration=block)
    upload(s3, DEV_SITE)
    status, _, body = http_get(sandbox_server_env.port, f"{DEV_SITE}.s3-website.localhost", "/")
    assert status == 403 and b"AccessDenied" in body


def test_website_redirect_all_and_unknown_sites(sandbox_server_env, http_get):
    s3 = sandbox_server_env.client("s3")
    s3.create_bucket(Bucket="www-redirect")
    s3.put_bucket_website(
        Bucket="www-redirect",
        WebsiteConfiguration={"RedirectAllRequestsTo": {"HostName": "example.com", "Protocol": "https"}},
    )
    s3.create_bucket(Bucket="not-a-website")
    port = sandbox_server_env.port

    status, headers, _ = http_get(port, "www-redirect.s3-website.localhost", "/a/b")
    assert (status, headers["location"]) == (301, "https://example.com/a/b")
    status, _, body = http_get(port, "not-a-website.s3-website.localhost", "/")
    assert status == 404 and b"NoSuchWebsiteConfiguration" in body
    status, _, body = http_get(port, "no-bucket.s3-website.localhost", "/")
    assert status == 404 and b"NoSuchBucket" in body


@pytest.fixture
def prod_site(sandbox_server_env, hosting_template, stack_params):
    """A PROD-hosting distribution (private bucket + OAC), made through CloudFormation."""
    cfn = sandbox_server_env.client("cloudformation")
    cfn.create_stack(StackName="prod", TemplateBody=hosting_template(), Parameters=stack_params(bucketName="prod-site"))
    upload(sandbox_server_env.client("s3"), "prod-site")
    outputs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName="prod")["Stacks"][0]["Outputs"]}
    distribution_id = outputs["DistributionId"]
    return sandbox_server_env, distribution_id, f"{distribution_id.lower()}.cloudfront.localhost:{sandbox_server_env.port}"


def test_distribution_serves_root_object_assets_and_spa_fallback(prod_site, http_get):
    server, _, host = prod_site
    status, headers, body = http_get(server.port, host, "/")
    assert (status, body, headers["content-type"]) == (200, b"<h1>home</h1>", "text/html")
    status, headers, body = http_get(server.port, host, "/assets/app.3f2a.js")
    assert (status, body, headers["content-type"]) == (200, b"console.log(1)", "text/javascript")
    # The template's 404 → /index.html (200) rule: a client-side route deep link.
    status, headers, body = http_get(server.port, host, "/deep/link")
    assert (status, body, headers["content-type"]) == (200, b"<h1>home</h1>", "text/html")


def test_distribution_path_form_and_domain_name(prod_site, http_get):
    server, distribution_id, _ = prod_site
    status, _, body = http_get(server.port, f"127.0.0.1:{server.port}", f"/_cdn/{distribution_id}/deep/link")
    assert (status, body) == (200, b"<h1>home</h1>")
    domain = server.client("cloudfront").get_distribution(Id=distribution_id)["Distribution"]["DomainName"]
    assert http_get(server.port, domain, "/")[2] == b"<h1>home</h1>"


def _distribution(cloudfront, origins, error_responses, cache_behaviors=()):
    config = {
        "CallerReference": "preview-test",
        "Comment": "",
        "Enabled": True,
        "Origins": {"Quantity": len(origins), "Items": origins},
        "DefaultCacheBehavior": {"TargetOriginId": origins[0]["Id"], "ViewerProtocolPolicy": "allow-all"},
        "CustomErrorResponses": {"Quantity": len(error_responses), "Items": error_responses},
        "CacheBehaviors": {"Quantity": len(cache_behaviors), "Items": list(cache_behaviors)},
    }
    return cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]


def test_distribution_error_rules_origin_paths_and_behaviors(sandbox_server_env, http_get):
    s3, cloudfront = sandbox_server_env.client("s3"), sandbox_server_env.client("cloudfront")
    s3.create_bucket(Bucket="app-bucket")
    s3.put_object(Bucket="app-bucket", Key="v2/index.html", Body=b"v2 home", ContentType="text/html")
    s3.put_object(Bucket="app-bucket", Key="v2/fallback.html", Body=b"fallback", ContentType="text/html")
    s3.create_bucket(Bucket="media-site")
    s3.put_bucket_website(Bucket="media-site", WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
    s3.put_bucket_policy(Bucket="media-site", Policy=json.dumps({"Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media-site/*"}]}))
    s3.put_object(Bucket="media-site", Key="media/cat.png", Body=b"png", ContentType="image/png")
    distribution_id = _distribution(
        cloudfront,
        origins=[
            {"Id": "app", "DomainName": "app-bucket.s3.amazonaws.com", "OriginPath": "/v2",
             "S3OriginConfig": {"OriginAccessIdentity": ""}},
            {"Id": "media", "DomainName": "media-site.s3-website-us-east-1.amazonaws.com",
             "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only"}},
        ],
        # Only a 403 rule, as templates written for private buckets have: it answers missing keys.
        error_responses=[{"ErrorCode": 403, "ResponsePagePath": "/fallback.html", "ResponseCode": "200"}],
        cache_behaviors=[{"PathPattern": "/media/*", "TargetOriginId": "media", "ViewerProtocolPolicy": "allow-all"}],
    )
    host = f"{distribution_id.lower()}.cloudfront.localhost"
    port = sandbox_server_env.port

    assert http_get(port, host, "/index.html")[2] == b"v2 home"  # origin path /v2
    status, headers, body = http_get(port, host, "/media/cat.png")  # behaviour → website origin
    assert (status, body, headers["content-type"]) == (200, b"png", "image/png")
    assert http_get(port, host, "/missing")[:3:2] == (200, b"fallback")
    assert http_get(port, host, "/")[:3:2] == (200, b"fallback")  # no default root object


def test_distribution_without_error_rules_returns_the_origin_error(sandbox_server_env, http_get):
    s3, cloudfront = sandbox_server_env.client("s3"), sandbox_server_env.client("cloudfront")
    s3.create_bucket(Bucket="plain-bucket")
    distribution_id = _distribution(
        cloudfront,
        origins=[{"Id": "o", "DomainName": "plain-bucket.s3.us-east-1.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}],
        error_responses=[],
    )
    status, _, body = http_get(sandbox_server_env.port, f"{distribution_id}.cloudfront.localhost", "/nope")
    assert status == 404 and b"NoSuchKey" in body


def test_status_endpoint_lists_sites_with_preview_urls(dev_site, prod_site):
    server, distribution_id, _ = prod_site
    with urllib.request.urlopen(server.endpoint_url + "/_sandbox/status", timeout=10) as response:
        info = json.loads(response.read())
    sites = {(s["kind"], s["name"]): s for s in info["sites"]}
    assert sites[("s3-website", DEV_SITE)]["url"] == server.site_url("s3-website", DEV_SITE)
    assert sites[("cloudfront", distribution_id)]["url"] == server.site_url("cloudfront", distribution_id)
    assert ("s3-website", "prod-site") in sites  # the PROD bucket has a website configuration too
    assert info["pid"] == server.process.pid and info["host"] == "127.0.0.1"
