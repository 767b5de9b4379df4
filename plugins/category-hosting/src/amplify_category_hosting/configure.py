"""``amplify hosting configure``: website documents, CloudFront, publish ignore patterns and
Cache-Control rules — interactively by section (as the Gen 1 CLI), or headless.

Headless input comes in two forms that can be combined: ``--params`` JSON (declarative:
given keys replace the current values, lists replace whole lists) applied first, then flags
(edits: ``--error-response 404:200:/index.html`` adds or replaces one response). Everything
is validated before anything is written; the template is rewritten in place so hand edits
survive (see :func:`amplify_category_hosting.templates.apply_settings`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from amplify_core.plugin import AmplifyContext, Choice, Question, UsageError, check_model

from .publish.content import IMMUTABLE, CacheRule
from .publish_config import PublishConfig, check_cache_control, check_pattern
from .resource import (
    deployed_output,
    read_parameters,
    read_template,
    require_added,
    write_resource,
)
from .settings import CloudFrontSettings, ErrorResponse, HostingSettings
from .templates import apply_settings, read_settings
from .validation import (
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
MAX_LOOPS = 200  # a scripted answer that never says "exit" must not loop for ever


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


# --- the command ------------------------------------------------------------------------------


def load_state(project: Any) -> HostingState:
    config = PublishConfig.load(project.root)
    return HostingState(
        settings=read_settings(read_template(project)),
        bucket_name=read_parameters(project).get("bucketName", ""),
        ignore=tuple(config.ignore),
        cache_rules=tuple(config.cache_rules),
    )


def run_configure(ctx: AmplifyContext, params: dict[str, Any] | None, edits: Edits) -> HostingState:
    from .params import HostingConfigureParams

    project = ctx.project
    require_added(project)
    if params is not None:
        check_model("--params", params, HostingConfigureParams)
    before = load_state(project)
    output = deployed_output(project)
    deployed_bucket = output.get("HostingBucketName")
    env_name = project.env_name
    if params is not None or not edits.empty():
        after = apply_edits(apply_params(before, params or {}), edits)
    elif ctx.yes:
        show(ctx, before)
        ctx.console.print("Nothing to change: give flags or --params to configure without prompts.")
        return before
    else:
        after = interactive(ctx, before, bucket_deployed=deployed_bucket is not None, env_name=env_name)
    if deployed_bucket is not None and after.bucket_name != before.bucket_name:
        raise UsageError(
            f"The hosting bucket {deployed_bucket} is deployed; its name cannot change.",
            hint="Remove hosting (amplify hosting remove, amplify push) and add it again for another bucket.",
        )
    check_state(after, env_name=env_name)
    save(project, before, after)
    if after == before:
        ctx.console.print("No changes to the hosting configuration.")
    else:
        ctx.console.success("Successfully updated the hosting configuration.")
        if after.settings != before.settings or after.bucket_name != before.bucket_name:
            ctx.console.print("Run `amplify publish` (or `amplify push`) to deploy the change.")
    return after


def save(project: Any, before: HostingState, after: HostingState) -> None:
    if after.settings != before.settings or after.bucket_name != before.bucket_name:
        template = apply_settings(read_template(project), after.settings)
        parameters = {**read_parameters(project), "bucketName": after.bucket_name}
        write_resource(project, template, parameters)
    if (after.ignore, after.cache_rules) != (before.ignore, before.cache_rules):
        PublishConfig(list(after.ignore), list(after.cache_rules)).save(project.root)


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


# --- interactive ------------------------------------------------------------------------------

SECTIONS = ("Website", "CloudFront", "Publish", "Cache-Control", "exit")


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
