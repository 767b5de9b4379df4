"""The CloudFormation templates of the two stages, and reading/writing settings in them.

Everything here is pure: dictionaries in, dictionaries out.

* ``DEV``: an S3 bucket with static website hosting, readable by anyone through a bucket
  policy (ACLs stay disabled: ``BucketOwnerEnforced``, the S3 default since April 2023).
* ``PROD``: a private bucket (every public access blocked) behind a CloudFront distribution
  that reads it through an origin access control, redirects HTTP to HTTPS, compresses, and
  answers 403/404 with ``/index.html`` so single-page-app deep links work. The origin is the
  bucket's *regional* domain name (the global one gives 307 redirects for up to a day in new
  regions).

Both keep the bucket on stack deletion (``Retain``); ``hosting remove`` deletes it after the
push that removes the stack.
"""

from __future__ import annotations

import copy
from typing import Any

from .settings import (
    DEFAULT_ERROR_CACHING_MIN_TTL,
    DEFAULT_INDEX,
    CloudFrontSettings,
    ErrorResponse,
    HostingSettings,
)
from .validation import parse_int

BUCKET = "S3Bucket"
DISTRIBUTION = "CloudFrontDistribution"
ORIGIN_ACCESS_CONTROL = "OriginAccessControl"
#: One logical id for the bucket policy of both stages, so a stage switch *updates* it. Under
#: two ids CloudFormation puts the new policy, then deletes the old resource in its cleanup
#: phase — and deleting an ``AWS::S3::BucketPolicy`` deletes the bucket's (new) policy.
BUCKET_POLICY = "BucketPolicy"
#: Ids earlier templates (ours and Gen 1's) gave the policy; a switch keeps the one it finds.
POLICY_IDS = (BUCKET_POLICY, "PublicReadBucketPolicy", "PrivateBucketPolicy")
ORIGIN_ID = "hostingS3Bucket"

#: Logical ids this module owns; anything else in a template is the user's and is kept.
OWN_RESOURCES = (BUCKET, DISTRIBUTION, ORIGIN_ACCESS_CONTROL, *POLICY_IDS, "OriginAccessIdentity")
OWN_OUTPUTS = (
    "Region",
    "HostingBucketName",
    "WebsiteURL",
    "S3BucketSecureURL",
    "CloudFrontDistributionID",
    "CloudFrontDomainName",
    "CloudFrontSecureURL",
    "CloudFrontOriginAccessIdentity",
)

DESCRIPTION = "Hosting resource stack created by amplify (S3AndCloudFront, stage {stage})"


def build_template(settings: HostingSettings) -> dict[str, Any]:
    """A complete template for ``settings.stage`` carrying ``settings``."""
    resources: dict[str, Any] = {BUCKET: _bucket(settings)}
    if settings.cloudfront is not None:
        resources[ORIGIN_ACCESS_CONTROL] = _origin_access_control()
        resources[BUCKET_POLICY] = _private_policy()
        resources[DISTRIBUTION] = _distribution(settings.cloudfront)
    else:
        resources[BUCKET_POLICY] = _public_policy()
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": DESCRIPTION.format(stage=settings.stage),
        "Parameters": {
            "env": {
                "Type": "String",
                "Default": "NONE",
                "Description": "The amplify environment; NONE keeps the bucket name as given.",
            },
            "bucketName": {"Type": "String", "Description": "The hosting bucket's name (without -<env>)."},
        },
        "Conditions": {"ShouldNotCreateEnvResources": {"Fn::Equals": [{"Ref": "env"}, "NONE"]}},
        "Resources": resources,
        "Outputs": _outputs(settings.cloudfront is not None),
    }


# --- resources -------------------------------------------------------------------------------


def _bucket(settings: HostingSettings) -> dict[str, Any]:
    prod = settings.cloudfront is not None
    properties: dict[str, Any] = {
        "BucketName": {
            "Fn::If": [
                "ShouldNotCreateEnvResources",
                {"Ref": "bucketName"},
                {"Fn::Join": ["", [{"Ref": "bucketName"}, "-", {"Ref": "env"}]]},
            ]
        },
        "BucketEncryption": {
            "ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
            ]
        },
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            # DEV is public through its bucket policy; PROD blocks everything.
            "BlockPublicPolicy": prod,
            "RestrictPublicBuckets": prod,
        },
        "CorsConfiguration": {
            "CorsRules": [
                {
                    "AllowedHeaders": ["Authorization", "Content-Length"],
                    "AllowedMethods": ["GET", "HEAD"],
                    "AllowedOrigins": ["*"],
                    "MaxAge": 3000,
                }
            ]
        },
    }
    if not prod:
        properties["WebsiteConfiguration"] = {
            "IndexDocument": settings.index_document,
            "ErrorDocument": settings.error_document,
        }
    return {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": properties,
    }


def _objects_arn() -> dict[str, Any]:
    return {"Fn::Join": ["", [{"Fn::GetAtt": [BUCKET, "Arn"]}, "/*"]]}


def _bucket_policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {
        "Type": "AWS::S3::BucketPolicy",
        "Properties": {
            "Bucket": {"Ref": BUCKET},
            "PolicyDocument": {"Version": "2012-10-17", "Statement": list(statements)},
        },
    }


def _public_policy() -> dict[str, Any]:
    """Anyone may read the website's objects (DEV: S3 website endpoints speak HTTP only)."""
    return _bucket_policy(
        {
            "Sid": "PublicReadForWebsite",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": _objects_arn(),
        }
    )


def _private_policy() -> dict[str, Any]:
    """Only this distribution may read, and nobody over plain HTTP (the local sandbox, which
    speaks HTTP on loopback, leaves ``aws:SecureTransport`` denials out when it evaluates)."""
    return _bucket_policy(
        {
            "Sid": "AllowCloudFrontReadThroughOriginAccessControl",
            "Effect": "Allow",
            "Principal": {"Service": "cloudfront.amazonaws.com"},
            "Action": "s3:GetObject",
            "Resource": _objects_arn(),
            "Condition": {
                "StringEquals": {
                    "AWS:SourceArn": {
                        "Fn::Join": [
                            "",
                            [
                                "arn:",
                                {"Ref": "AWS::Partition"},
                                ":cloudfront::",
                                {"Ref": "AWS::AccountId"},
                                ":distribution/",
                                {"Ref": DISTRIBUTION},
                            ],
                        ]
                    }
                }
            },
        },
        {
            "Sid": "DenyPlainHTTP",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [{"Fn::GetAtt": [BUCKET, "Arn"]}, _objects_arn()],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
    )


def _origin_access_control() -> dict[str, Any]:
    return {
        "Type": "AWS::CloudFront::OriginAccessControl",
        "Properties": {
            "OriginAccessControlConfig": {
                # Unique per account, at most 64 characters: the bucket name (≤ 63) is both.
                "Name": {"Ref": BUCKET},
                "Description": "amplify hosting: CloudFront signs its requests to the bucket",
                "OriginAccessControlOriginType": "s3",
                "SigningBehavior": "always",
                "SigningProtocol": "sigv4",
            }
        },
    }


def _distribution(cloudfront: CloudFrontSettings) -> dict[str, Any]:
    config: dict[str, Any] = {
        "Enabled": True,
        "HttpVersion": "http2",
        "IPV6Enabled": True,
        "DefaultRootObject": cloudfront.default_root_object,
        "Origins": [
            {
                "Id": ORIGIN_ID,
                "DomainName": {"Fn::GetAtt": [BUCKET, "RegionalDomainName"]},
                "S3OriginConfig": {"OriginAccessIdentity": ""},
                "OriginAccessControlId": {"Fn::GetAtt": [ORIGIN_ACCESS_CONTROL, "Id"]},
            }
        ],
        "DefaultCacheBehavior": {
            "TargetOriginId": ORIGIN_ID,
            "ViewerProtocolPolicy": "redirect-to-https",
            "AllowedMethods": ["GET", "HEAD", "OPTIONS"],
            "CachedMethods": ["GET", "HEAD"],
            "Compress": True,
            "ForwardedValues": {"QueryString": False},
        },
    }
    _set_cloudfront(config, cloudfront)
    return {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}


def _https(domain: dict[str, Any]) -> dict[str, Any]:
    return {"Fn::Join": ["", ["https://", domain]]}


def _outputs(prod: bool) -> dict[str, Any]:
    outputs: dict[str, Any] = {
        "Region": {"Value": {"Ref": "AWS::Region"}, "Description": "The bucket's region"},
        "HostingBucketName": {"Value": {"Ref": BUCKET}, "Description": "The hosting bucket"},
        "S3BucketSecureURL": {
            "Value": _https({"Fn::GetAtt": [BUCKET, "DomainName"]}),
            "Description": "The bucket's HTTPS endpoint",
        },
    }
    if prod:
        domain = {"Fn::GetAtt": [DISTRIBUTION, "DomainName"]}
        outputs["WebsiteURL"] = {"Value": _https(domain), "Description": "The site's URL"}
        outputs["CloudFrontDistributionID"] = {
            "Value": {"Ref": DISTRIBUTION},
            "Description": "The CloudFront distribution's id",
        }
        outputs["CloudFrontDomainName"] = {"Value": domain, "Description": "The distribution's domain"}
        outputs["CloudFrontSecureURL"] = {"Value": _https(domain), "Description": "The site's HTTPS URL"}
    else:
        outputs["WebsiteURL"] = {
            "Value": {"Fn::GetAtt": [BUCKET, "WebsiteURL"]},
            "Description": "The site's URL (S3 static website endpoint, HTTP)",
        }
    return outputs


# --- settings in a template ------------------------------------------------------------------


def _set_cloudfront(config: dict[str, Any], cloudfront: CloudFrontSettings) -> None:
    config["DefaultRootObject"] = cloudfront.default_root_object
    behavior = config.setdefault("DefaultCacheBehavior", {})
    behavior["MinTTL"] = cloudfront.min_ttl
    behavior["DefaultTTL"] = cloudfront.default_ttl
    behavior["MaxTTL"] = cloudfront.max_ttl
    responses = []
    for response in cloudfront.error_responses:
        item: dict[str, Any] = {
            "ErrorCode": response.error_code,
            "ErrorCachingMinTTL": response.error_caching_min_ttl,
        }
        if response.response_code is not None:
            item["ResponseCode"] = response.response_code
            item["ResponsePagePath"] = response.response_page_path or f"/{DEFAULT_INDEX}"
        responses.append(item)
    if responses:
        config["CustomErrorResponses"] = responses
    else:
        config.pop("CustomErrorResponses", None)


def _int_or(value: Any, default: int) -> int:
    """Gen 1 stored TTLs as strings; an intrinsic function (a dict) keeps the default."""
    try:
        return parse_int(value, "value")
    except ValueError:
        return default


def read_settings(template: dict[str, Any]) -> HostingSettings:
    """The settings a template carries (ours or a Gen 1 one)."""
    resources = template.get("Resources") or {}
    bucket_props = (resources.get(BUCKET) or {}).get("Properties") or {}
    website = bucket_props.get("WebsiteConfiguration") or {}
    distribution = resources.get(DISTRIBUTION)
    if distribution is None:
        return HostingSettings(
            index_document=website.get("IndexDocument") or DEFAULT_INDEX,
            error_document=website.get("ErrorDocument") or DEFAULT_INDEX,
        )
    config = (distribution.get("Properties") or {}).get("DistributionConfig") or {}
    behavior = config.get("DefaultCacheBehavior") or {}
    defaults = CloudFrontSettings()
    responses = []
    for item in config.get("CustomErrorResponses") or []:
        code = _int_or(item.get("ErrorCode"), 0)
        if not code:
            continue
        has_page = item.get("ResponseCode") not in (None, "")
        responses.append(
            ErrorResponse(
                error_code=code,
                response_code=_int_or(item.get("ResponseCode"), 200) if has_page else None,
                response_page_path=item.get("ResponsePagePath") if has_page else None,
                error_caching_min_ttl=_int_or(item.get("ErrorCachingMinTTL"), DEFAULT_ERROR_CACHING_MIN_TTL),
            )
        )
    root_object = config.get("DefaultRootObject") or DEFAULT_INDEX
    cloudfront = CloudFrontSettings(
        default_root_object=root_object,
        min_ttl=_int_or(behavior.get("MinTTL"), defaults.min_ttl),
        default_ttl=_int_or(behavior.get("DefaultTTL"), defaults.default_ttl),
        max_ttl=_int_or(behavior.get("MaxTTL"), defaults.max_ttl),
        error_responses=tuple(responses),
    )
    error_page = next(
        (r.response_page_path for r in responses if r.error_code == 404 and r.response_page_path), None
    )
    return HostingSettings(
        index_document=website.get("IndexDocument") or root_object,
        error_document=website.get("ErrorDocument") or (error_page or "/" + root_object).lstrip("/"),
        cloudfront=cloudfront,
    )


def apply_settings(template: dict[str, Any], settings: HostingSettings) -> dict[str, Any]:
    """``template`` carrying ``settings``; a new dictionary, the argument is not changed.

    Within a stage only the configured values are rewritten, so hand edits (aliases, a
    certificate, tags, extra resources) survive. Switching stage rebuilds our resources and
    outputs from the stage's template and keeps every resource and output that is not ours;
    the bucket policy keeps the logical id it had (see :data:`BUCKET_POLICY`).
    """
    current = read_settings(template)
    if current.stage != settings.stage:
        fresh = build_template(settings)
        existing = template.get("Resources") or {}
        deployed_id = next((key for key in POLICY_IDS if key in existing), BUCKET_POLICY)
        fresh["Resources"][deployed_id] = fresh["Resources"].pop(BUCKET_POLICY)
        for section, own in (("Resources", OWN_RESOURCES), ("Outputs", OWN_OUTPUTS)):
            for key, value in (template.get(section) or {}).items():
                if key not in own:
                    fresh[section][key] = copy.deepcopy(value)
        for section in ("Parameters", "Conditions", "Mappings", "Metadata"):
            for key, value in (template.get(section) or {}).items():
                fresh.setdefault(section, {}).setdefault(key, copy.deepcopy(value))
        return fresh
    result = copy.deepcopy(template)
    resources = result.setdefault("Resources", {})
    if settings.cloudfront is None:
        bucket = resources.setdefault(BUCKET, _bucket(settings))
        website = bucket.setdefault("Properties", {}).setdefault("WebsiteConfiguration", {})
        website["IndexDocument"] = settings.index_document
        website["ErrorDocument"] = settings.error_document
    else:
        distribution = resources[DISTRIBUTION]
        config = distribution.setdefault("Properties", {}).setdefault("DistributionConfig", {})
        _set_cloudfront(config, settings.cloudfront)
    return result
