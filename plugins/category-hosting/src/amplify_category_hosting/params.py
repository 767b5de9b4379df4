"""Headless parameters of ``hosting add`` and ``hosting configure`` (``--params`` JSON).

The JSON Schemas (``amplify schema categories.hosting.add`` / ``.configure``) are generated
from these models; the flags of each command fill the same keys, so both paths go through
one validation that names the JSON path of every problem.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

from .validation import ERROR_CODES, MAX_TTL_LIMIT

Optional = SkipJsonSchema[None]
BucketName = Annotated[
    str, StringConstraints(min_length=3, max_length=63, pattern=r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
]
DocName = Annotated[str, StringConstraints(min_length=1, pattern=r"^[^/\\]+$")]
TTL = Annotated[int, Field(ge=0, le=MAX_TTL_LIMIT)]
Pattern = Annotated[str, StringConstraints(min_length=1)]
ErrorCode = Literal[ERROR_CODES]  # type: ignore[valid-type]


class HostingAddParams(BaseModel):
    """``amplify hosting add``: the stage and the bucket."""

    model_config = ConfigDict(extra="forbid")

    stage: Literal["DEV", "PROD"] | Optional = Field(
        None, description="DEV: S3 static website (HTTP, public). PROD: private S3 behind CloudFront (HTTPS)."
    )
    bucketName: BucketName | Optional = Field(
        None, description="The hosting bucket's name; the stack appends -<env>."
    )
    indexDocument: DocName | Optional = Field(None, description="Index document (default index.html).")
    errorDocument: DocName | Optional = Field(
        None, description="Error document (default index.html, so single-page apps route deep links)."
    )


class ErrorResponseParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    errorCode: ErrorCode = Field(description="The HTTP error the origin returned.")
    responseCode: Annotated[int, Field(ge=200, le=599)] | None = Field(
        200, description="The status sent to the viewer; null for CloudFront's own error page."
    )
    responsePagePath: Annotated[str, StringConstraints(pattern=r"^/")] | Optional = Field(
        None, description="The page sent instead, e.g. /index.html (default)."
    )
    errorCachingMinTTL: TTL | Optional = Field(
        None, description="Seconds CloudFront caches the error response."
    )


class CacheControlRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pattern: Pattern = Field(description="gitignore-style pattern, relative to the distribution folder.")
    cacheControl: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="The Cache-Control header value."
    )


class HostingConfigureParams(BaseModel):
    """``amplify hosting configure``: every section; lists replace the current lists."""

    model_config = ConfigDict(extra="forbid")

    bucketName: BucketName | Optional = Field(None, description="Only before the bucket was first deployed.")
    indexDocument: DocName | Optional = Field(None, description="DEV: the website's index document.")
    errorDocument: DocName | Optional = Field(None, description="DEV: the website's error document.")
    cloudFront: bool | Optional = Field(
        None, description="true adds CloudFront (PROD), false removes it (DEV)."
    )
    defaultRootObject: DocName | Optional = Field(None, description="PROD: the object served for /.")
    minTTL: TTL | Optional = Field(None, description="PROD: minimum TTL in seconds.")
    defaultTTL: TTL | Optional = Field(None, description="PROD: default TTL in seconds.")
    maxTTL: TTL | Optional = Field(None, description="PROD: maximum TTL in seconds.")
    errorResponses: list[ErrorResponseParams] | Optional = Field(
        None, description="PROD: the custom error responses (replaces them all)."
    )
    ignore: list[Pattern] | Optional = Field(
        None, description="Publish ignore patterns, gitignore syntax (replaces them all)."
    )
    cacheControl: list[CacheControlRule] | Optional = Field(
        None, description="Cache-Control rules, the last match wins (replaces them all)."
    )
