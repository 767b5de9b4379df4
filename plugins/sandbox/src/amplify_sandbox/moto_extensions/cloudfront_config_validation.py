"""Distribution configs CloudFront refuses: moto 5 stores any ``DistributionConfig`` it is given.

So a template with a typo in ``ViewerProtocolPolicy``, TTLs in the wrong order or an origin
naming an access identity that doesn't exist deployed in the sandbox and failed in AWS. Here
``CreateDistribution``/``UpdateDistribution`` (the API, and CloudFormation's
``AWS::CloudFront::Distribution``, which calls the same backend) check what CloudFront
documents and answer its error codes:

- ``InvalidArgument``: an enum value CloudFront doesn't know (``ViewerProtocolPolicy``,
  ``PriceClass``, ``HttpVersion``, allowed and cached methods, ``MinimumProtocolVersion``);
  cached methods that are not a subset of the allowed ones;
- ``InvalidTTLOrder``: ``MinTTL`` > ``DefaultTTL`` or ``DefaultTTL`` > ``MaxTTL``;
- ``NoSuchOrigin``: a cache behaviour whose ``TargetOriginId`` is none of the origins;
- ``InvalidOriginAccessIdentity`` / ``NoSuchOriginAccessControl``: an S3 origin naming an
  identity or an origin access control that doesn't exist;
- ``InvalidViewerCertificate``: aliases with CloudFront's default certificate (an alternate
  domain name needs a certificate that covers it).
"""

from __future__ import annotations

from typing import Any

VIEWER_PROTOCOL_POLICIES = {"allow-all", "https-only", "redirect-to-https"}
PRICE_CLASSES = {"PriceClass_100", "PriceClass_200", "PriceClass_All"}
HTTP_VERSIONS = {"http1.1", "http2", "http3", "http2and3"}
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "OPTIONS", "DELETE"}
#: The method sets CloudFront accepts (it refuses any other combination).
ALLOWED_METHOD_SETS = (
    {"GET", "HEAD"},
    {"GET", "HEAD", "OPTIONS"},
    METHODS,
)
PROTOCOL_VERSIONS = {
    "SSLv3",
    "TLSv1",
    "TLSv1_2016",
    "TLSv1.1_2016",
    "TLSv1.2_2018",
    "TLSv1.2_2019",
    "TLSv1.2_2021",
    "TLSv1.2_2025",
    "TLSv1.3_2025",
}
_OAI_PREFIX = "origin-access-identity/cloudfront/"


def _error(code: str, message: str) -> Exception:
    from moto.cloudfront.exceptions import CloudFrontException

    return CloudFrontException(code, message)


def _items(block: Any) -> list[Any]:
    """``{"Quantity": n, "Items": [...]}`` (or a bare list) as a list."""
    if isinstance(block, list):
        return block
    if isinstance(block, dict):
        items = block.get("Items") or []
        if isinstance(items, dict):  # XML-shaped: {"Origin": [...]} or {"Method": "GET"}
            inner: Any = next(iter(items.values()), [])
            return inner if isinstance(inner, list) else [inner]
        return list(items)
    return []


def _enum(value: Any, allowed: set[str], name: str) -> None:
    if value not in (None, "") and str(value) not in allowed:
        raise _error("InvalidArgument", f"The value {value!r} is not valid for {name}.")


def _int(value: Any) -> int | None:
    try:
        return None if value in (None, "") else int(value)
    except (TypeError, ValueError):
        raise _error("InvalidArgument", f"The value {value!r} is not a valid TTL.") from None


def _behavior(behavior: dict[str, Any], origin_ids: set[str], where: str) -> None:
    _enum(behavior.get("ViewerProtocolPolicy"), VIEWER_PROTOCOL_POLICIES, f"{where}.ViewerProtocolPolicy")
    if behavior.get("TargetOriginId") not in origin_ids:
        raise _error("NoSuchOrigin", "One or more of your origins or origin groups do not exist.")
    allowed_block = behavior.get("AllowedMethods") or {}
    allowed = {str(m) for m in _items(allowed_block)} or {"GET", "HEAD"}
    cached = {str(m) for m in _items(allowed_block.get("CachedMethods") or {})} or {"GET", "HEAD"}
    for method in allowed | cached:
        _enum(method, METHODS, f"{where}.AllowedMethods")
    if allowed not in ALLOWED_METHOD_SETS:
        raise _error(
            "InvalidArgument",
            f"{where}.AllowedMethods must be GET, HEAD; GET, HEAD, OPTIONS; or all seven methods.",
        )
    if not cached <= allowed or cached not in ({"GET", "HEAD"}, {"GET", "HEAD", "OPTIONS"}):
        raise _error(
            "InvalidArgument", f"{where}.CachedMethods must be GET, HEAD (and OPTIONS) of the allowed."
        )
    low, default, high = (_int(behavior.get(k)) for k in ("MinTTL", "DefaultTTL", "MaxTTL"))
    if (low is not None and default is not None and low > default) or (
        default is not None and high is not None and default > high
    ):
        raise _error(
            "InvalidTTLOrder",
            "The TTL order specified in CacheBehavior is not valid: MinTTL must be less than or "
            "equal to DefaultTTL, and DefaultTTL less than or equal to MaxTTL.",
        )


def validate(config: dict[str, Any], backend: Any) -> None:
    """Raise CloudFront's error for the first thing in ``config`` it would refuse."""
    from .cloudfront_oai import find_identity

    origins = [o for o in _items(config.get("Origins")) if isinstance(o, dict)]
    origin_ids = {str(o.get("Id")) for o in origins}
    for origin in origins:
        identity = str((origin.get("S3OriginConfig") or {}).get("OriginAccessIdentity") or "")
        if identity:
            oai_id = identity[len(_OAI_PREFIX) :] if identity.startswith(_OAI_PREFIX) else ""
            if not oai_id or find_identity(oai_id) is None:
                raise _error(
                    "InvalidOriginAccessIdentity",
                    "The specified origin access identity does not exist or is not valid.",
                )
        control = origin.get("OriginAccessControlId")
        if control and control not in getattr(backend, "origin_access_controls", {}):
            raise _error("NoSuchOriginAccessControl", "The specified origin access control does not exist.")
    if not origins:
        raise _error("InvalidArgument", "The distribution must have at least one origin.")
    _behavior(config.get("DefaultCacheBehavior") or {}, origin_ids, "DefaultCacheBehavior")
    for behavior in _items(config.get("CacheBehaviors")):
        _behavior(behavior, origin_ids, f"CacheBehavior {behavior.get('PathPattern', '')}")
    _enum(config.get("PriceClass"), PRICE_CLASSES, "PriceClass")
    _enum(config.get("HttpVersion"), HTTP_VERSIONS, "HttpVersion")
    certificate = config.get("ViewerCertificate") or {}
    _enum(certificate.get("MinimumProtocolVersion"), PROTOCOL_VERSIONS, "MinimumProtocolVersion")
    uses_default = str(certificate.get("CloudFrontDefaultCertificate", "true")).lower() == "true" or not (
        certificate.get("ACMCertificateArn") or certificate.get("IAMCertificateId")
    )
    if _items(config.get("Aliases")) and uses_default:
        raise _error(
            "InvalidViewerCertificate",
            "To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach "
            "a trusted certificate that validates your authorization to use the domain name.",
        )


def install() -> None:
    from moto.cloudfront.models import CloudFrontBackend

    if getattr(CloudFrontBackend.create_distribution, "_amplify_extension", False):
        return
    create = CloudFrontBackend.create_distribution
    update = CloudFrontBackend.update_distribution

    def create_distribution(
        self: Any, distribution_config: dict[str, Any], tags: list[dict[str, str]]
    ) -> Any:
        validate(distribution_config, self)
        return create(self, distribution_config, tags)

    def update_distribution(self: Any, dist_config: dict[str, Any], _id: str, if_match: bool) -> Any:
        if dist_config:
            validate(dist_config, self)
        return update(self, dist_config, _id, if_match)

    create_distribution._amplify_extension = True  # type: ignore[attr-defined]
    CloudFrontBackend.create_distribution = create_distribution
    CloudFrontBackend.update_distribution = update_distribution
