"""The interactive ``hosting configure``: Gen 1's sections (Website, CloudFront, Publish,
Cache-Control), asked until "exit"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from amplify_core.plugin import AmplifyContext, Choice, Question, UsageError

from ..publish.content import IMMUTABLE, CacheRule
from ..publish_config import check_cache_control, check_pattern
from ..settings import CloudFrontSettings, ErrorResponse
from ..validation import (
    ERROR_CODES,
    check_bucket_name,
    check_document_name,
    check_page_path,
    check_ttl,
    parse_int,
)
from .edits import WEBSITE_DISABLED, HostingState

SECTIONS = ("Website", "CloudFront", "Publish", "Cache-Control", "exit")
MAX_LOOPS = 200  # a scripted answer that never says "exit" must not loop for ever


def _ask(ctx: AmplifyContext, question: Question) -> Any:
    return ctx.prompter.ask([question])[question.id]


def _ttl_question(qid: str, message: str, default: int, extra: Any = None) -> Question:
    def validate(value: Any) -> str | None:
        problem = check_ttl(value, message)
        if problem is None and extra is not None:
            problem = extra(parse_int(value, message))
        return problem

    return Question(id=qid, message=message, default=str(default), validate=validate)


def interactive(
    ctx: AmplifyContext, state: HostingState, *, bucket_deployed: bool, env_name: str
) -> HostingState:
    show(ctx, state)
    if not bucket_deployed:
        name = _ask(
            ctx,
            Question(
                id="bucketName",
                message="hosting bucket name",
                default=state.bucket_name,
                validate=lambda v: check_bucket_name(v, suffix=f"-{env_name}"),
                flag="--bucket-name",
            ),
        )
        state = replace(state, bucket_name=name)
    last = -1
    for _ in range(MAX_LOOPS):
        default = SECTIONS[min(last + 1, len(SECTIONS) - 1)]
        section = _ask(
            ctx,
            Question(
                id="section",
                message="Specify the section to configure",
                kind="select",
                choices=SECTIONS,
                default=default,
            ),
        )
        if section == "exit":
            return state
        last = SECTIONS.index(section)
        if section == "Website":
            state = _website(ctx, state)
        elif section == "CloudFront":
            state = _cloudfront(ctx, state)
        elif section == "Publish":
            state = _publish(ctx, state)
        else:
            state = _cache_control(ctx, state)
    raise UsageError("Too many configuration steps without 'exit'.")


def _website(ctx: AmplifyContext, state: HostingState) -> HostingState:
    settings = state.settings
    if settings.cloudfront is not None:
        ctx.console.warn(WEBSITE_DISABLED)
        return state
    index = _ask(
        ctx,
        Question(
            id="indexDocument",
            message="index doc for the website",
            default=settings.index_document,
            validate=check_document_name,
            flag="--index-doc",
        ),
    )
    error = _ask(
        ctx,
        Question(
            id="errorDocument",
            message="error doc for the website",
            default=settings.error_document,
            validate=check_document_name,
            flag="--error-doc",
        ),
    )
    return replace(state, settings=replace(settings, index_document=index, error_document=error))


def _cloudfront(ctx: AmplifyContext, state: HostingState) -> HostingState:
    settings = state.settings
    if settings.cloudfront is None:
        if not _ask(
            ctx,
            Question(
                id="addCloudFront",
                message="Add CloudFront to hosting",
                kind="confirm",
                default=False,
                flag="--cloudfront",
            ),
        ):
            return state
        settings = settings.with_cloudfront(True)
    elif _ask(
        ctx,
        Question(
            id="removeCloudFront",
            message="Remove CloudFront from hosting",
            kind="confirm",
            default=False,
            flag="--no-cloudfront",
        ),
    ):
        return replace(state, settings=settings.with_cloudfront(False))
    cf = settings.cloudfront
    assert cf is not None  # added above when it was missing
    root = _ask(
        ctx,
        Question(
            id="defaultRootObject",
            message="default object to return from origin",
            default=cf.default_root_object,
            validate=check_document_name,
            flag="--default-root-object",
        ),
    )
    default_ttl = parse_int(
        _ask(ctx, _ttl_question("defaultTTL", "Default TTL for the default cache behavior", cf.default_ttl)),
        "TTL",
    )
    max_ttl = parse_int(
        _ask(
            ctx,
            _ttl_question(
                "maxTTL",
                "Max TTL for the default cache behavior",
                max(cf.max_ttl, default_ttl),
                lambda v: (
                    None
                    if v >= default_ttl
                    else f"The max TTL must be at least the default TTL ({default_ttl})."
                ),
            ),
        ),
        "TTL",
    )
    min_ttl = parse_int(
        _ask(
            ctx,
            _ttl_question(
                "minTTL",
                "Min TTL for the default cache behavior",
                min(cf.min_ttl, default_ttl),
                lambda v: (
                    None
                    if v <= default_ttl
                    else f"The min TTL must be at most the default TTL ({default_ttl})."
                ),
            ),
        ),
        "TTL",
    )
    cf = replace(cf, default_root_object=root, default_ttl=default_ttl, max_ttl=max_ttl, min_ttl=min_ttl)
    if _ask(
        ctx,
        Question(
            id="configureErrorResponses",
            message="Configure Custom Error Responses",
            kind="confirm",
            default=True,
        ),
    ):
        cf = _error_responses(ctx, cf)
    return replace(state, settings=replace(settings, cloudfront=cf))


def _error_response_questions(code: int, current: ErrorResponse | None) -> list[Question]:
    current = current or ErrorResponse(code)
    return [
        Question(
            id="responseCode",
            message=f"Response code for {code}",
            default=str(current.response_code or 200),
            validate=lambda v: (
                None
                if str(v).strip().isdigit() and 200 <= int(v) <= 599
                else "A status code between 200 and 599."
            ),
        ),
        Question(
            id="responsePagePath",
            message="Response page path",
            default=current.response_page_path or "/index.html",
            validate=check_page_path,
        ),
        Question(
            id="errorCachingMinTTL",
            message="Error caching Min TTL in seconds",
            default=str(current.error_caching_min_ttl),
            validate=lambda v: check_ttl(v, "The TTL"),
        ),
    ]


def _error_responses(ctx: AmplifyContext, cf: CloudFrontSettings) -> CloudFrontSettings:
    actions = ("list", "add", "edit", "remove", "remove all", "exit")
    for _ in range(MAX_LOOPS):
        configured = [r.error_code for r in cf.error_responses]
        action = _ask(
            ctx,
            Question(
                id="errorResponseAction",
                message="Custom error responses:",
                kind="select",
                choices=actions,
                default="exit",
            ),
        )
        if action == "exit":
            return cf
        if action == "list":
            for response in cf.error_responses:
                ctx.console.print(f"  {response.describe()}")
            if not cf.error_responses:
                ctx.console.print("  (none)")
        elif action in ("add", "edit"):
            codes = [c for c in ERROR_CODES if c not in configured] if action == "add" else configured
            if not codes:
                ctx.console.print("  Nothing to " + action + ".")
                continue
            code = _ask(
                ctx,
                Question(
                    id="errorCode",
                    message="Select the error code",
                    kind="select",
                    choices=codes,
                    default=codes[0],
                ),
            )
            current = next((r for r in cf.error_responses if r.error_code == code), None)
            answers = ctx.prompter.ask(_error_response_questions(code, current))
            cf = cf.with_error_response(
                ErrorResponse(
                    code,
                    parse_int(answers["responseCode"], "code"),
                    answers["responsePagePath"],
                    parse_int(answers["errorCachingMinTTL"], "TTL"),
                )
            )
        elif action == "remove":
            if not configured:
                ctx.console.print("  Nothing to remove.")
                continue
            code = _ask(
                ctx,
                Question(
                    id="errorCode",
                    message="Select the error response to remove",
                    kind="select",
                    choices=configured,
                    default=configured[0],
                ),
            )
            cf = cf.without_error_response(code)
        else:
            cf = replace(cf, error_responses=())
    raise UsageError("Too many configuration steps without 'exit'.")


def _list_loop(
    ctx: AmplifyContext, items: Sequence[Any], label: str, describe: Any, add: Any, key: Any, qid: str
) -> list[Any]:
    items = list(items)
    actions = ("list", "add", "remove", "remove all", "exit")
    for _ in range(MAX_LOOPS):
        action = _ask(
            ctx, Question(id=qid, message=f"{label}:", kind="select", choices=actions, default="exit")
        )
        if action == "exit":
            return items
        if action == "list":
            for item in items:
                ctx.console.print(f"  {describe(item)}")
            if not items:
                ctx.console.print("  (none)")
        elif action == "add":
            item = add()
            items = [i for i in items if key(i) != key(item)] + [item]
        elif action == "remove":
            if not items:
                ctx.console.print("  Nothing to remove.")
                continue
            choices = [Choice(key(i), describe(i)) for i in items]
            chosen = _ask(
                ctx,
                Question(
                    id=qid + "Remove",
                    message="Select the one to remove",
                    kind="select",
                    choices=choices,
                    default=key(items[0]),
                ),
            )
            items = [i for i in items if key(i) != chosen]
        else:
            items = []
    raise UsageError("Too many configuration steps without 'exit'.")


def _publish(ctx: AmplifyContext, state: HostingState) -> HostingState:
    def add() -> str:
        return _ask(
            ctx,
            Question(
                id="ignorePattern",
                message="Ignore pattern to add (gitignore syntax, relative to the distribution folder)",
                validate=check_pattern,
                flag="--ignore",
            ),
        ).strip()

    ignore = _list_loop(ctx, state.ignore, "Publish ignore patterns", str, add, str, "publishAction")
    return replace(state, ignore=tuple(ignore))


def _cache_control(ctx: AmplifyContext, state: HostingState) -> HostingState:
    def add() -> CacheRule:
        answers = ctx.prompter.ask(
            [
                Question(
                    id="cachePattern",
                    message="Files (gitignore pattern, e.g. *.png or /static/)",
                    validate=check_pattern,
                    flag="--cache-control PATTERN=VALUE",
                ),
                Question(
                    id="cacheValue",
                    message="Cache-Control value",
                    default=IMMUTABLE,
                    validate=check_cache_control,
                ),
            ]
        )
        return CacheRule(answers["cachePattern"].strip(), answers["cacheValue"].strip())

    rules = _list_loop(
        ctx,
        state.cache_rules,
        "Cache-Control rules (the last match wins)",
        lambda r: f"{r.pattern}: {r.value}",
        add,
        lambda r: r.pattern,
        "cacheAction",
    )
    return replace(state, cache_rules=tuple(rules))


def show(ctx: AmplifyContext, state: HostingState) -> None:
    settings = state.settings
    print_ = ctx.console.print
    print_(f"Stage: {settings.stage}   Bucket: {state.bucket_name}")
    if settings.cloudfront is None:
        print_(f"Website: index {settings.index_document}, error {settings.error_document}")
    else:
        cf = settings.cloudfront
        print_(
            f"CloudFront: default root object {cf.default_root_object}; TTL min {cf.min_ttl}, "
            f"default {cf.default_ttl}, max {cf.max_ttl}"
        )
        for response in cf.error_responses:
            print_(f"  error response {response.describe()}")
    print_(f"Publish ignore patterns: {', '.join(state.ignore) or 'none'}")
    for rule in state.cache_rules:
        print_(f"  Cache-Control {rule.pattern}: {rule.value}")
