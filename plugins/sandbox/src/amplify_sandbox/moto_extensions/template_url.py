"""TemplateURL parsing: moto reads only simple virtual-hosted S3 URLs. Bucket names with dots
and path-style URLs that point at the sandbox endpoint itself
(``http://127.0.0.1:<port>/<bucket>/<key>``, which moto mistakes for a bucket called ``127``)
are read here too, and a missing object is a ``ValidationError`` naming the URL."""

from __future__ import annotations

from urllib.parse import unquote, urlparse

from moto.cloudformation import models as cfn_models
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation.exceptions import ValidationError
from moto.s3.models import s3_backends

from ..s3_names import bucket_from_rest_host


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


def install() -> None:
    cfn_models.get_stack_from_s3_url = get_stack_from_s3_url
    cfn_responses.get_stack_from_s3_url = get_stack_from_s3_url
