"""What moto lacks for amplify's templates, taught to it in one place.

moto 5 runs most of a CloudFormation stack but silently skips the resources a hosting template
needs (see ``shared/reference/moto-capabilities.md``). Each block below fills one gap and says
which; :func:`install` applies them all, idempotently. Importing this module loads moto's
CloudFormation parser and the ~40 backends it knows (about a second, once per process). Because moto's server and ``mock_aws``
share the same model classes, one ``install()`` covers both: the sandbox server calls it before
serving, and the pytest fixtures call it before ``mock_aws`` starts.

Gaps filled:

1. ``AWS::CloudFront::Distribution`` — creates a real distribution in moto's CloudFront backend
   (origins, cache behaviours with min/default/max TTL, custom error responses, default root
   object, aliases, tags); ``Ref`` → Id, ``GetAtt`` ``DomainName`` and ``Id``.
2. ``AWS::CloudFront::OriginAccessControl`` — a real OAC; ``Ref`` / ``GetAtt Id`` → its Id.
3. ``AWS::S3::BucketPolicy`` — puts the policy on the bucket; removes it on delete.
4. ``AWS::S3::Bucket`` properties ``WebsiteConfiguration``, ``CorsConfiguration``,
   ``PublicAccessBlockConfiguration`` and ``OwnershipControls`` (ignored by moto), and the
   removal of ``BucketEncryption`` on update (moto only ever sets it).
5. CloudFront API: an origin's ``S3OriginConfig`` and ``OriginAccessControlId`` are dropped by
   moto's ``get_distribution_config``; they are kept here.
6. Nested stacks: ``Fn::GetAtt <Nested>.Outputs.<Name>`` (moto has no attribute lookup on
   stacks), and updates in place — moto deletes the child and creates a new one, which fails
   as soon as the child holds a retained bucket (``BucketAlreadyExists``), i.e. on the second
   push of any hosting change.
7. TemplateURL parsing: virtual-hosted URLs of bucket names with dots, and path-style URLs that
   point at the sandbox endpoint itself (``http://127.0.0.1:<port>/<bucket>/<key>``), which moto
   mistakes for a bucket called ``127``.

Create, update and delete work for every resource type above. Update keeps the physical
resource (the distribution keeps its Id and domain name), as CloudFormation does for these
properties.
"""

from __future__ import annotations

import functools
import json
import uuid
from typing import Any
from urllib.parse import unquote, urlparse
from xml.sax.saxutils import escape

from moto.cloudformation import models as cfn_models
from moto.cloudformation import parsing
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.cloudfront.exceptions import NoSuchDistribution
from moto.cloudfront.models import Origin, cloudfront_backends
from moto.core.common_models import BaseModel
from moto.s3.exceptions import MissingBucket
from moto.s3.models import FakeBucket, s3_backends
from moto.utilities.utils import get_partition

from .s3_names import bucket_from_rest_host

_INSTALLED = False


def install() -> None:
    """Apply every extension to moto (safe to call more than once)."""
    global _INSTALLED
    if _INSTALLED:
        return
    _register_resource_types()
    _extend_bucket_properties()
    _keep_origin_fields()
    cfn_models.Stack.get_cfn_attribute = _stack_get_cfn_attribute
    cfn_models.Stack.update_from_cloudformation_json = classmethod(_update_nested_stack)
    cfn_models.get_stack_from_s3_url = get_stack_from_s3_url
    cfn_responses.get_stack_from_s3_url = get_stack_from_s3_url
    _skip_secure_transport_denials()
    _INSTALLED = True


def _is_secure_transport_denial(statement: Any) -> bool:
    """``Deny … when aws:SecureTransport is false`` (the root stack's DeploymentBucketBlockHTTP)."""
    if not isinstance(statement, dict) or statement.get("Effect") != "Deny":
        return False
    condition = statement.get("Condition") or {}
    values = (condition.get("Bool") or {}) if isinstance(condition, dict) else {}
    return (
        set(condition) == {"Bool"}
        and set(values) == {"aws:SecureTransport"}
        and (str(values["aws:SecureTransport"]).lower() == "false")
    )


def _skip_secure_transport_denials() -> None:
    """moto evaluates bucket policies *without* their ``Condition`` blocks, so a deny of plain
    HTTP (``aws:SecureTransport: false``) denied every request to the bucket. The sandbox is
    HTTP on loopback only; such statements are left out when moto evaluates a bucket policy
    (``get_bucket_policy`` still returns the policy as written)."""
    if getattr(FakeBucket.get_permission, "_amplify_extension", False):
        return
    original = FakeBucket.get_permission

    def get_permission(self: FakeBucket, action: str, resource: str) -> Any:
        if self.policy:
            try:
                document = json.loads(self.policy)
            except ValueError:
                return original(self, action, resource)
            statements = document.get("Statement")
            statements = [statements] if isinstance(statements, dict) else list(statements or [])
            kept = [s for s in statements if not _is_secure_transport_denial(s)]
            if len(kept) != len(statements):
                from moto.iam.access_control import IAMPolicy, PermissionResult

                if not kept:
                    return PermissionResult.NEUTRAL
                return IAMPolicy(json.dumps({**document, "Statement": kept})).is_action_permitted(
                    action, resource
                )
        return original(self, action, resource)

    get_permission._amplify_extension = True  # type: ignore[attr-defined]
    FakeBucket.get_permission = get_permission


# --- shared helpers: CloudFormation values arrive as numbers, booleans or strings -------------


def _bool(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def _int(value: Any, default: int | None = None) -> int | None:
    if value is None or value == "":
        return default
    return int(float(value))


def _items(values: list[Any] | None) -> dict[str, Any]:
    """CloudFront's ``{"Quantity": n, "Items": [...]}`` list wrapper."""
    values = list(values or [])
    return {"Quantity": len(values), "Items": values}


class _CfnResource(BaseModel):
    """Common plumbing of the resource types moto does not know (moto duck-types these)."""

    def is_created(self) -> bool:
        return True


def _register_resource_types() -> None:
    """Gaps 1–3: make moto's template parser resolve our resource types.

    moto looks types up in ``parsing.get_model_map()``; we wrap it instead of subclassing
    ``CloudFormationModel`` so that nothing changes until ``install()`` runs.
    """
    original = parsing.get_model_map

    @functools.lru_cache
    def get_model_map() -> dict[str, Any]:
        extra = {model.cloudformation_type(): model for model in _RESOURCE_TYPES}
        return {**original(), **extra}

    parsing.get_model_map = get_model_map


# --- gap 1: AWS::CloudFront::Distribution -----------------------------------------------------


def _origin(cfn: dict[str, Any]) -> dict[str, Any]:
    api: dict[str, Any] = {
        "Id": cfn["Id"],
        "DomainName": cfn["DomainName"],
        "OriginPath": cfn.get("OriginPath", ""),
        "ConnectionAttempts": _int(cfn.get("ConnectionAttempts"), 3),
        "ConnectionTimeout": _int(cfn.get("ConnectionTimeout"), 10),
    }
    if "S3OriginConfig" in cfn:
        api["S3OriginConfig"] = {
            "OriginAccessIdentity": (cfn["S3OriginConfig"] or {}).get("OriginAccessIdentity", "")
        }
    if "CustomOriginConfig" in cfn:
        custom = cfn["CustomOriginConfig"]
        api["CustomOriginConfig"] = {
            "HTTPPort": _int(custom.get("HTTPPort"), 80),
            "HTTPSPort": _int(custom.get("HTTPSPort"), 443),
            "OriginProtocolPolicy": custom["OriginProtocolPolicy"],
            "OriginSslProtocols": _items(custom.get("OriginSSLProtocols", ["TLSv1.2"])),
            "OriginReadTimeout": _int(custom.get("OriginReadTimeout"), 30),
            "OriginKeepaliveTimeout": _int(custom.get("OriginKeepaliveTimeout"), 5),
        }
    if cfn.get("OriginAccessControlId"):
        api["OriginAccessControlId"] = cfn["OriginAccessControlId"]
    if "OriginCustomHeaders" in cfn:
        api["CustomHeaders"] = _items(
            [
                {"HeaderName": h["HeaderName"], "HeaderValue": h["HeaderValue"]}
                for h in cfn["OriginCustomHeaders"]
            ]
        )
    if "OriginShield" in cfn:
        api["OriginShield"] = {
            "Enabled": _bool(cfn["OriginShield"].get("Enabled")),
            "OriginShieldRegion": cfn["OriginShield"].get("OriginShieldRegion", ""),
        }
    return api


def _cache_behavior(cfn: dict[str, Any]) -> dict[str, Any]:
    allowed = cfn.get("AllowedMethods") or ["GET", "HEAD"]
    cached = cfn.get("CachedMethods") or ["GET", "HEAD"]
    api: dict[str, Any] = {
        "TargetOriginId": cfn["TargetOriginId"],
        "ViewerProtocolPolicy": cfn["ViewerProtocolPolicy"],
        "AllowedMethods": {**_items(allowed), "CachedMethods": _items(cached)},
        "Compress": _bool(cfn.get("Compress")),
        "SmoothStreaming": _bool(cfn.get("SmoothStreaming")),
        "TrustedSigners": _items(cfn.get("TrustedSigners")),
        "TrustedKeyGroups": _items(cfn.get("TrustedKeyGroups")),
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
        api["MinTTL"] = _int(cfn.get("MinTTL"), 0)
        api["DefaultTTL"] = _int(cfn.get("DefaultTTL"), 86400)
        api["MaxTTL"] = _int(cfn.get("MaxTTL"), 31536000)
        forwarded = cfn.get("ForwardedValues") or {}
        cookies = forwarded.get("Cookies") or {}
        api["ForwardedValues"] = {
            "QueryString": _bool(forwarded.get("QueryString")),
            "Cookies": {"Forward": cookies.get("Forward", "none")},
            "Headers": _items(forwarded.get("Headers")),
            "QueryStringCacheKeys": _items(forwarded.get("QueryStringCacheKeys")),
        }
        if cookies.get("WhitelistedNames"):
            api["ForwardedValues"]["Cookies"]["WhitelistedNames"] = _items(cookies["WhitelistedNames"])
    return api


def _error_response(cfn: dict[str, Any]) -> dict[str, Any]:
    api: dict[str, Any] = {"ErrorCode": _int(cfn["ErrorCode"])}
    if cfn.get("ResponsePagePath"):
        api["ResponsePagePath"] = cfn["ResponsePagePath"]
    if cfn.get("ResponseCode") is not None:
        api["ResponseCode"] = str(_int(cfn["ResponseCode"]))
    if cfn.get("ErrorCachingMinTTL") is not None:
        api["ErrorCachingMinTTL"] = _int(cfn["ErrorCachingMinTTL"])
    return api


def distribution_config_from_cfn(cfn: dict[str, Any], caller_reference: str) -> dict[str, Any]:
    """Translate a template's ``DistributionConfig`` into the CloudFront API's shape."""
    api: dict[str, Any] = {
        "CallerReference": caller_reference,
        "Aliases": _items(cfn.get("Aliases")),
        "DefaultRootObject": cfn.get("DefaultRootObject", ""),
        "Origins": _items([_origin(o) for o in cfn.get("Origins") or []]),
        "DefaultCacheBehavior": _cache_behavior(cfn["DefaultCacheBehavior"]),
        "CacheBehaviors": _items([_cache_behavior(b) for b in cfn.get("CacheBehaviors") or []]),
        "CustomErrorResponses": _items([_error_response(r) for r in cfn.get("CustomErrorResponses") or []]),
        "Comment": cfn.get("Comment", ""),
        "PriceClass": cfn.get("PriceClass", "PriceClass_All"),
        "Enabled": _bool(cfn.get("Enabled"), default=True),
        "HttpVersion": cfn.get("HttpVersion", "http1.1"),
        "IsIPV6Enabled": _bool(cfn.get("IPV6Enabled"), default=False),
        "WebACLId": cfn.get("WebACLId", ""),
    }
    if "ViewerCertificate" in cfn:
        cert = cfn["ViewerCertificate"]
        api["ViewerCertificate"] = {
            "CloudFrontDefaultCertificate": _bool(cert.get("CloudFrontDefaultCertificate")),
            "ACMCertificateArn": cert.get("AcmCertificateArn", ""),
            "IAMCertificateId": cert.get("IamCertificateId", ""),
            "SSLSupportMethod": cert.get("SslSupportMethod", "sni-only"),
            "MinimumProtocolVersion": cert.get("MinimumProtocolVersion", "TLSv1"),
        }
    geo = (cfn.get("Restrictions") or {}).get("GeoRestriction")
    if geo:
        api["Restrictions"] = {
            "GeoRestriction": {"RestrictionType": geo["RestrictionType"], **_items(geo.get("Locations"))}
        }
    if "Logging" in cfn:
        log = cfn["Logging"]
        api["Logging"] = {
            "Enabled": True,
            "IncludeCookies": _bool(log.get("IncludeCookies")),
            "Bucket": log.get("Bucket", ""),
            "Prefix": log.get("Prefix", ""),
        }
    return api


class _CloudFrontResource(_CfnResource):
    """A stack resource that lives in moto's CloudFront backend of its account and partition."""

    account_id: str
    partition: str

    def _backend(self) -> Any:
        return cloudfront_backends[self.account_id][self.partition]


class CfnDistribution(_CloudFrontResource):
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
    def create_from_cloudformation_json(  # type: ignore[misc]
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
    def update_from_cloudformation_json(  # type: ignore[misc]
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


# --- gap 2: AWS::CloudFront::OriginAccessControl ----------------------------------------------


class CfnOriginAccessControl(_CloudFrontResource):
    """The stack's handle on an origin access control in moto's CloudFront backend."""

    def __init__(self, control_id: str, partition: str, account_id: str):
        self.control_id = control_id
        self.partition = partition
        self.account_id = account_id

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::OriginAccessControl"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Id"

    @property
    def physical_resource_id(self) -> str:
        return self.control_id

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.control_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnOriginAccessControl:
        partition = get_partition(region_name)
        config = dict(cloudformation_json["Properties"]["OriginAccessControlConfig"])
        control = cloudfront_backends[account_id][partition].create_origin_access_control(config)
        return cls(control.id, partition, account_id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: CfnOriginAccessControl,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnOriginAccessControl:
        config = dict(cloudformation_json["Properties"]["OriginAccessControlConfig"])
        original_resource._backend().update_origin_access_control(original_resource.control_id, config)
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        self._backend().origin_access_controls.pop(self.control_id, None)


# --- gap 3: AWS::S3::BucketPolicy -------------------------------------------------------------


def _policy_bytes(document: Any) -> bytes:
    return (document if isinstance(document, str) else json.dumps(document)).encode("utf-8")


class CfnBucketPolicy(_CfnResource):
    """A bucket policy as a stack resource: the policy itself is stored on moto's bucket."""

    def __init__(self, name: str, bucket_name: str, partition: str, account_id: str):
        self.name = name
        self.bucket_name = bucket_name
        self.partition = partition
        self.account_id = account_id

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::S3::BucketPolicy"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CfnBucketPolicy:
        properties = cloudformation_json["Properties"]
        partition = get_partition(region_name)
        s3_backends[account_id][partition].put_bucket_policy(
            properties["Bucket"], _policy_bytes(properties["PolicyDocument"])
        )
        return cls(resource_name, properties["Bucket"], partition, account_id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: CfnBucketPolicy,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CfnBucketPolicy:
        properties = cloudformation_json["Properties"]
        if properties["Bucket"] != original_resource.bucket_name:
            original_resource.delete(account_id, region_name)
        s3_backends[account_id][original_resource.partition].put_bucket_policy(
            properties["Bucket"], _policy_bytes(properties["PolicyDocument"])
        )
        original_resource.bucket_name = properties["Bucket"]
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            s3_backends[self.account_id][self.partition].delete_bucket_policy(self.bucket_name)
        except MissingBucket:
            pass  # the bucket went first; its policy went with it


_RESOURCE_TYPES = (CfnDistribution, CfnOriginAccessControl, CfnBucketPolicy)


# --- gap 4: AWS::S3::Bucket WebsiteConfiguration, CORS, PublicAccessBlock, OwnershipControls --


def website_xml(cfn: dict[str, Any]) -> bytes:
    """The S3 ``PutBucketWebsite`` body for a template's ``WebsiteConfiguration``.

    moto stores the website configuration as the XML it was given, so we give it that.
    """

    def element(name: str, value: Any) -> str:
        return f"<{name}>{escape(str(value))}</{name}>" if value not in (None, "") else ""

    parts: list[str] = []
    if "RedirectAllRequestsTo" in cfn:
        target = cfn["RedirectAllRequestsTo"]
        parts.append(
            "<RedirectAllRequestsTo>"
            + element("HostName", target.get("HostName"))
            + element("Protocol", target.get("Protocol"))
            + "</RedirectAllRequestsTo>"
        )
    if cfn.get("IndexDocument"):
        parts.append(f"<IndexDocument>{element('Suffix', cfn['IndexDocument'])}</IndexDocument>")
    if cfn.get("ErrorDocument"):
        parts.append(f"<ErrorDocument>{element('Key', cfn['ErrorDocument'])}</ErrorDocument>")
    rules = cfn.get("RoutingRules") or []
    if rules:
        parts.append("<RoutingRules>")
        for rule in rules:
            condition = rule.get("RoutingRuleCondition") or {}
            redirect = rule.get("RedirectRule") or {}
            parts.append("<RoutingRule>")
            if condition:
                parts.append(
                    "<Condition>"
                    + element("HttpErrorCodeReturnedEquals", condition.get("HttpErrorCodeReturnedEquals"))
                    + element("KeyPrefixEquals", condition.get("KeyPrefixEquals"))
                    + "</Condition>"
                )
            parts.append(
                "<Redirect>"
                + "".join(
                    element(key, redirect.get(key))
                    for key in (
                        "HostName",
                        "HttpRedirectCode",
                        "Protocol",
                        "ReplaceKeyPrefixWith",
                        "ReplaceKeyWith",
                    )
                )
                + "</Redirect></RoutingRule>"
            )
        parts.append("</RoutingRules>")
    return (
        '<WebsiteConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        + "".join(parts)
        + "</WebsiteConfiguration>"
    ).encode("utf-8")


def _cors_rules(cfn: dict[str, Any]) -> list[dict[str, Any]]:
    rules = []
    for rule in cfn.get("CorsRules") or []:
        api: dict[str, Any] = {
            "AllowedMethod": list(rule["AllowedMethods"]),
            "AllowedOrigin": list(rule["AllowedOrigins"]),
        }
        if rule.get("AllowedHeaders"):
            api["AllowedHeader"] = list(rule["AllowedHeaders"])
        if rule.get("ExposedHeaders"):
            api["ExposeHeader"] = list(rule["ExposedHeaders"])
        if rule.get("MaxAge") is not None:
            api["MaxAgeSeconds"] = str(_int(rule["MaxAge"]))
        if rule.get("Id"):
            api["ID"] = rule["Id"]
        rules.append(api)
    return rules


def _public_access_block(cfn: dict[str, Any]) -> dict[str, bool]:
    keys = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
    return {key: _bool(cfn.get(key)) for key in keys}


def _apply_bucket_extras(bucket: FakeBucket, properties: dict[str, Any], *, updating: bool) -> None:
    """Set (or, on update, remove) the bucket settings moto's own handler ignores."""
    backend = s3_backends[bucket.account_id][bucket.partition]
    name = bucket.name
    handlers: dict[str, tuple[Any, Any]] = {
        "WebsiteConfiguration": (
            lambda value: backend.put_bucket_website(name, website_xml(value)),
            lambda: backend.delete_bucket_website(name),
        ),
        "CorsConfiguration": (
            lambda value: backend.put_bucket_cors(name, _cors_rules(value)),
            lambda: backend.delete_bucket_cors(name),
        ),
        "PublicAccessBlockConfiguration": (
            lambda value: backend.put_public_access_block(name, _public_access_block(value)),
            lambda: backend.delete_public_access_block(name),
        ),
        "OwnershipControls": (
            lambda value: backend.put_bucket_ownership_controls(
                name, ownership=value["Rules"][0]["ObjectOwnership"]
            ),
            lambda: backend.delete_bucket_ownership_controls(name),
        ),
        # moto sets BucketEncryption itself but never removes it.
        "BucketEncryption": (lambda value: None, lambda: backend.delete_bucket_encryption(name)),
    }
    for prop, (put, remove) in handlers.items():
        if prop in properties:
            put(properties[prop])
        elif updating:
            remove()


def _extend_bucket_properties() -> None:
    create = FakeBucket.create_from_cloudformation_json.__func__
    update = FakeBucket.update_from_cloudformation_json.__func__

    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):  # type: ignore[no-untyped-def]
        bucket = create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        _apply_bucket_extras(bucket, cloudformation_json.get("Properties") or {}, updating=False)
        return bucket

    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):  # type: ignore[no-untyped-def]
        # moto's handler reads ["Properties"] unguarded; a bucket without properties has none.
        cloudformation_json.setdefault("Properties", {})
        bucket = update(
            cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
        )
        _apply_bucket_extras(bucket, cloudformation_json["Properties"], updating=True)
        return bucket

    FakeBucket.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    FakeBucket.update_from_cloudformation_json = classmethod(update_from_cloudformation_json)


# --- gap 5: CloudFront origins keep S3OriginConfig and OriginAccessControlId -----------------


def _keep_origin_fields() -> None:
    init = Origin.__init__

    def __init__(self: Origin, origin: dict[str, Any]) -> None:
        init(self, origin)
        # moto's response serializer reads these attribute names; without them the fields vanish.
        if "S3OriginConfig" in origin:
            self.s3_origin_config = {"OriginAccessIdentity": self.s3_access_identity or ""}
        self.origin_access_control_id = origin.get("OriginAccessControlId", "")

    Origin.__init__ = __init__


# --- gap 6: nested stacks: Fn::GetAtt <Stack>.Outputs.<Name>, update in place -----------------


def _stack_get_cfn_attribute(self: Any, attribute_name: str) -> Any:
    prefix = "Outputs."
    wanted = attribute_name[len(prefix) :]
    if attribute_name.startswith(prefix) and wanted in self.output_map.outputs:
        output = self.output_map[wanted]
        if output is not None:
            return output.value
    raise UnformattedGetAttTemplateException()


def _update_nested_stack(
    cls: Any,
    original_resource: Any,
    new_resource_name: str,
    cloudformation_json: dict[str, Any],
    account_id: str,
    region_name: str,
) -> Any:
    """Update the child stack with its new template and parameters; it keeps its name and id."""
    properties = cloudformation_json["Properties"]
    template = get_stack_from_s3_url(properties["TemplateURL"], account_id, get_partition(region_name))
    original_resource.update(template, parameters=dict(properties.get("Parameters") or {}))
    return original_resource


# --- gap 7: TemplateURL forms -----------------------------------------------------------------


def bucket_and_key_from_url(template_url: str) -> tuple[str, str]:
    """Split an S3 object URL in any form CloudFormation accepts (or the sandbox endpoint's)."""
    parts = urlparse(template_url)
    host = (parts.hostname or "").lower()
    path = unquote(parts.path).lstrip("/")
    bucket = bucket_from_rest_host(host)
    if bucket:
        return bucket, path
    # Path style: s3.amazonaws.com, s3.<region>.amazonaws.com, localhost, 127.0.0.1:<port>, …
    bucket, _, key = path.partition("/")
    return bucket, key


def get_stack_from_s3_url(template_url: str, account_id: str, partition: str) -> str:
    """moto's TemplateURL reader, with our URL parsing and a clear error for a missing object."""
    bucket, key = bucket_and_key_from_url(template_url)
    template = s3_backends[account_id][partition].get_object(bucket, key)
    if template is None:
        raise ValidationError(
            message=f"TemplateURL must reference a valid S3 object: {template_url} (no key {key!r})"
        )
    return template.value.decode("utf-8")
