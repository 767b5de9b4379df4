"""``AWS::S3::Bucket`` properties moto's CloudFormation handler ignores: ``WebsiteConfiguration``,
``CorsConfiguration``, ``PublicAccessBlockConfiguration``, ``OwnershipControls`` and
``NotificationConfiguration`` (validated as S3 does, :mod:`.s3_notifications`) are set (and
removed when an update drops them); moto only ever sets ``BucketEncryption`` and ``Tags``, never
removes them, and tags an unnamed bucket by a ``BucketName`` it does not have (``KeyError``).
A new ``BucketName`` replaces the bucket, and moto deletes the old one at once; here the old one
goes in the update's cleanup phase, so a rolled-back update still has it."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from moto.s3.models import FakeBucket, s3_backends

from .base import as_bool, as_int
from .s3_notifications import from_cloudformation as notification_config
from .stack_operations import after_success


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
            api["MaxAgeSeconds"] = str(as_int(rule["MaxAge"]))
        if rule.get("Id"):
            api["ID"] = rule["Id"]
        rules.append(api)
    return rules


def _public_access_block(cfn: dict[str, Any]) -> dict[str, bool]:
    keys = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
    return {key: as_bool(cfn.get(key)) for key in keys}


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
        "NotificationConfiguration": (
            lambda value: backend.put_bucket_notification_configuration(name, notification_config(value)),
            lambda: backend.put_bucket_notification_configuration(name, {}),
        ),
        # moto tags the bucket named in BucketName (a KeyError for an unnamed one) and never
        # removes tags; here the bucket's own name is used.
        "Tags": (
            lambda value: backend.put_bucket_tagging(name, {t["Key"]: t["Value"] for t in value}),
            lambda: backend.delete_bucket_tagging(name),
        ),
        # moto sets BucketEncryption itself but never removes it.
        "BucketEncryption": (lambda value: None, lambda: backend.delete_bucket_encryption(name)),
    }
    for prop, (put, remove) in handlers.items():
        if prop in properties:
            put(properties[prop])
        elif updating:
            remove()


def install() -> None:
    """Wrap moto's bucket create/update handlers (once)."""
    if getattr(FakeBucket.create_from_cloudformation_json, "_amplify_extension", False):
        return
    create = vars(FakeBucket)["create_from_cloudformation_json"].__func__
    update = vars(FakeBucket)["update_from_cloudformation_json"].__func__

    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        bucket = create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        try:
            _apply_bucket_extras(bucket, cloudformation_json.get("Properties") or {}, updating=False)
        except Exception:
            # AWS makes no bucket whose configuration it refuses (e.g. a notification S3 may not send)
            s3_backends[bucket.account_id][bucket.partition].delete_bucket(bucket.name)
            raise
        return bucket

    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):
        # moto's handler reads ["Properties"] unguarded; a bucket without properties has none.
        properties = cloudformation_json.setdefault("Properties", {})
        if "BucketName" in properties and properties["BucketName"] != original_resource.name:
            # A replacement: moto deletes the old bucket at once; CloudFormation only in the
            # cleanup phase, once the whole update succeeded (so a rollback still has it).
            new = cls.create_from_cloudformation_json(
                properties["BucketName"], cloudformation_json, account_id, region_name
            )
            old_name = original_resource.name

            def delete_old() -> None:
                cls.delete_from_cloudformation_json(old_name, cloudformation_json, account_id, region_name)

            delete_old.logical_id = getattr(original_resource, "logical_resource_id", "")  # type: ignore[attr-defined]
            delete_old.resource_type = "AWS::S3::Bucket"  # type: ignore[attr-defined]
            delete_old.physical_id = old_name  # type: ignore[attr-defined]
            if not after_success(delete_old):
                delete_old()
            return new
        without_tags = {
            **cloudformation_json,
            "Properties": {k: v for k, v in properties.items() if k != "Tags"},
        }
        bucket = update(cls, original_resource, new_resource_name, without_tags, account_id, region_name)
        _apply_bucket_extras(bucket, cloudformation_json["Properties"], updating=True)
        return bucket

    create_from_cloudformation_json._amplify_extension = True  # type: ignore[attr-defined]
    setattr(FakeBucket, "create_from_cloudformation_json", classmethod(create_from_cloudformation_json))
    setattr(FakeBucket, "update_from_cloudformation_json", classmethod(update_from_cloudformation_json))
