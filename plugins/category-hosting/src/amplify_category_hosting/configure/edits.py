"""What ``hosting configure`` can change (:class:`HostingState`), the changes given as flags
(:class:`Edits`), and applying and checking them: pure, no files, no prompts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from amplify_core.plugin import UsageError

from ..publish.content import CacheRule
from ..publish_config import check_cache_control, check_pattern
from ..settings import CloudFrontSettings, ErrorResponse, HostingSettings
from ..validation import (
    ERROR_CODES,
    check_bucket_name,
    check_document_name,
    check_page_path,
    check_ttl,
    check_ttl_order,
    parse_int,
)

WEBSITE_DISABLED = (
    "Static webhosting is disabled for the hosting bucket when CloudFront Distribution is enabled."
)


@dataclass(frozen=True)
class HostingState:
    """Everything ``configure`` can change."""

    settings: HostingSettings
    bucket_name: str
    ignore: tuple[str, ...] = ()
    cache_rules: tuple[CacheRule, ...] = ()


@dataclass
class Edits:
    """Changes given as flags."""

    bucket_name: str | None = None
    index_document: str | None = None
    error_document: str | None = None
    cloudfront: bool | None = None
    default_root_object: str | None = None
    min_ttl: int | None = None
    default_ttl: int | None = None
    max_ttl: int | None = None
    set_error_responses: list[ErrorResponse] = field(default_factory=list)
    remove_error_responses: list[int] = field(default_factory=list)
    add_ignore: list[str] = field(default_factory=list)
    remove_ignore: list[str] = field(default_factory=list)
    set_cache_rules: list[CacheRule] = field(default_factory=list)
    remove_cache_rules: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not any(v is not None and v != [] for v in vars(self).values())


# --- parsing flags ----------------------------------------------------------------------------


def parse_error_response(text: str) -> ErrorResponse:
    """``CODE[:RESPONSE_CODE[:PAGE_PATH[:CACHING_TTL]]]``; RESPONSE_CODE ``none`` keeps
    CloudFront's own error page (only the caching TTL applies)."""
    parts = text.split(":")
    if not 1 <= len(parts) <= 4:
        raise UsageError(f"--error-response {text!r}: expected CODE[:RESPONSE_CODE[:PAGE_PATH[:TTL]]]")
    try:
        code = parse_int(parts[0], "the error code")
        if code not in ERROR_CODES:
            raise ValueError(f"the error code must be one of {', '.join(map(str, ERROR_CODES))}")
        response_code: int | None = 200
        if len(parts) > 1 and parts[1]:
            response_code = None if parts[1].lower() == "none" else parse_int(parts[1], "the response code")
        if response_code is not None and not 200 <= response_code <= 599:
            raise ValueError("the response code must be between 200 and 599")
        page = parts[2] if len(parts) > 2 and parts[2] else "/index.html"
        problem = check_page_path(page)
        if problem:
            raise ValueError(problem)
        ttl = parse_int(parts[3], "the caching TTL") if len(parts) > 3 and parts[3] else 10
    except ValueError as exc:
        raise UsageError(f"--error-response {text!r}: {exc}") from None
    return ErrorResponse(code, response_code, page if response_code is not None else None, ttl)


def parse_cache_rule(text: str) -> CacheRule:
    """``PATTERN=VALUE`` (split at the first ``=``)."""
    pattern, sep, value = text.partition("=")
    problem = (
        check_pattern(pattern) or (None if sep else "expected PATTERN=VALUE") or check_cache_control(value)
    )
    if problem:
        raise UsageError(f"--cache-control {text!r}: {problem}")
    return CacheRule(pattern.strip(), value.strip())


# --- applying changes (pure) ------------------------------------------------------------------


def apply_params(state: HostingState, params: dict[str, Any]) -> HostingState:
    """``--params``: given keys replace current values."""
    settings = state.settings
    if "cloudFront" in params:
        settings = settings.with_cloudfront(params["cloudFront"])
    settings = _set_documents(settings, params.get("indexDocument"), params.get("errorDocument"), "--params")
    cf_keys = ("defaultRootObject", "minTTL", "defaultTTL", "maxTTL", "errorResponses")
    if any(k in params for k in cf_keys):
        cloudfront = _require_cloudfront(settings, "--params." + next(k for k in cf_keys if k in params))
        cloudfront = replace(
            cloudfront,
            default_root_object=params.get("defaultRootObject", cloudfront.default_root_object),
            min_ttl=params.get("minTTL", cloudfront.min_ttl),
            default_ttl=params.get("defaultTTL", cloudfront.default_ttl),
            max_ttl=params.get("maxTTL", cloudfront.max_ttl),
        )
        if "errorResponses" in params:
            responses: dict[int, ErrorResponse] = {}
            for item in params["errorResponses"]:
                code = item.get("responseCode", 200)
                responses[item["errorCode"]] = ErrorResponse(
                    item["errorCode"],
                    code,
                    item.get("responsePagePath", "/index.html") if code is not None else None,
                    item.get("errorCachingMinTTL", 10),
                )
            cloudfront = replace(cloudfront, error_responses=tuple(responses[c] for c in sorted(responses)))
        settings = replace(settings, cloudfront=cloudfront)
    return replace(
        state,
        settings=settings,
        bucket_name=params.get("bucketName", state.bucket_name),
        ignore=tuple(params["ignore"]) if "ignore" in params else state.ignore,
        cache_rules=tuple(CacheRule(r["pattern"], r["cacheControl"]) for r in params["cacheControl"])
        if "cacheControl" in params
        else state.cache_rules,
    )


def apply_edits(state: HostingState, edits: Edits) -> HostingState:
    """Flags: the stage switch first, then documents, CloudFront values, lists."""
    settings = state.settings
    if edits.cloudfront is not None:
        settings = settings.with_cloudfront(edits.cloudfront)
    settings = _set_documents(settings, edits.index_document, edits.error_document, "flags")
    cf_values = {
        "--default-root-object": edits.default_root_object,
        "--min-ttl": edits.min_ttl,
        "--default-ttl": edits.default_ttl,
        "--max-ttl": edits.max_ttl,
    }
    used = [flag for flag, value in cf_values.items() if value is not None]
    if edits.set_error_responses:
        used.append("--error-response")
    if edits.remove_error_responses:
        used.append("--remove-error-response")
    if used:
        cloudfront = _require_cloudfront(settings, used[0])
        cloudfront = replace(
            cloudfront,
            default_root_object=edits.default_root_object or cloudfront.default_root_object,
            min_ttl=cloudfront.min_ttl if edits.min_ttl is None else edits.min_ttl,
            default_ttl=cloudfront.default_ttl if edits.default_ttl is None else edits.default_ttl,
            max_ttl=cloudfront.max_ttl if edits.max_ttl is None else edits.max_ttl,
        )
        for code in edits.remove_error_responses:
            if code not in {r.error_code for r in cloudfront.error_responses}:
                raise UsageError(f"--remove-error-response {code}: no custom error response for {code}.")
            cloudfront = cloudfront.without_error_response(code)
        for response in edits.set_error_responses:
            cloudfront = cloudfront.with_error_response(response)
        settings = replace(settings, cloudfront=cloudfront)
    ignore = list(state.ignore)
    for pattern in edits.remove_ignore:
        if pattern not in ignore:
            raise UsageError(
                f"--unignore {pattern!r}: not an ignore pattern (have: {', '.join(ignore) or 'none'})."
            )
        ignore.remove(pattern)
    for pattern in edits.add_ignore:
        problem = check_pattern(pattern)
        if problem:
            raise UsageError(f"--ignore {pattern!r}: {problem}")
        if pattern.strip() not in ignore:
            ignore.append(pattern.strip())
    rules = list(state.cache_rules)
    for pattern in edits.remove_cache_rules:
        if pattern not in {r.pattern for r in rules}:
            raise UsageError(f"--remove-cache-control {pattern!r}: no rule for that pattern.")
        rules = [r for r in rules if r.pattern != pattern]
    for rule in edits.set_cache_rules:
        rules = [r for r in rules if r.pattern != rule.pattern] + [rule]
    return replace(
        state,
        settings=settings,
        bucket_name=edits.bucket_name or state.bucket_name,
        ignore=tuple(ignore),
        cache_rules=tuple(rules),
    )


def _set_documents(
    settings: HostingSettings, index: str | None, error: str | None, source: str
) -> HostingSettings:
    if index is None and error is None:
        return settings
    if settings.cloudfront is not None:
        raise UsageError(
            f"{source}: index and error documents configure the S3 website (DEV). {WEBSITE_DISABLED}",
            hint="With CloudFront use --default-root-object and --error-response.",
        )
    return replace(
        settings,
        index_document=index or settings.index_document,
        error_document=error or settings.error_document,
    )


def _require_cloudfront(settings: HostingSettings, source: str) -> CloudFrontSettings:
    if settings.cloudfront is None:
        raise UsageError(
            f"{source} needs CloudFront, and this hosting is an S3 website (DEV).",
            hint="Add CloudFront in the same command: --cloudfront",
        )
    return settings.cloudfront


def check_state(state: HostingState, *, env_name: str) -> None:
    """Every rule at once; raises a UsageError listing each problem."""
    problems = []
    settings = state.settings
    problem = check_bucket_name(state.bucket_name, suffix=f"-{env_name}")
    if problem:
        problems.append(problem)
    for what, doc in (
        ("index document", settings.index_document),
        ("error document", settings.error_document),
    ):
        problem = check_document_name(doc)
        if problem:
            problems.append(f"The {what}: {problem}")
    cloudfront = settings.cloudfront
    if cloudfront is not None:
        for what, value in (
            ("minimum", cloudfront.min_ttl),
            ("default", cloudfront.default_ttl),
            ("maximum", cloudfront.max_ttl),
        ):
            problem = check_ttl(value, f"The {what} TTL")
            if problem:
                problems.append(problem)
        problem = check_ttl_order(cloudfront.min_ttl, cloudfront.default_ttl, cloudfront.max_ttl)
        if problem:
            problems.append(problem)
        problem = check_document_name(cloudfront.default_root_object)
        if problem:
            problems.append(f"The default root object: {problem}")
    if problems:
        raise UsageError("Invalid hosting configuration:\n" + "\n".join(f"  - {p}" for p in problems))
