"""The site preview over real HTTP, against a sandbox server (server mode)."""

from __future__ import annotations

import copy
import json
import urllib.error
import urllib.request

import pytest
from amplify_sandbox.testing import fetch_preview

DEV_SITE = "dev-site"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{DEV_SITE}/*",
        }
    ],
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
                        {
                            "RoutingRuleCondition": {"KeyPrefixEquals": "old/"},
                            "RedirectRule": {"ReplaceKeyPrefixWith": "docs/"},
                        }
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
        "BucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {"Bucket": {"Ref": "S3Bucket"}, "PolicyDocument": PUBLIC_READ},
        },
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
    """A DEV-hosting website bucket (public-read policy), made through CloudFormation.

    Returns the server and the site's preview URL (ending in ``/``).
    """
    sandbox_server_env.client("cloudformation").create_stack(
        StackName="dev", TemplateBody=json.dumps(DEV_TEMPLATE)
    )
    upload(sandbox_server_env.client("s3"), DEV_SITE)
    return sandbox_server_env, sandbox_server_env.site_url("s3-website", DEV_SITE)


def test_website_serves_index_and_stored_headers(dev_site):
    _, site = dev_site
    page = fetch_preview(site)
    assert (page.status, page.body) == (200, b"<h1>home</h1>")
    assert page.headers["content-type"] == "text/html"
    assert page.headers["cache-control"] == "no-cache"

    asset = fetch_preview(site + "assets/app.3f2a.js")
    assert (asset.status, asset.body) == (200, b"console.log(1)")
    assert asset.headers["content-type"] == "text/javascript"
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"

    assert fetch_preview(site + "assets/app.3f2a.js", {"If-None-Match": asset.headers["etag"]}).status == 304


def test_website_folders_and_missing_keys(dev_site):
    _, site = dev_site
    assert fetch_preview(site + "docs/").body == b"<h1>docs</h1>"
    folder = fetch_preview(site + "docs")
    assert (folder.status, folder.headers["location"]) == (302, "/docs/")
    # S3 website endpoint: the error document, with 403 for a missing key when browsers may not
    # s3:ListBucket (PUBLIC_READ grants s3:GetObject only), 404 when they may.
    missing = fetch_preview(site + "no/such/page")
    assert (missing.status, missing.body, missing.headers["content-type"]) == (
        403,
        b"<h1>not here</h1>",
        "text/html",
    )
    server, _ = dev_site
    listable = copy.deepcopy(PUBLIC_READ)
    listable["Statement"].append(
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:ListBucket",
            "Resource": f"arn:aws:s3:::{DEV_SITE}",
        }
    )
    server.client("s3").put_bucket_policy(Bucket=DEV_SITE, Policy=json.dumps(listable))
    missing = fetch_preview(site + "no/such/page")
    assert (missing.status, missing.body) == (404, b"<h1>not here</h1>")
    moved = fetch_preview(site + "old/index.html")
    assert (moved.status, moved.headers["location"]) == (301, "/docs/index.html")


def test_website_path_form_keeps_its_prefix(dev_site):
    server, _ = dev_site
    site = f"{server.endpoint_url}/_site/{DEV_SITE}/"
    assert fetch_preview(site).body == b"<h1>home</h1>"
    folder = fetch_preview(site + "docs")
    assert (folder.status, folder.headers["location"]) == (302, f"/_site/{DEV_SITE}/docs/")


def test_website_real_aws_host_name_is_recognised(dev_site):
    server, _ = dev_site
    page = fetch_preview(f"http://{DEV_SITE}.s3-website-us-east-1.amazonaws.com:{server.port}/")
    assert (page.status, page.body) == (200, b"<h1>home</h1>")


@pytest.mark.parametrize(
    "policy, block",
    [
        (None, None),  # no policy: objects are private
        (PUBLIC_READ, {"RestrictPublicBuckets": True}),  # the public access block voids the policy
    ],
)
def test_website_refuses_objects_that_are_not_public(sandbox_server_env, policy, block):
    s3 = sandbox_server_env.client("s3")
    s3.create_bucket(Bucket=DEV_SITE)
    s3.put_bucket_website(Bucket=DEV_SITE, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
    if policy:
        s3.put_bucket_policy(Bucket=DEV_SITE, Policy=json.dumps(policy))
    if block:
        s3.put_public_access_block(Bucket=DEV_SITE, PublicAccessBlockConfiguration=block)
    upload(s3, DEV_SITE)
    page = fetch_preview(sandbox_server_env.site_url("s3-website", DEV_SITE))
    assert page.status == 403 and b"AccessDenied" in page.body


def test_website_redirect_all_and_unknown_sites(sandbox_server_env):
    s3 = sandbox_server_env.client("s3")
    s3.create_bucket(Bucket="www-redirect")
    s3.put_bucket_website(
        Bucket="www-redirect",
        WebsiteConfiguration={"RedirectAllRequestsTo": {"HostName": "example.com", "Protocol": "https"}},
    )
    s3.create_bucket(Bucket="not-a-website")
    site = lambda bucket: sandbox_server_env.site_url("s3-website", bucket)  # noqa: E731

    redirected = fetch_preview(site("www-redirect") + "a/b")
    assert (redirected.status, redirected.headers["location"]) == (301, "https://example.com/a/b")
    no_website = fetch_preview(site("not-a-website"))
    assert no_website.status == 404 and b"NoSuchWebsiteConfiguration" in no_website.body
    no_bucket = fetch_preview(site("no-bucket"))
    assert no_bucket.status == 404 and b"NoSuchBucket" in no_bucket.body


def _spa_rules(template: dict) -> None:
    """403 and 404 → /index.html, as our PROD template has: an origin that may only
    s3:GetObject answers a missing key with 403."""
    rules = template["Resources"]["CloudFrontDistribution"]["Properties"]["DistributionConfig"][
        "CustomErrorResponses"
    ]
    rules.insert(0, {**rules[0], "ErrorCode": 403})


@pytest.fixture
def prod_site(sandbox_server_env, hosting_template, stack_params):
    """A PROD-hosting distribution (private bucket + OAC), made through CloudFormation.

    Returns the server, the distribution id and its preview URL (ending in ``/``).
    """
    cfn = sandbox_server_env.client("cloudformation")
    cfn.create_stack(
        StackName="prod",
        TemplateBody=hosting_template(_spa_rules),
        Parameters=stack_params(bucketName="prod-site"),
    )
    upload(sandbox_server_env.client("s3"), "prod-site")
    outputs = {
        o["OutputKey"]: o["OutputValue"]
        for o in cfn.describe_stacks(StackName="prod")["Stacks"][0]["Outputs"]
    }
    distribution_id = outputs["DistributionId"]
    return sandbox_server_env, distribution_id, sandbox_server_env.site_url("cloudfront", distribution_id)


def test_distribution_serves_root_object_assets_and_spa_fallback(prod_site):
    _, _, site = prod_site
    root = fetch_preview(site)
    assert (root.status, root.body, root.headers["content-type"]) == (200, b"<h1>home</h1>", "text/html")
    asset = fetch_preview(site + "assets/app.3f2a.js")
    assert (asset.status, asset.body, asset.headers["content-type"]) == (
        200,
        b"console.log(1)",
        "text/javascript",
    )
    # The template's 403 → /index.html (200) rule: a client-side route deep link (the origin
    # says 403 for the missing key: the distribution may not list the bucket).
    deep = fetch_preview(site + "deep/link")
    assert (deep.status, deep.body, deep.headers["content-type"]) == (200, b"<h1>home</h1>", "text/html")


def test_distribution_path_form_and_domain_name(prod_site):
    server, distribution_id, _ = prod_site
    deep = fetch_preview(f"{server.endpoint_url}/_cdn/{distribution_id}/deep/link")
    assert (deep.status, deep.body) == (200, b"<h1>home</h1>")
    domain = server.client("cloudfront").get_distribution(Id=distribution_id)["Distribution"]["DomainName"]
    assert fetch_preview(f"http://{domain}:{server.port}/").body == b"<h1>home</h1>"


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


def test_distribution_error_rules_origin_paths_and_behaviors(sandbox_server_env):
    s3, cloudfront = sandbox_server_env.client("s3"), sandbox_server_env.client("cloudfront")
    s3.create_bucket(Bucket="app-bucket")
    # No OAC or OAI: CloudFront reads the origin anonymously, so the bucket must be public.
    s3.put_bucket_policy(
        Bucket="app-bucket",
        Policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::app-bucket/*",
                    }
                ]
            }
        ),
    )
    s3.put_object(Bucket="app-bucket", Key="v2/index.html", Body=b"v2 home", ContentType="text/html")
    s3.put_object(Bucket="app-bucket", Key="v2/fallback.html", Body=b"fallback", ContentType="text/html")
    s3.create_bucket(Bucket="media-site")
    s3.put_bucket_website(
        Bucket="media-site", WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}}
    )
    s3.put_bucket_policy(
        Bucket="media-site",
        Policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::media-site/*",
                    }
                ]
            }
        ),
    )
    s3.put_object(Bucket="media-site", Key="media/cat.png", Body=b"png", ContentType="image/png")
    distribution_id = _distribution(
        cloudfront,
        origins=[
            {
                "Id": "app",
                "DomainName": "app-bucket.s3.amazonaws.com",
                "OriginPath": "/v2",
                "S3OriginConfig": {"OriginAccessIdentity": ""},
            },
            {
                "Id": "media",
                "DomainName": "media-site.s3-website-us-east-1.amazonaws.com",
                "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only"},
            },
        ],
        # Only a 403 rule, as templates written for private buckets have: it answers missing keys.
        error_responses=[{"ErrorCode": 403, "ResponsePagePath": "/fallback.html", "ResponseCode": "200"}],
        cache_behaviors=[
            {"PathPattern": "/media/*", "TargetOriginId": "media", "ViewerProtocolPolicy": "allow-all"}
        ],
    )
    site = sandbox_server_env.site_url("cloudfront", distribution_id)

    assert fetch_preview(site + "index.html").body == b"v2 home"  # origin path /v2
    media = fetch_preview(site + "media/cat.png")  # behaviour → website origin
    assert (media.status, media.body, media.headers["content-type"]) == (200, b"png", "image/png")
    for path in ("missing", ""):  # "" : no default root object
        page = fetch_preview(site + path)
        assert (page.status, page.body) == (200, b"fallback")


def test_distribution_without_error_rules_returns_the_origin_error(sandbox_server_env):
    s3, cloudfront = sandbox_server_env.client("s3"), sandbox_server_env.client("cloudfront")
    s3.create_bucket(Bucket="plain-bucket")
    s3.put_bucket_policy(
        Bucket="plain-bucket",
        Policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::plain-bucket/*",
                    }
                ]
            }
        ),
    )
    distribution_id = _distribution(
        cloudfront,
        origins=[
            {
                "Id": "o",
                "DomainName": "plain-bucket.s3.us-east-1.amazonaws.com",
                "S3OriginConfig": {"OriginAccessIdentity": ""},
            }
        ],
        error_responses=[],
    )
    site = sandbox_server_env.site_url("cloudfront", distribution_id)
    page = fetch_preview(site + "nope")
    assert page.status == 403 and b"AccessDenied" in page.body  # GetObject only: S3 says 403
    s3.put_bucket_policy(
        Bucket="plain-bucket",
        Policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::plain-bucket/*",
                    },
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:ListBucket",
                        "Resource": "arn:aws:s3:::plain-bucket",
                    },
                ]
            }
        ),
    )
    page = fetch_preview(site + "nope2")  # (another path: the edge keeps the first error 10 s)
    assert page.status == 404 and b"NoSuchKey" in page.body


def test_status_endpoint_lists_sites_with_preview_urls(dev_site, prod_site):
    server, distribution_id, _ = prod_site
    with urllib.request.urlopen(server.endpoint_url + "/_sandbox/status", timeout=10) as response:
        info = json.loads(response.read())
    sites = {(s["kind"], s["name"]): s for s in info["sites"]}
    assert sites[("s3-website", DEV_SITE)]["url"] == server.site_url("s3-website", DEV_SITE)
    assert sites[("cloudfront", distribution_id)]["url"] == server.site_url("cloudfront", distribution_id)
    assert (
        sites[("cloudfront", distribution_id)]["path_url"] == f"{server.endpoint_url}/_cdn/{distribution_id}/"
    )
    assert info["pid"] == server.process.pid and info["host"] == "127.0.0.1"


@pytest.fixture
def gen1_prod_site(sandbox_server_env, gen1_oai_template, stack_params):
    """A Gen 1 PROD-hosting stack: private bucket read through an origin access identity."""
    cfn = sandbox_server_env.client("cloudformation")
    cfn.create_stack(
        StackName="gen1",
        TemplateBody=gen1_oai_template,
        Parameters=stack_params(env="prod", bucketName="gen1-site"),
    )
    upload(sandbox_server_env.client("s3"), "gen1-site-prod")
    stack = cfn.describe_stacks(StackName="gen1")["Stacks"][0]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}
    return sandbox_server_env, stack, outputs


def test_gen1_origin_access_identity_template_deploys_and_serves(gen1_prod_site):
    server, stack, outputs = gen1_prod_site
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    oai = outputs["CloudFrontOriginAccessIdentity"]
    assert oai.startswith("E") and len(oai) == 14 and oai.isalnum()
    config = server.client("cloudfront").get_distribution_config(Id=outputs["CloudFrontDistributionID"])
    [origin] = config["DistributionConfig"]["Origins"]["Items"]
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": f"origin-access-identity/cloudfront/{oai}"}
    policy = json.loads(server.client("s3").get_bucket_policy(Bucket="gen1-site-prod")["Policy"])
    canonical = policy["Statement"][0]["Principal"]["CanonicalUser"]
    assert len(canonical) == 96 and int(canonical, 16) >= 0

    site = server.site_url("cloudfront", outputs["CloudFrontDistributionID"])
    root = fetch_preview(site)
    assert (root.status, root.body) == (200, b"<h1>home</h1>")
    asset = fetch_preview(site + "assets/app.3f2a.js")
    assert (asset.status, asset.body) == (200, b"console.log(1)")


def test_private_bucket_without_access_for_the_distribution_is_403(sandbox_server_env):
    s3, cloudfront = sandbox_server_env.client("s3"), sandbox_server_env.client("cloudfront")
    s3.create_bucket(Bucket="private-origin")
    s3.put_object(Bucket="private-origin", Key="index.html", Body=b"secret", ContentType="text/html")
    distribution_id = _distribution(
        cloudfront,
        origins=[
            {
                "Id": "o",
                "DomainName": "private-origin.s3.us-east-1.amazonaws.com",
                "S3OriginConfig": {"OriginAccessIdentity": ""},
            }
        ],
        error_responses=[{"ErrorCode": 403, "ResponsePagePath": "/index.html", "ResponseCode": "200"}],
    )
    page = fetch_preview(sandbox_server_env.site_url("cloudfront", distribution_id) + "index.html")
    assert page.status == 403 and b"AccessDenied" in page.body and b"secret" not in page.body


def test_prod_bucket_is_private_but_its_distribution_reads_it(prod_site):
    """The OAC policy names one distribution: anonymous S3 reads and listing are refused,
    that distribution serves the site, another distribution with an OAC gets 403."""
    server, distribution_id, site = prod_site
    for url in (f"{server.endpoint_url}/prod-site/index.html", f"{server.endpoint_url}/prod-site"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=10)
        assert refused.value.code == 403 and b"AccessDenied" in refused.value.read()
    assert fetch_preview(site).status == 200

    cloudfront = server.client("cloudfront")
    control = cloudfront.create_origin_access_control(
        OriginAccessControlConfig={
            "Name": "other",
            "SigningProtocol": "sigv4",
            "SigningBehavior": "always",
            "OriginAccessControlOriginType": "s3",
        }
    )["OriginAccessControl"]["Id"]
    other = _distribution(
        cloudfront,
        origins=[
            {
                "Id": "o",
                "DomainName": "prod-site.s3.us-east-1.amazonaws.com",
                "S3OriginConfig": {"OriginAccessIdentity": ""},
                "OriginAccessControlId": control,
            }
        ],
        error_responses=[],
    )
    assert fetch_preview(server.site_url("cloudfront", other) + "index.html").status == 403


def test_admin_api_refuses_web_pages_and_requests_without_its_header(sandbox_server_env):
    server = sandbox_server_env
    server.client("s3").create_bucket(Bucket="survivor")
    for headers in ({}, {"Origin": "https://evil.example", "X-Amplify-Sandbox-Admin": "1"}):
        request = urllib.request.Request(
            f"{server.endpoint_url}/moto-api/reset", method="POST", headers=headers
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
    preflight = urllib.request.Request(
        f"{server.endpoint_url}/moto-api/reset",
        method="OPTIONS",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(preflight, timeout=10)
    assert [b["Name"] for b in server.client("s3").list_buckets()["Buckets"]] == ["survivor"]
    server.reset()  # the owner's tools send the header
    assert server.client("s3").list_buckets()["Buckets"] == []


def test_the_edge_keeps_an_object_until_an_invalidation_covers_it(prod_site):
    """CloudFront: an object cached for its max-age (within MinTTL..MaxTTL) is served from the
    edge, stale, after the bucket changes — until an invalidation of its path completes. A
    ``no-cache`` object (MinTTL 0) is fetched from the origin every time."""
    server, distribution_id, site = prod_site
    s3, cloudfront = server.client("s3"), server.client("cloudfront")
    first = fetch_preview(site + "assets/app.3f2a.js")
    assert (first.body, first.headers["x-cache"]) == (b"console.log(1)", "Miss from cloudfront")
    s3.put_object(
        Bucket="prod-site",
        Key="assets/app.3f2a.js",
        Body=b"console.log(2)",
        ContentType="text/javascript",
        CacheControl="public, max-age=31536000, immutable",
    )
    s3.put_object(
        Bucket="prod-site",
        Key="index.html",
        Body=b"<h1>new home</h1>",
        ContentType="text/html",
        CacheControl="no-cache",
    )
    stale = fetch_preview(site + "assets/app.3f2a.js")
    assert (stale.body, stale.headers["x-cache"]) == (b"console.log(1)", "Hit from cloudfront")
    assert int(stale.headers["age"]) >= 0
    assert fetch_preview(site).body == b"<h1>new home</h1>"  # no-cache: never kept

    cloudfront.create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/assets/*"]}, "CallerReference": "t1"},
    )
    fresh = fetch_preview(site + "assets/app.3f2a.js")
    assert (fresh.body, fresh.headers["x-cache"]) == (b"console.log(2)", "Miss from cloudfront")


def test_cached_objects_expire_by_ttl_and_errors_after_ten_seconds(monkeypatch):
    """The TTL rules themselves, with a clock the test moves (no waiting)."""
    from types import SimpleNamespace

    from amplify_sandbox.preview import edge_cache
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request, Response

    now = [1000.0]
    monkeypatch.setattr(edge_cache, "clock", lambda: now[0])
    edge_cache.clear()
    behavior = SimpleNamespace(min_ttl=60, default_ttl=3600, max_ttl=86400, cache_policy_id="")
    assert edge_cache.ttl(behavior, None) == 3600
    assert edge_cache.ttl(behavior, "max-age=5") == 60  # raised to MinTTL
    assert edge_cache.ttl(behavior, "public, max-age=999999") == 86400  # lowered to MaxTTL
    assert edge_cache.ttl(behavior, "max-age=100, s-maxage=200") == 200  # s-maxage wins
    assert edge_cache.ttl(behavior, "no-store") == 60

    answers = iter([Response(b"v1"), Response(b"v2"), Response(b"gone", status=404), Response(b"v3")])
    distribution = SimpleNamespace(distribution_id="ETEST")  # no invalidations in any backend

    def get(path: str) -> Response:
        request = Request(EnvironBuilder(path=path).get_environ())
        return edge_cache.serve(
            distribution, path, request, behavior, lambda status: None, lambda _: next(answers)
        )

    assert get("/a").get_data() == b"v1"
    now[0] += 3599
    assert get("/a").get_data() == b"v1"  # still fresh
    now[0] += 2
    assert get("/a").get_data() == b"v2"  # DefaultTTL ran out: fetched again
    assert get("/missing").status_code == 404
    now[0] += 9
    assert get("/missing").status_code == 404  # the error is kept 10 s
    now[0] += 2
    assert get("/missing").get_data() == b"v3"
    edge_cache.clear()
