"""``amplify hosting add | configure | remove`` (also ``amplify add|update|remove hosting``).

Every prompt has a flag; ``--params`` takes the same values as JSON (inline, ``@file`` or
``-``) validated against ``amplify schema categories.hosting.add`` / ``.configure``; ``--yes``
takes defaults. Without a terminal nothing prompts: a missing value is an error (exit 2).
"""

from __future__ import annotations

import typer
from amplify_core.plugin import YES, command_context, load_object_param, new_app

app = new_app("hosting", "Static web hosting on Amazon S3 (DEV) or S3 + CloudFront (PROD).", group=True)

PARAMS = typer.Option(None, "--params", help="All values as JSON (inline, @file.json or -); flags win.")


@app.command()
def add(
    stage: str | None = typer.Option(
        None, "--stage", help="DEV (S3 website, HTTP) or PROD (S3 + CloudFront, HTTPS)."
    ),
    bucket_name: str | None = typer.Option(
        None, "--bucket-name", help="The hosting bucket (the stack appends -<env>)."
    ),
    index_doc: str | None = typer.Option(None, "--index-doc", help="Index document (default index.html)."),
    error_doc: str | None = typer.Option(None, "--error-doc", help="Error document (default index.html)."),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """Add hosting: writes amplify/backend/hosting/S3AndCloudFront; `amplify publish` deploys it."""
    from .add import run_add

    ctx = command_context(yes=yes)
    given = load_object_param("--params", params) or {}
    flags = {
        "stage": stage.upper() if stage else None,
        "bucketName": bucket_name,
        "indexDocument": index_doc,
        "errorDocument": error_doc,
    }
    given.update({k: v for k, v in flags.items() if v is not None})
    run_add(ctx, given)


@app.command()
def configure(
    bucket_name: str | None = typer.Option(
        None, "--bucket-name", help="Rename the bucket (only before it is deployed)."
    ),
    index_doc: str | None = typer.Option(None, "--index-doc", help="DEV: the website's index document."),
    error_doc: str | None = typer.Option(None, "--error-doc", help="DEV: the website's error document."),
    cloudfront: bool | None = typer.Option(
        None, "--cloudfront/--no-cloudfront", help="Add CloudFront (PROD) or remove it (DEV)."
    ),
    default_root_object: str | None = typer.Option(
        None, "--default-root-object", help="PROD: object served for /."
    ),
    min_ttl: str | None = typer.Option(None, "--min-ttl", help="PROD: minimum TTL (seconds)."),
    default_ttl: str | None = typer.Option(None, "--default-ttl", help="PROD: default TTL (seconds)."),
    max_ttl: str | None = typer.Option(None, "--max-ttl", help="PROD: maximum TTL (seconds)."),
    error_response: list[str] = typer.Option(
        [],
        "--error-response",
        help="PROD: add or replace CODE[:RESPONSE_CODE[:PAGE_PATH[:TTL]]], e.g. 404:200:/index.html:10 (repeatable).",
    ),
    remove_error_response: list[str] = typer.Option(
        [], "--remove-error-response", help="PROD: remove the response for CODE (repeatable)."
    ),
    ignore: list[str] = typer.Option(
        [],
        "--ignore",
        help="Add a publish ignore pattern (gitignore syntax, relative to the distribution folder; repeatable).",
    ),
    unignore: list[str] = typer.Option(
        [], "--unignore", help="Remove a publish ignore pattern (repeatable)."
    ),
    cache_control: list[str] = typer.Option(
        [],
        "--cache-control",
        help="Add or replace a rule PATTERN=VALUE, e.g. '*.png=public, max-age=86400' (repeatable).",
    ),
    remove_cache_control: list[str] = typer.Option(
        [], "--remove-cache-control", help="Remove the rule for PATTERN (repeatable)."
    ),
    params: str | None = PARAMS,
    yes: bool = YES,
) -> None:
    """Configure hosting: Website, CloudFront, Publish ignore patterns, Cache-Control rules.

    Without flags it asks section by section; with flags or --params it changes only what
    they name and never prompts.
    """
    from amplify_core.plugin import UsageError

    from .configure import Edits, parse_cache_rule, parse_error_response, run_configure
    from .validation import parse_int

    def ttl(value: str | None, flag: str) -> int | None:
        if value is None:
            return None
        try:
            return parse_int(value, flag)
        except ValueError as exc:
            raise UsageError(str(exc)) from None

    def code(value: str) -> int:
        try:
            return parse_int(value, "--remove-error-response")
        except ValueError as exc:
            raise UsageError(str(exc)) from None

    edits = Edits(
        bucket_name=bucket_name,
        index_document=index_doc,
        error_document=error_doc,
        cloudfront=cloudfront,
        default_root_object=default_root_object,
        min_ttl=ttl(min_ttl, "--min-ttl"),
        default_ttl=ttl(default_ttl, "--default-ttl"),
        max_ttl=ttl(max_ttl, "--max-ttl"),
        set_error_responses=[parse_error_response(v) for v in error_response],
        remove_error_responses=[code(v) for v in remove_error_response],
        add_ignore=list(ignore),
        remove_ignore=list(unignore),
        set_cache_rules=[parse_cache_rule(v) for v in cache_control],
        remove_cache_rules=list(remove_cache_control),
    )
    ctx = command_context(yes=yes)
    run_configure(ctx, load_object_param("--params", params), edits)


@app.command()
def remove(yes: bool = YES) -> None:
    """Remove hosting. The next `amplify push` deletes its stack, then empties and deletes the bucket."""
    from .remove import run_remove

    run_remove(command_context(yes=yes))
