"""S3 static website hosting rules, applied to a bucket in moto's backend.

As the S3 website endpoint: GET and HEAD only; a folder path serves its index document; a
missing key whose folder has an index document redirects to ``key/``; a missing key serves
the error document with status 404 if anonymous readers may ``s3:ListBucket``, else 403 (S3
does not tell them which keys exist); the default error page without one; a key that is not
publicly readable is a 403; ``RedirectAllRequestsTo``, routing rules and per-object
``x-amz-website-redirect-location`` redirect.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from moto.s3.models import FakeBucket
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from .objects import (
    anonymous_missing_key_status,
    anonymous_read_allowed,
    error_page,
    find_bucket,
    find_key,
    object_response,
)


@dataclass(frozen=True)
class RoutingRule:
    key_prefix: str | None
    error_code: int | None
    host: str | None
    protocol: str | None
    replace_key_prefix: str | None
    replace_key: str | None
    redirect_code: int


@dataclass(frozen=True)
class WebsiteConfig:
    index_suffix: str | None = None
    error_key: str | None = None
    redirect_all: tuple[str, str | None] | None = None  # (host, protocol)
    routing_rules: list[RoutingRule] = field(default_factory=list)


def _text(element: ET.Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    return found.text.strip() if found is not None and found.text else None


def parse_website_config(document: bytes) -> WebsiteConfig:
    """Read a ``PutBucketWebsite`` XML document (as moto stores it), namespaces ignored."""
    root = ET.fromstring(document)
    for element in root.iter():
        element.tag = element.tag.rsplit("}", 1)[-1]
    redirect_all = root.find("RedirectAllRequestsTo")
    rules = []
    for rule in root.iterfind("RoutingRules/RoutingRule"):
        condition, target = rule.find("Condition"), rule.find("Redirect")
        error_code = _text(condition, "HttpErrorCodeReturnedEquals")
        rules.append(
            RoutingRule(
                key_prefix=_text(condition, "KeyPrefixEquals"),
                error_code=int(error_code) if error_code else None,
                host=_text(target, "HostName"),
                protocol=_text(target, "Protocol"),
                replace_key_prefix=_text(target, "ReplaceKeyPrefixWith"),
                replace_key=_text(target, "ReplaceKeyWith"),
                redirect_code=int(_text(target, "HttpRedirectCode") or 301),
            )
        )
    return WebsiteConfig(
        index_suffix=_text(root, "IndexDocument/Suffix"),
        error_key=_text(root, "ErrorDocument/Key"),
        redirect_all=(
            (_text(redirect_all, "HostName") or "", _text(redirect_all, "Protocol"))
            if redirect_all is not None
            else None
        ),
        routing_rules=rules,
    )


def _routing_redirect(
    config: WebsiteConfig, key: str, error_code: int | None, request: Request, base: str
) -> Response | None:
    for rule in config.routing_rules:
        if rule.key_prefix is not None and not key.startswith(rule.key_prefix):
            continue
        if rule.error_code is not None and rule.error_code != error_code:
            continue
        if rule.error_code is None and error_code is not None:
            continue  # prefix-only rules are applied before the object is looked up
        if rule.replace_key is not None:
            new_key = rule.replace_key
        elif rule.replace_key_prefix is not None:
            new_key = rule.replace_key_prefix + key[len(rule.key_prefix or "") :]
        else:
            new_key = key
        if rule.host:
            location = f"{rule.protocol or request.scheme}://{rule.host}/{new_key}"
        else:
            location = f"{base}/{new_key}"
        return redirect(location, code=rule.redirect_code)
    return None


def serve_website(bucket_name: str, path: str, request: Request, base: str = "") -> Response:
    """Answer ``request`` for ``path`` on the website of ``bucket_name``."""
    bucket = find_bucket(bucket_name)
    if bucket is None:
        return error_page(404, "NoSuchBucket", "The specified bucket does not exist", BucketName=bucket_name)
    if not bucket.website_configuration:
        return error_page(
            404,
            "NoSuchWebsiteConfiguration",
            "The specified bucket does not have a website configuration",
            BucketName=bucket_name,
        )
    config = parse_website_config(bucket.website_configuration)
    if config.redirect_all is not None:
        host, protocol = config.redirect_all
        return redirect(f"{protocol or request.scheme}://{host}{path}", code=301)
    if request.method not in ("GET", "HEAD"):
        return error_page(
            405, "MethodNotAllowed", "The specified method is not allowed against this resource."
        )

    key_name = path.lstrip("/")
    if config.index_suffix and (key_name == "" or key_name.endswith("/")):
        key_name += config.index_suffix
    routed = _routing_redirect(config, key_name, None, request, base)
    if routed is not None:
        return routed

    key = find_key(bucket, key_name)
    if key is not None:
        if not anonymous_read_allowed(bucket, key):
            return _error(bucket, config, 403, key_name, request, base)
        if key.website_redirect_location:
            return redirect(key.website_redirect_location, code=301)
        return object_response(request, key)
    if config.index_suffix and find_key(bucket, f"{key_name}/{config.index_suffix}"):
        return redirect(f"{base}/{key_name}/", code=302)
    return _error(bucket, config, anonymous_missing_key_status(bucket), key_name, request, base)


def _error(
    bucket: FakeBucket, config: WebsiteConfig, status: int, key_name: str, request: Request, base: str
) -> Response:
    """The error answer: a routing-rule redirect, the error document, or S3's own page."""
    routed = _routing_redirect(config, key_name, status, request, base)
    if routed is not None:
        return routed
    document = find_key(bucket, config.error_key) if config.error_key else None
    if document is not None and anonymous_read_allowed(bucket, document):
        return object_response(request, document, status=status)
    if status == 403:
        return error_page(403, "AccessDenied", "Access Denied")
    return error_page(404, "NoSuchKey", "The specified key does not exist.", Key=key_name)
