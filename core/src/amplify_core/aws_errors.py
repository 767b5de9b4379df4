"""The one translator from an AWS SDK (botocore) failure to the core's errors.

Every plugin that calls AWS wraps its calls in :func:`aws_errors` (or translates a caught
exception with :func:`aws_error`) so a refused request, an unreachable endpoint or an answer
that is not AWS speaking (an HTML 500 page from a proxy) is one line naming the service and
operation, with a hint for the usual causes (credentials, throttling, a missing resource,
a server error) — never a traceback. The core imports no AWS SDK: botocore is imported
inside the functions, only once an exception has to be classified.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from .errors import AmplifyError, OperationError, UsageError

#: Error codes that mean the credentials are missing, wrong, expired or not allowed.
CREDENTIAL_CODES = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "ExpiredToken",
        "ExpiredTokenException",
        "InvalidAccessKeyId",
        "InvalidClientTokenId",
        "InvalidToken",
        "SignatureDoesNotMatch",
        "UnrecognizedClientException",
        "AuthFailure",
        "UnauthorizedOperation",
        "403",
    }
)
#: Error codes that mean AWS is refusing requests because there are too many.
THROTTLING_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottled",
        "RequestThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "SlowDown",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceededException",
    }
)
#: Error codes that mean the named resource does not exist.
MISSING_CODES = frozenset(
    {
        "NoSuchBucket",
        "NoSuchKey",
        "NoSuchEntity",
        "NoSuchDistribution",
        "NotFound",
        "ResourceNotFoundException",
        "NotFoundException",
        "404",
    }
)

CREDENTIALS_HINT = (
    "Check the AWS credentials of this project's profile (`amplify configure project`): "
    "they may be expired, wrong or not allowed to do this."
)
THROTTLING_HINT = "AWS is throttling requests: wait a minute and run the command again."
MISSING_HINT = "Check that the resource still exists (was it deleted outside Amplify?); `amplify push` recreates what the project deploys."
SERVER_HINT = "The endpoint had a server-side problem: run the command again in a moment."
NO_CREDENTIALS_HINT = "Run `amplify configure project`, or pass --providers with a profile or access keys."


def aws_error_code(exc: BaseException) -> str:
    """The AWS error code of a botocore ``ClientError`` (``""`` for anything else)."""
    response = getattr(exc, "response", None)
    return str((response or {}).get("Error", {}).get("Code", "")) if isinstance(response, dict) else ""


def aws_request_refused(exc: BaseException) -> bool:
    """True when AWS answered ``exc`` and it means the request was refused, not half done: a
    4xx answer that is not throttling. After a 5xx, a throttle or a lost connection a retried
    call may have acted on an earlier attempt, so the caller must look before it says so."""
    response = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return False
    status = int((response.get("ResponseMetadata") or {}).get("HTTPStatusCode") or 0)
    return 400 <= status < 500 and aws_error_code(exc) not in THROTTLING_CODES


def _service(exc: BaseException) -> str:
    """The service that refused: botocore's ``ClientError`` does not carry it, but the client
    that raised it is ``self`` of ``_make_api_call`` in the traceback (``""`` if not found)."""
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == "_make_api_call":
            meta = getattr(frame.f_locals.get("self"), "meta", None)
            model = getattr(meta, "service_model", None)
            return str(getattr(model, "service_id", "") or getattr(model, "service_name", "") or "")
        tb = tb.tb_next
    return ""


def _hint_for(code: str, status: int) -> str | None:
    if code in CREDENTIAL_CODES:
        return CREDENTIALS_HINT
    if code in THROTTLING_CODES:
        return THROTTLING_HINT
    if code in MISSING_CODES:
        return MISSING_HINT
    if (
        status >= 500
        or code.isdigit()
        and int(code) >= 500
        or code in ("InternalError", "ServiceUnavailable")
    ):
        return SERVER_HINT
    return None


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else ""


def _join(*hints: str | None) -> str | None:
    return " ".join(h for h in hints if h) or None


def aws_error(
    exc: BaseException,
    doing: str | None = None,
    *,
    hint: str | None = None,
    by_code: Mapping[str, AmplifyError] | None = None,
) -> AmplifyError | None:
    """The core error for an AWS SDK failure, or ``None`` if ``exc`` is not one.

    :param doing: what was being done ("Taking the deployment lock"): the message is then
        "<doing> failed: <operation>: <code>: <message> (<service>)".
    :param hint: added after the hint for the cause (e.g. "Local files were not changed.").
    :param by_code: an error to return instead for these AWS error codes (a message that
        names the caller's resource, like "The hosting bucket … does not exist.").
    """
    from botocore import exceptions as sdk
    from botocore.parsers import ResponseParserError

    prefix = f"{doing} failed: " if doing else ""
    if isinstance(exc, (sdk.NoCredentialsError, sdk.PartialCredentialsError)):
        return UsageError(
            f"{prefix}No AWS credentials were found ({exc}).", hint=_join(NO_CREDENTIALS_HINT, hint)
        )
    if isinstance(exc, sdk.ClientError):
        code = aws_error_code(exc) or "Error"
        if by_code and code in by_code:
            return by_code[code]
        error = exc.response.get("Error", {})
        status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
        operation = getattr(exc, "operation_name", "") or "request"
        service = _service(exc)
        where = f" ({service})" if service else ""
        text = f"{code}: {_first_line(error.get('Message') or str(exc))}"
        message = (
            f"{prefix}{operation}: {text}{where}" if doing else f"AWS refused {operation}{where}: {text}"
        )
        return OperationError(message, hint=_join(_hint_for(code, status), hint))
    if isinstance(exc, ResponseParserError):  # an HTML error page, a proxy's reply: not AWS speaking
        first = _first_line(str(exc)) or type(exc).__name__
        answer = (
            "the endpoint's answer was not an AWS response"
            if doing
            else "The endpoint's answer was not an AWS response"
        )
        return OperationError(f"{prefix}{answer} ({first})", hint=_join(SERVER_HINT, hint))
    if isinstance(exc, (sdk.ConnectionError, sdk.HTTPClientError)):  # refused, timed out, TLS, DNS
        reach = "could not reach AWS" if doing else "Could not reach AWS"
        return OperationError(f"{prefix}{reach}: {_first_line(str(exc))}", hint=hint)
    if isinstance(exc, sdk.BotoCoreError):  # the SDK refused before sending (bad parameter, waiter, …)
        return OperationError(f"{prefix or 'AWS SDK error: '}{_first_line(str(exc))}", hint=hint)
    return None


@contextmanager
def aws_errors(
    doing: str | None = None,
    *,
    hint: str | None = None,
    by_code: Mapping[str, AmplifyError] | None = None,
) -> Iterator[None]:
    """Raise :func:`aws_error`'s translation of an AWS SDK failure in the block (other
    exceptions pass through). Usable as a decorator too."""
    try:
        yield
    except Exception as exc:
        translated = aws_error(exc, doing, hint=hint, by_code=by_code)
        if translated is None:
            raise
        raise translated from exc


def describe_aws_error(exc: BaseException) -> str:
    """One line for an AWS SDK failure that is only warned about (the message of
    :func:`aws_error`, else ``str(exc)``)."""
    translated = aws_error(exc)
    return translated.message if translated is not None else str(exc)


__all__ = ["aws_error", "aws_error_code", "aws_errors", "describe_aws_error"]
