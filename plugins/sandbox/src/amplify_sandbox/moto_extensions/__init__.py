"""What moto lacks for amplify's templates, taught to it one gap per module.

moto 5 runs most of a CloudFormation stack but silently skips, or gets wrong, what a hosting
template needs. Each module here corrects one
moto behaviour, says which in its docstring, and has an ``install()``; :func:`install` applies
them all, idempotently. Because moto's server and ``mock_aws`` share the same model classes, one
``install()`` covers both: the sandbox server calls it before serving, and the pytest fixtures
call it before ``mock_aws`` starts. Importing a gap module loads moto's CloudFormation parser and
the ~40 backends it knows (about a second, once per process).

To add a gap: a new module with a docstring and an ``install()`` (a resource type moto lacks is a
model class passed to :func:`.base.register`), and its name in :data:`GAPS`.
"""

from __future__ import annotations

import importlib

#: The gap modules, applied in this order.
GAPS: tuple[str, ...] = (
    "cloudfront_distribution",
    "cloudfront_oac",
    "cloudfront_oai",
    "cloudfront_origin_fields",
    "cloudfront_invalidations",
    "cloudfront_config_validation",
    "s3_bucket_policy",
    "s3_bucket_properties",
    "s3_bucket_delete",
    "s3_access",
    "s3_integrity",
    "s3_notifications",
    "iam_authorization",
    "sts_assume_role",
    "nested_stacks",
    "template_url",
    "cognito",
    "cognito_credentials",
    "lambda_invoke",
    "lambda_permission",
    "lambda_runtimes",
    "custom_resource",
    "lambda_url",
    "apigateway_body",
    "stack_operations",
    "stack_deletion",
    "template_validation",
    "request_cost",
)

_INSTALLED = False


def install() -> None:
    """Apply every extension to moto (safe to call more than once)."""
    global _INSTALLED
    if _INSTALLED:
        return
    for name in GAPS:
        importlib.import_module(f"{__name__}.{name}").install()
    _INSTALLED = True
