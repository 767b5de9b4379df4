"""What a user configures about the site, as plain data.

The template is the source of truth (as in the Gen 1 CLI, so hand edits such as a custom
domain survive ``hosting configure``): :func:`amplify_category_hosting.templates.read_settings`
reads these values from it and :func:`~amplify_category_hosting.templates.apply_settings`
writes them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Stage = Literal["DEV", "PROD"]

STAGES: dict[str, str] = {
    "DEV": "DEV (S3 static website over HTTP, public read)",
    "PROD": "PROD (private S3 bucket behind CloudFront over HTTPS)",
}

DEFAULT_INDEX = "index.html"
DEFAULT_MIN_TTL = 0
"""0, so that HTML uploaded with ``Cache-Control: no-cache`` is revalidated at once (Gen 1: 60)."""
DEFAULT_TTL = 86400
DEFAULT_MAX_TTL = 31536000
DEFAULT_ERROR_CACHING_MIN_TTL = 10
"""Seconds CloudFront keeps an error response; short, because a SPA's deep links are served
as error responses and must pick up a new ``index.html`` soon after a publish (Gen 1: 300)."""


@dataclass(frozen=True)
class ErrorResponse:
    """One CloudFront custom error response."""

    error_code: int
    response_code: int | None = 200
    response_page_path: str | None = "/index.html"
    error_caching_min_ttl: int = DEFAULT_ERROR_CACHING_MIN_TTL

    def describe(self) -> str:
        if self.response_code is None:
            return f"{self.error_code} → (default page), cached {self.error_caching_min_ttl}s"
        return (
            f"{self.error_code} → {self.response_code} {self.response_page_path}, "
            f"cached {self.error_caching_min_ttl}s"
        )


def spa_error_responses(page: str = DEFAULT_INDEX, *, status: int = 200) -> tuple[ErrorResponse, ...]:
    """403 and 404 answered with ``page``: a private S3 origin says 403 for a missing key,
    so both must map for single-page-app deep links to work."""
    return tuple(ErrorResponse(code, status, f"/{page}") for code in (403, 404))


@dataclass(frozen=True)
class CloudFrontSettings:
    default_root_object: str = DEFAULT_INDEX
    min_ttl: int = DEFAULT_MIN_TTL
    default_ttl: int = DEFAULT_TTL
    max_ttl: int = DEFAULT_MAX_TTL
    error_responses: tuple[ErrorResponse, ...] = field(default_factory=spa_error_responses)

    def with_error_response(self, response: ErrorResponse) -> CloudFrontSettings:
        """Add ``response``, replacing any for the same error code; sorted by code."""
        kept = [r for r in self.error_responses if r.error_code != response.error_code]
        ordered = tuple(sorted([*kept, response], key=lambda r: r.error_code))
        return replace(self, error_responses=ordered)

    def without_error_response(self, code: int) -> CloudFrontSettings:
        return replace(self, error_responses=tuple(r for r in self.error_responses if r.error_code != code))


@dataclass(frozen=True)
class HostingSettings:
    """Stage ``PROD`` is "has CloudFront"; ``DEV`` is a public S3 website."""

    index_document: str = DEFAULT_INDEX
    error_document: str = DEFAULT_INDEX
    cloudfront: CloudFrontSettings | None = None

    @property
    def stage(self) -> Stage:
        return "PROD" if self.cloudfront is not None else "DEV"

    @classmethod
    def for_stage(
        cls, stage: Stage, index_document: str = DEFAULT_INDEX, error_document: str = DEFAULT_INDEX
    ) -> HostingSettings:
        """New settings; for PROD the error document becomes the 403/404 response page
        (status 200 when it is the index document, the SPA case; 404 otherwise)."""
        cloudfront = None
        if stage == "PROD":
            status = 200 if error_document == index_document else 404
            cloudfront = CloudFrontSettings(
                default_root_object=index_document,
                error_responses=spa_error_responses(error_document, status=status),
            )
        return cls(index_document, error_document, cloudfront)

    def with_cloudfront(self, enabled: bool) -> HostingSettings:
        """Switch stage, keeping the documents."""
        if enabled == (self.cloudfront is not None):
            return self
        if not enabled:
            return replace(self, cloudfront=None)
        return HostingSettings.for_stage("PROD", self.index_document, self.error_document)
