"""CloudFront rules, applied to a distribution in moto's CloudFront backend.

As CloudFront: ``/`` serves the default root object (at the root only); the first cache
behaviour whose path pattern matches picks the origin, else the default behaviour; an origin
answer with an error status that a custom error response names is replaced by that response's
page and status. Origins are buckets in the sandbox: an S3 REST origin
(``<bucket>.s3[.<region>].amazonaws.com``, origin path honoured) is read as the distribution's
origin access control (the CloudFront service principal with this distribution's ARN) or
origin access identity (its canonical user), or anonymously without either — and answers 403
when the bucket's policy does not let that caller read; an S3 website origin
(``<bucket>.s3-website…``) gets the website rules.

An S3 REST origin answers a missing key with 404 only if that caller may ``s3:ListBucket``, else
403 (as S3 does: an origin granted ``s3:GetObject`` alone says 403, which is why SPA templates
map both 403 and 404 to ``/index.html``). Answers go through the edge cache
(:mod:`.edge_cache`): TTLs and Cache-Control decide how long, invalidations end it.
"""

from __future__ import annotations

import fnmatch
from typing import Any

from moto.cloudfront.models import Distribution, cloudfront_backends
from werkzeug.wrappers import Request, Response

from ..moto_extensions.cloudfront_oai import find_identity
from ..moto_extensions.s3_access import (
    ANONYMOUS,
    Caller,
    cloudfront_oac,
    cloudfront_oai,
    may_read,
    missing_key_status,
)
from ..s3_names import bucket_from_rest_host, bucket_from_website_host
from . import edge_cache
from .objects import error_page, find_bucket, find_key, object_response
from .website import serve_website


def iter_distributions() -> list[Distribution]:
    backends: list[Any] = [backend for _, _, backend in list(cloudfront_backends.iter_backends())]
    return [dist for backend in backends for dist in list(backend.distributions.values())]


def find_distribution(name: str) -> Distribution | None:
    """A distribution by Id or by the first label of its domain name (case-insensitive)."""
    wanted = name.lower()
    for dist in iter_distributions():
        if dist.distribution_id.lower() == wanted or dist.domain_name.split(".")[0].lower() == wanted:
            return dist
    return None


def _behavior(config: Any, path: str) -> Any:
    for behavior in config.CacheBehaviors.get("Items") or []:
        pattern = behavior.path_pattern.lstrip("/")
        if fnmatch.fnmatchcase(path.lstrip("/"), pattern):
            return behavior
    return config.DefaultCacheBehavior


def _from_origin(dist: Distribution, path: str, request: Request, base: str) -> Response:
    config: Any = dist.distribution_config  # moto sets its fields from the request's XML
    behavior = _behavior(config, path)
    origin = next((o for o in config.Origins["Items"] if o.id == behavior.target_origin_id), None)
    if origin is None:
        return error_page(502, "BadGateway", f"No origin {behavior.target_origin_id!r}")
    full_path = "/" + (origin.origin_path.strip("/") + "/" + path.lstrip("/")).lstrip("/")
    domain = origin.domain_name.lower()
    website_bucket = bucket_from_website_host(domain)
    if website_bucket:
        return serve_website(website_bucket, full_path, request, base)
    bucket_name = bucket_from_rest_host(domain)
    bucket = find_bucket(bucket_name) if bucket_name else None
    if bucket is None:
        return error_page(
            502, "BadGateway", f"The origin {origin.domain_name} is not a bucket in the sandbox"
        )
    key_name = full_path.lstrip("/")
    key = find_key(bucket, key_name)
    caller = origin_caller(dist, origin)
    if key is None:
        if missing_key_status(bucket, caller) == 404:
            return error_page(404, "NoSuchKey", "The specified key does not exist.")
        return error_page(403, "AccessDenied", "Access Denied")
    if not may_read(bucket, key_name, caller, key_acl=key.acl):
        return error_page(403, "AccessDenied", "Access Denied")
    return object_response(request, key)


def origin_caller(dist: Distribution, origin: Any) -> Caller:
    """Who CloudFront is to the bucket: the service for this distribution (OAC), its origin
    access identity (OAI), or nobody in particular (anonymous)."""
    if getattr(origin, "origin_access_control_id", ""):
        account_id = dist.arn.split(":")[4] if dist.arn.count(":") >= 5 else ""
        return cloudfront_oac(account_id, dist.distribution_id)
    identity_path = (getattr(origin, "s3_origin_config", None) or {}).get("OriginAccessIdentity") or ""
    if identity_path:
        identity = find_identity(identity_path.rsplit("/", 1)[-1])
        if identity is not None:
            return cloudfront_oai(identity.s3_canonical_user_id, identity.iam_arn)
    return ANONYMOUS


def _error_rule(config: Any, status: int) -> dict[str, Any] | None:
    rules = {int(r["ErrorCode"]): r for r in config.CustomErrorResponses.get("Items") or []}
    return rules.get(status)


def serve_distribution(name: str, path: str, request: Request, base: str = "") -> Response:
    """Answer ``request`` for ``path`` on distribution ``name`` (its Id or domain label),
    through the edge cache (:mod:`.edge_cache`)."""
    dist = find_distribution(name)
    if dist is None:
        return error_page(404, "NoSuchDistribution", "The specified distribution does not exist.", Id=name)
    config = dist.distribution_config

    def error_ttl(status: int) -> int | None:
        rule = _error_rule(config, status)
        value = (rule or {}).get("ErrorCachingMinTTL")
        return None if value in (None, "") else int(value)

    return edge_cache.serve(
        dist,
        path,
        request,
        _behavior(config, path),
        error_ttl,
        lambda clean: _serve_from_origin(dist, path, clean, base),
    )


def _serve_from_origin(dist: Distribution, path: str, request: Request, base: str) -> Response:
    """The origin's answer with the default root object and the custom error responses."""
    config: Any = dist.distribution_config
    if path == "/" and config.DefaultRootObject:
        path = "/" + config.DefaultRootObject
    response = _from_origin(dist, path, request, base)
    rule = _error_rule(config, response.status_code) if response.status_code >= 400 else None
    if rule is None:
        return response
    status = int(rule.get("ResponseCode") or response.status_code)
    page_path = rule.get("ResponsePagePath")
    if not page_path:
        response.status_code = status
        return response
    page = _from_origin(dist, page_path, request, base)
    if page.status_code >= 400:
        return response  # CloudFront too falls back to the origin's error when the page fails
    if page.status_code == 200:
        page.status_code = status  # a 304 or 206 for the page stays what it is
    return page
