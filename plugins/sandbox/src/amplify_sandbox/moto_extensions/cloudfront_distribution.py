"""``AWS::CloudFront::Distribution``: moto's CloudFormation parser has no model for it, so a template's
distribution was silently skipped (``Ref`` gave the logical id, ``GetAtt DomainName`` failed).

Here it creates a real distribution in moto's CloudFront backend (origins, cache behaviours with
min/default/max TTL, custom error responses, default root object, aliases, tags); ``Ref`` → Id,
``GetAtt`` ``DomainName`` and ``Id``. An update keeps the physical resource (same Id and domain
name), as CloudFormation does for these properties."""

from __future__ import annotations

import uuid
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudfront.exceptions import NoSuchDistribution
from moto.cloudfront.models import cloudfront_backends
from moto.utilities.utils import get_partition

from .base import CloudFrontResource, as_bool, as_int, cf_list, register


def _origin(cfn: dict[str, Any]) -> dict[str, Any]:
    api: dict[str, Any] = {
        "Id": cfn["Id"],
        "DomainName": cfn["DomainName"],
        "OriginPath": cfn.get("OriginPath", ""),
        "ConnectionAttempts": as_int(cfn.get("ConnectionAttempts"), 3),
        "ConnectionTimeout": as_int(cfn.get("ConnectionTimeout"), 10),
    }
    if "S3OriginConfig" in cfn:
        api["S3OriginConfig"] = {
            "OriginAccessIdentity": (cfn["S3OriginConfig"] or {}).get("OriginAccessIdentity", "")
        }
    if "CustomOriginConfig" in cfn:
        custom = cfn["CustomOriginConfig"]
        api["CustomOriginConfig"] = {
            "HTTPPort": as_int(custom.get("HTTPPort"), 80),
            "HTTPSPort": as_int(custom.get("HTTPSPort"), 443),
            "OriginProtocolPolicy": custom["OriginProtocolPolicy"],
            "OriginSslProtocols": cf_list(custom.get("OriginSSLProtocols", ["TLSv1.2"])),
            "OriginReadTimeout": as_int(custom.get("OriginReadTimeout"), 30),
            "OriginKeepaliveTimeout": as_int(custom.get("OriginKeepaliveTimeout"), 5),
        }
    if cfn.get("OriginAccessControlId"):
        api["OriginAccessControlId"] = cfn["OriginAccessControlId"]
    if "OriginCustomHeaders" in cfn:
        api["CustomHeaders"] = cf_list(
            [
                {"HeaderName": h["HeaderName"], "HeaderValue": h["HeaderValue"]}
                for h in cfn["OriginCustomHeaders"]
            ]
        )
    if "OriginShield" in cfn:
        api["OriginShield"] = {
            "Enabled": as_bool(cfn["OriginShield"].get("Enabled")),
            "OriginShieldRegion": cfn["OriginShield"].get("OriginShieldRegion", ""),
        }
    return api


def _cache_behavior(cfn: dict[str, Any]) -> dict[str, Any]:
    allowed = cfn.get("AllowedMethods") or ["GET", "HEAD"]
    cached = cfn.get("CachedMethods") or ["GET", "HEAD"]
    api: dict[str, Any] = {
        "TargetOriginId": cfn["TargetOriginId"],
        "ViewerProtocolPolicy": cfn["ViewerProtocolPolicy"],
        "AllowedMethods": {**cf_list(allowed), "CachedMethods": cf_list(cached)},
        "Compress": as_bool(cfn.get("Compress")),
        "SmoothStreaming": as_bool(cfn.get("SmoothStreaming")),
        "TrustedSigners": cf_list(cfn.get("TrustedSigners")),
        "TrustedKeyGroups": cf_list(cfn.get("TrustedKeyGroups")),
        "FieldLevelEncryptionId": cfn.get("FieldLevelEncryptionId", ""),
        "RealtimeLogConfigArn": cfn.get("RealtimeLogConfigArn", ""),
    }
    if "PathPattern" in cfn:
        api["PathPattern"] = cfn["PathPattern"]
    for key in ("CachePolicyId", "OriginRequestPolicyId", "ResponseHeadersPolicyId"):
        if cfn.get(key):
            api[key] = cfn[key]
    if not cfn.get("CachePolicyId"):
        # The legacy cache settings, with CloudFormation's documented defaults.
        api["MinTTL"] = as_int(cfn.get("MinTTL"), 0)
        api["DefaultTTL"] = as_int(cfn.get("DefaultTTL"), 86400)
        api["MaxTTL"] = as_int(cfn.get("MaxTTL"), 31536000)
        forwarded = cfn.get("ForwardedValues") or {}
        cookies = forwarded.get("Cookies") or {}
        api["ForwardedValues"] = {
            "QueryString": as_bool(forwarded.get("QueryString")),
            "Cookies": {"Forward": cookies.get("Forward", "none")},
            "Headers": cf_list(forwarded.get("Headers")),
            "QueryStringCacheKeys": cf_list(forwarded.get("QueryStringCacheKeys")),
        }
        if cookies.get("WhitelistedNames"):
            api["ForwardedValues"]["Cookies"]["WhitelistedNames"] = cf_list(cookies["WhitelistedNames"])
    return api


def _error_response(cfn: dict[str, Any]) -> dict[str, Any]:
    api: dict[str, Any] = {"ErrorCode": as_int(cfn["ErrorCode"])}
    if cfn.get("ResponsePagePath"):
        api["ResponsePagePath"] = cfn["ResponsePagePath"]
    if cfn.get("ResponseCode") is not None:
        api["ResponseCode"] = str(as_int(cfn["ResponseCode"]))
    if cfn.get("ErrorCachingMinTTL") is not None:
        api["ErrorCachingMinTTL"] = as_int(cfn["ErrorCachingMinTTL"])
    return api


def distribution_config_from_cfn(cfn: dict[str, Any], caller_reference: str) -> dict[str, Any]:
    """Translate a template's ``DistributionConfig`` into the CloudFront API's shape."""
    api: dict[str, Any] = {
        "CallerReference": caller_reference,
        "Aliases": cf_list(cfn.get("Aliases")),
        "DefaultRootObject": cfn.get("DefaultRootObject", ""),
        "Origins": cf_list([_origin(o) for o in cfn.get("Origins") or []]),
        "DefaultCacheBehavior": _cache_behavior(cfn["DefaultCacheBehavior"]),
        "CacheBehaviors": cf_list([_cache_behavior(b) for b in cfn.get("CacheBehaviors") or []]),
        "CustomErrorResponses": cf_list([_error_response(r) for r in cfn.get("CustomErrorResponses") or []]),
        "Comment": cfn.get("Comment", ""),
        "PriceClass": cfn.get("PriceClass", "PriceClass_All"),
        "Enabled": as_bool(cfn.get("Enabled"), default=True),
        "HttpVersion": cfn.get("HttpVersion", "http1.1"),
        "IsIPV6Enabled": as_bool(cfn.get("IPV6Enabled"), default=False),
        "WebACLId": cfn.get("WebACLId", ""),
    }
    if "ViewerCertificate" in cfn:
        cert = cfn["ViewerCertificate"]
        api["ViewerCertificate"] = {
            "CloudFrontDefaultCertificate": as_bool(cert.get("CloudFrontDefaultCertificate")),
            "ACMCertificateArn": cert.get("AcmCertificateArn", ""),
            "IAMCertificateId": cert.get("IamCertificateId", ""),
            "SSLSupportMethod": cert.get("SslSupportMethod", "sni-only"),
            "MinimumProtocolVersion": cert.get("MinimumProtocolVersion", "TLSv1"),
        }
    geo = (cfn.get("Restrictions") or {}).get("GeoRestriction")
    if geo:
        api["Restrictions"] = {
            "GeoRestriction": {"RestrictionType": geo["RestrictionType"], **cf_list(geo.get("Locations"))}
        }
    if "Logging" in cfn:
        log = cfn["Logging"]
        api["Logging"] = {
            "Enabled": True,
            "IncludeCookies": as_bool(log.get("IncludeCookies")),
            "Bucket": log.get("Bucket", ""),
            "Prefix": log.get("Prefix", ""),
        }
    return api


class CfnDistribution(CloudFrontResource):
    """The stack's handle on a distribution that lives in moto's CloudFront backend."""

    def __init__(self, distribution_id: str, caller_reference: str, partition: str, account_id: str):
        self.distribution_id = distribution_id
        self.caller_reference = caller_reference
        self.partition = partition
        self.account_id = account_id

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::Distribution"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("DomainName", "Id")

    @property
    def physical_resource_id(self) -> str:
        return self.distribution_id

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.distribution_id
        if attribute_name == "DomainName":
            return self._backend().distributions[self.distribution_id].domain_name
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnDistribution:
        properties = cloudformation_json["Properties"]
        partition = get_partition(region_name)
        caller_reference = f"{resource_name}-{uuid.uuid4().hex[:8]}"
        config = distribution_config_from_cfn(properties["DistributionConfig"], caller_reference)
        tags = [{"Key": t["Key"], "Value": t["Value"]} for t in properties.get("Tags") or []]
        dist, _, _ = cloudfront_backends[account_id][partition].create_distribution(config, tags)
        return cls(dist.distribution_id, caller_reference, partition, account_id)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CfnDistribution,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnDistribution:
        config = distribution_config_from_cfn(
            cloudformation_json["Properties"]["DistributionConfig"],
            original_resource.caller_reference,
        )
        original_resource._backend().update_distribution(
            dist_config=config, _id=original_resource.distribution_id, if_match=True
        )
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            self._backend().delete_distribution(self.distribution_id, if_match=True)
        except NoSuchDistribution:
            pass  # already gone: deleting is idempotent, as in CloudFormation


def install() -> None:
    register(CfnDistribution)
