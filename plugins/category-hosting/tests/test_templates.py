"""The DEV and PROD templates: valid CloudFormation, the right resources, settings round-trip."""

from __future__ import annotations

import json

import pytest
from amplify_category_hosting.settings import CloudFrontSettings, ErrorResponse, HostingSettings
from amplify_category_hosting.templates import apply_settings, build_template, read_settings


@pytest.mark.parametrize("stage", ["DEV", "PROD"])
def test_templates_pass_cfn_lint_with_no_errors(stage):
    from cfnlint.api import ManualArgs, lint

    template = build_template(HostingSettings.for_stage(stage))
    matches = lint(json.dumps(template), config=ManualArgs(regions=["us-east-1", "eu-central-1"]))
    problems = [f"{m.rule.id} {m.message}" for m in matches if m.rule.severity in ("error", "warning")]
    assert problems == []


def test_prod_is_a_private_bucket_behind_cloudfront_with_spa_errors():
    template = build_template(HostingSettings.for_stage("PROD"))
    resources = template["Resources"]
    assert {r["Type"] for r in resources.values()} == {
        "AWS::S3::Bucket",
        "AWS::S3::BucketPolicy",
        "AWS::CloudFront::Distribution",
        "AWS::CloudFront::OriginAccessControl",
    }
    bucket = resources["S3Bucket"]
    assert bucket["DeletionPolicy"] == "Retain"
    assert "WebsiteConfiguration" not in bucket["Properties"]
    assert all(bucket["Properties"]["PublicAccessBlockConfiguration"].values())
    config = resources["CloudFrontDistribution"]["Properties"]["DistributionConfig"]
    origin = config["Origins"][0]
    assert origin["DomainName"] == {"Fn::GetAtt": ["S3Bucket", "RegionalDomainName"]}
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["OriginAccessControl", "Id"]}
    behavior = config["DefaultCacheBehavior"]
    assert behavior["ViewerProtocolPolicy"] == "redirect-to-https" and behavior["Compress"] is True
    assert (behavior["MinTTL"], behavior["DefaultTTL"], behavior["MaxTTL"]) == (0, 86400, 31536000)
    assert [
        (r["ErrorCode"], r["ResponseCode"], r["ResponsePagePath"]) for r in config["CustomErrorResponses"]
    ] == [(403, 200, "/index.html"), (404, 200, "/index.html")]
    policy = next(r for r in resources.values() if r["Type"] == "AWS::S3::BucketPolicy")
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    assert [(s["Effect"], s.get("Condition", {}).get("Bool")) for s in statements][1] == (
        "Deny",
        {"aws:SecureTransport": "false"},
    )
    assert {
        "Region",
        "HostingBucketName",
        "WebsiteURL",
        "CloudFrontDistributionID",
        "CloudFrontDomainName",
        "CloudFrontSecureURL",
    } <= set(template["Outputs"])


def test_dev_is_a_public_website_bucket():
    template = build_template(HostingSettings.for_stage("DEV", "index.html", "404.html"))
    resources = template["Resources"]
    assert set(resources) == {"S3Bucket", "BucketPolicy"}
    props = resources["S3Bucket"]["Properties"]
    assert props["WebsiteConfiguration"] == {"IndexDocument": "index.html", "ErrorDocument": "404.html"}
    statement = resources["BucketPolicy"]["Properties"]["PolicyDocument"]["Statement"][0]
    assert (statement["Principal"], statement["Action"]) == ("*", "s3:GetObject")
    assert set(template["Outputs"]) == {"Region", "HostingBucketName", "WebsiteURL", "S3BucketSecureURL"}


@pytest.mark.parametrize(
    "settings",
    [
        HostingSettings.for_stage("DEV", "home.html", "oops.html"),
        HostingSettings.for_stage("PROD"),
        HostingSettings.for_stage("PROD", "index.html", "404.html"),
        HostingSettings(
            "main.html",
            "main.html",
            CloudFrontSettings("main.html", 5, 60, 600, (ErrorResponse(500, None, None, 0),)),
        ),
    ],
)
def test_settings_read_back_from_the_template(settings):
    assert read_settings(build_template(settings)) == settings


def test_configure_keeps_hand_edits_and_switching_stage_keeps_foreign_resources():
    template = build_template(HostingSettings.for_stage("PROD"))
    config = template["Resources"]["CloudFrontDistribution"]["Properties"]["DistributionConfig"]
    config["Aliases"] = ["www.example.com"]
    template["Resources"]["Extra"] = {"Type": "AWS::SNS::Topic"}
    settings = read_settings(template)
    changed = apply_settings(
        template, HostingSettings(cloudfront=CloudFrontSettings(min_ttl=1, default_ttl=2, max_ttl=3))
    )
    new_config = changed["Resources"]["CloudFrontDistribution"]["Properties"]["DistributionConfig"]
    assert new_config["Aliases"] == ["www.example.com"]
    assert new_config["DefaultCacheBehavior"]["MaxTTL"] == 3
    assert read_settings(template) == settings, "the argument is not modified"
    dev = apply_settings(changed, settings.with_cloudfront(False))
    assert "CloudFrontDistribution" not in dev["Resources"] and "Extra" in dev["Resources"]
    assert read_settings(dev).stage == "DEV"


@pytest.mark.parametrize("deployed_id", ["BucketPolicy", "PublicReadBucketPolicy", "PrivateBucketPolicy"])
def test_switching_stage_keeps_the_bucket_policy_logical_id(deployed_id):
    """Under a new id CloudFormation would put the new policy and then, cleaning up the old
    resource, delete the bucket's policy (the DEV site answered 403 after PROD → DEV)."""
    dev = build_template(HostingSettings.for_stage("DEV"))
    dev["Resources"][deployed_id] = dev["Resources"].pop("BucketPolicy")
    prod = apply_settings(dev, HostingSettings.for_stage("DEV").with_cloudfront(True))
    back = apply_settings(prod, read_settings(prod).with_cloudfront(False))
    for template, principal in ((prod, {"Service": "cloudfront.amazonaws.com"}), (back, "*")):
        policies = [k for k, v in template["Resources"].items() if v["Type"] == "AWS::S3::BucketPolicy"]
        assert policies == [deployed_id]
        statement = template["Resources"][deployed_id]["Properties"]["PolicyDocument"]["Statement"][0]
        assert statement["Principal"] == principal
