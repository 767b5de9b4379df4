"""Who signed a request: only keys the running sandbox issued get in, as AWS keys do.

moto accepts any signature. moto's own IAM simulation (``INITIAL_NO_AUTH_ACTION_COUNT``,
``moto.iam.access_control``) checks SigV4 too, but switched on globally it fails every unsigned
request that is not one of seven Cognito calls (anonymous S3 reads judged by bucket policy,
presigned URLs and the Cognito calls apps make unsigned among them), evaluates identity policies
without wildcards in resources other than ``*``, conditions or policy variables, and looks a key
up by scanning every IAM user's keys and every STS session on each request. So the sandbox
checks keys here, once per request, before moto sees it, with botocore's own SigV4 code:

* a SigV4 ``Authorization`` header or presigned query (``X-Amz-Credential``) must name a key
  the sandbox knows — its own full-access keys (:data:`.credentials.FULL_ACCESS`), an IAM
  user's active keys (``CreateAccessKey``), or temporary credentials of moto's STS backend (an
  assumed role, e.g. a Cognito identity's) with their session token — and carry the signature that key's secret gives; presigned URLs must not
  have expired;
* unsigned requests pass only to S3 (which judges them by bucket policy and ACLs,
  :mod:`.moto_extensions.s3_access`) and to operations AWS serves unsigned (botocore's
  ``authtype: none``: Cognito sign-up and sign-in, ``GetId``, ``GetCredentialsForIdentity``,
  ``AssumeRoleWithWebIdentity``);
* anything else gets AWS's answer for the service's protocol: ``InvalidAccessKeyId`` /
  ``InvalidClientTokenId`` / ``UnrecognizedClientException``, ``SignatureDoesNotMatch``,
  ``InvalidToken``, ``ExpiredToken``, ``MissingAuthenticationToken``; a signature more than 15
  minutes from the server's clock is ``RequestTimeTooSkewed`` (S3) / "Signature expired".

Who the caller is (:class:`Principal`) is kept for the request's thread, so that moto's
authorisation hook (:mod:`.moto_extensions.iam_authorization`) can judge a temporary
credential's actions by its role's policies, and an IAM user's by the user's.
"""

from __future__ import annotations

import functools
import hmac
import io
import json
import threading
import time
import uuid
from calendar import timegm
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from . import credentials
from .config import ACCOUNT_ID


@dataclass(frozen=True)
class Principal:
    """The verified signer of the current request."""

    access_key_id: str
    full_access: bool
    session: Any = None  # moto's AssumedRole, for temporary credentials
    user: Any = None  # moto's IAM User, for a key made with CreateAccessKey


_LOCAL = threading.local()


def current_principal() -> Principal | None:
    """The signer of the request this thread serves (None: unsigned, or moto in-process)."""
    return getattr(_LOCAL, "principal", None)


def set_principal(principal: Principal | None) -> None:
    _LOCAL.principal = principal


# --- refusals, worded per protocol as AWS words them --------------------------------------------

_S3 = "s3"
_JSON = "json"  # X-Amz-Target protocols: Cognito, DynamoDB, …
_REST_JSON = "rest-json"  # Lambda, API Gateway
_XML = "xml"  # query and rest-xml: CloudFormation, IAM, STS, CloudFront

_REST_JSON_SERVICES = frozenset({"lambda", "apigateway", "execute-api"})

#: kind → protocol → (code, message, status)
_ANSWERS: dict[str, dict[str, tuple[str, str, int]]] = {
    "unknown_key": {
        _S3: ("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403),
        _JSON: ("UnrecognizedClientException", "The security token included in the request is invalid.", 400),
        _REST_JSON: (
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
            403,
        ),
        _XML: ("InvalidClientTokenId", "The security token included in the request is invalid.", 403),
    },
    "bad_signature": {
        _S3: (
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. "
            "Check your key and signing method.",
            403,
        ),
        **{
            protocol: (
                code,
                "The request signature we calculated does not match the signature you provided. Check "
                "your AWS Secret Access Key and signing method. Consult the service documentation for details.",
                status,
            )
            for protocol, code, status in (
                (_JSON, "InvalidSignatureException", 400),
                (_REST_JSON, "InvalidSignatureException", 403),
                (_XML, "SignatureDoesNotMatch", 403),
            )
        },
    },
    "bad_token": {
        _S3: ("InvalidToken", "The provided token is malformed or otherwise invalid.", 400),
        _JSON: ("UnrecognizedClientException", "The security token included in the request is invalid.", 400),
        _REST_JSON: (
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
            403,
        ),
        _XML: ("InvalidClientTokenId", "The security token included in the request is invalid.", 403),
    },
    "expired_token": {
        _S3: ("ExpiredToken", "The provided token has expired.", 400),
        _JSON: ("ExpiredTokenException", "The security token included in the request is expired", 400),
        _REST_JSON: ("ExpiredTokenException", "The security token included in the request is expired", 403),
        _XML: ("ExpiredToken", "The security token included in the request is expired", 403),
    },
    "skewed": {
        _S3: (
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
            403,
        ),
        _JSON: (
            "InvalidSignatureException",
            "Signature expired: the request time is more than 15 minutes away.",
            400,
        ),
        _REST_JSON: (
            "InvalidSignatureException",
            "Signature expired: the request time is more than 15 minutes away.",
            403,
        ),
        _XML: (
            "SignatureDoesNotMatch",
            "Signature expired: the request time is more than 15 minutes away.",
            403,
        ),
    },
    "expired_url": {
        protocol: ("AccessDenied", "Request has expired", 403) for protocol in (_S3, _JSON, _REST_JSON, _XML)
    },
    "unsupported": {
        _S3: (
            "InvalidRequest",
            "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
            400,
        ),
        **{
            protocol: ("IncompleteSignature", "The request signature does not conform to AWS standards.", 403)
            for protocol in (_JSON, _REST_JSON, _XML)
        },
    },
    "unsigned": {
        _S3: ("AccessDenied", "Access Denied", 403),
        _JSON: ("MissingAuthenticationTokenException", "Missing Authentication Token", 400),
        _REST_JSON: ("MissingAuthenticationTokenException", "Missing Authentication Token", 403),
        _XML: ("MissingAuthenticationToken", "Request is missing Authentication Token", 403),
    },
}


@dataclass(frozen=True)
class Refusal:
    """A request the sandbox does not let in, with AWS's answer."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def __call__(self, environ: Mapping[str, Any], start_response: Any) -> list[bytes]:
        reason = {400: "Bad Request", 403: "Forbidden"}.get(self.status, "Error")
        start_response(f"{self.status} {reason}", [*self.headers, ("Content-Length", str(len(self.body)))])
        return [self.body]


def _protocol(service: str, environ: Mapping[str, Any]) -> str:
    if service == _S3:
        return _S3
    if environ.get("HTTP_X_AMZ_TARGET") or "amz-json" in str(environ.get("CONTENT_TYPE", "")):
        return _JSON
    if service in _REST_JSON_SERVICES:
        return _REST_JSON
    return _XML


def refusal(kind: str, service: str, environ: Mapping[str, Any]) -> Refusal:
    """AWS's answer of kind ``kind`` (see :data:`_ANSWERS`) for a request to ``service``."""
    protocol = _protocol(service, environ)
    code, message, status = _ANSWERS[kind][protocol]
    request_id = uuid.uuid4().hex.upper()[:16]
    headers = [("x-amzn-RequestId", request_id)]
    if protocol in (_JSON, _REST_JSON):
        headers += [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", code)]
        body = json.dumps({"__type": code, "message": message}).encode()
    elif protocol == _S3:
        headers.append(("Content-Type", "application/xml"))
        body = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message>'
            f"<RequestId>{request_id}</RequestId></Error>"
        ).encode()
    else:
        headers.append(("Content-Type", "text/xml"))
        body = (
            f'<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>'
            f"<Code>{code}</Code><Message>{message}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>"
        ).encode()
    return Refusal(status, headers, body)


class _Refused(Exception):
    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


# --- keys ---------------------------------------------------------------------------------------

_SESSIONS: dict[str, tuple[Any, Any]] = {}  # access key id → (the backend's list, AssumedRole)


def _session(access_key_id: str) -> Any:
    """moto STS's session for ``access_key_id`` (cached; a reset backend drops the cache entry)."""
    from moto.sts.models import sts_backends

    sessions = sts_backends[ACCOUNT_ID]["aws"].assumed_roles
    cached = _SESSIONS.get(access_key_id)
    if cached is not None and cached[0] is sessions:
        return cached[1]
    for session in sessions:
        if session.access_key_id == access_key_id:
            _SESSIONS[access_key_id] = (sessions, session)
            return session
    return None


def _user_key(access_key_id: str) -> tuple[Any, Any]:
    """The IAM user and its *active* access key ``access_key_id`` (an inactive key is unknown to
    AWS's signers too), or ``(None, None)``."""
    from moto.iam.models import iam_backends

    for user in iam_backends[ACCOUNT_ID]["aws"].users.values():
        for key in user.access_keys:
            if key.access_key_id == access_key_id:
                return (user, key) if key.status == "Active" else (None, None)
    return None, None


def _principal(access_key_id: str, token: str | None) -> tuple[Principal, str]:
    """The signer named by ``access_key_id`` and its secret, or :class:`_Refused`."""
    secret = credentials.FULL_ACCESS.get(access_key_id)
    if secret is not None:
        return Principal(access_key_id, full_access=True), secret
    session = _session(access_key_id)
    if session is None:
        user, key = _user_key(access_key_id)
        if key is None:
            raise _Refused("unknown_key")
        if token:
            raise _Refused("bad_token")  # a long-term key signs without a session token
        return Principal(access_key_id, full_access=False, user=user), key.secret_access_key
    if not token or not hmac.compare_digest(token, session.session_token):
        raise _Refused("bad_token")
    if session.expiration.timestamp() < time.time():
        raise _Refused("expired_token")
    return Principal(access_key_id, full_access=False, session=session), session.secret_access_key


# --- signatures (botocore's SigV4 code, run on what arrived) ------------------------------------


def _raw_path(environ: Mapping[str, Any]) -> tuple[str, str]:
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        parts = urlsplit(raw)
        return parts.path or "/", parts.query
    return quote(str(environ.get("PATH_INFO", "/"))), str(environ.get("QUERY_STRING", ""))


def _header(environ: Mapping[str, Any], name: str) -> str | None:
    key = name.upper().replace("-", "_")
    if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        value = environ.get(key)
    else:
        value = environ.get(f"HTTP_{key}")
    return None if value is None else str(value)


def _body(environ: dict[str, Any]) -> bytes:
    """The request body, read once and put back for moto."""
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = environ.get("CONTENT_LENGTH")
    data = stream.read(int(length)) if length and str(length).isdigit() else stream.read()
    environ["wsgi.input"] = io.BytesIO(data)
    return data


def _signature(
    environ: dict[str, Any],
    *,
    secret: str,
    access_key_id: str,
    token: str | None,
    region: str,
    service: str,
    signed_headers: list[str],
    timestamp: str,
    path: str,
    query: str,
    presigned: bool,
) -> str:
    from botocore.awsrequest import AWSRequest

    headers = {}
    for name in signed_headers:
        value = _header(environ, name)
        if value is not None:
            headers[name] = value
    auth = _signer(presigned, service, region, access_key_id, secret, token)
    if presigned:
        body: bytes = b""
    else:
        body = b"" if "x-amz-content-sha256" in headers else _body(environ)
    request = AWSRequest(
        method=str(environ.get("REQUEST_METHOD", "GET")),
        url=path + (f"?{query}" if query else ""),
        data=body,
        headers=headers,
    )
    request.context["timestamp"] = timestamp
    canonical = auth.canonical_request(request)
    return str(auth.signature(auth.string_to_sign(request, canonical), request))


@functools.lru_cache(maxsize=256)
def _signer(
    presigned: bool, service: str, region: str, access_key_id: str, secret: str, token: str | None
) -> Any:
    """botocore's SigV4 signer for one key and scope (built once: it holds nothing per request)."""
    from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth
    from botocore.credentials import Credentials

    keys = Credentials(access_key_id, secret, token)
    if presigned:
        return (S3SigV4QueryAuth if service == _S3 else SigV4QueryAuth)(keys, service, region)
    return (S3SigV4Auth if service == _S3 else SigV4Auth)(keys, service, region)


def _header_fields(authorization: str) -> dict[str, str]:
    _, _, rest = authorization.partition(" ")
    fields = {}
    for item in rest.split(","):
        name, _, value = item.strip().partition("=")
        fields[name] = value
    return fields


def _verify_v2(environ: dict[str, Any], authorization: str, path: str, query: str) -> Principal:
    """S3's signature version 2 (``AWS <key>:<signature>``, or ``AWSAccessKeyId`` + ``Signature``
    + ``Expires`` in the query, botocore's default for presigned S3 URLs), with botocore's code."""
    from urllib.parse import SplitResult

    from botocore.auth import HmacV1Auth
    from botocore.awsrequest import HTTPHeaders
    from botocore.credentials import Credentials

    params = dict(parse_qsl(query, keep_blank_values=True))
    headers = HTTPHeaders()
    for name in ("Content-MD5", "Content-Type"):
        value = _header(environ, name)
        if value is not None:
            headers[name] = value
    for key, value in environ.items():
        if key.startswith("HTTP_X_AMZ_"):
            headers[key[5:].replace("_", "-").lower()] = str(value)
    if authorization:
        access_key_id, _, given = authorization[4:].partition(":")
        date = _header(environ, "Date") or ""
    else:
        access_key_id, given, date = params.get("AWSAccessKeyId", ""), params.get("Signature", ""), ""
        date = params.get("Expires", "")
        for key, value in params.items():
            if key.lower().startswith("x-amz-") or key.lower() in ("content-md5", "content-type"):
                headers[key.lower()] = value
    token = headers.get("x-amz-security-token")
    try:
        principal, secret = _principal(access_key_id, token)
    except _Refused as refused:
        raise _Service(refused.kind, _S3) from None

    class _Signer(HmacV1Auth):
        def _get_date(self) -> str:
            return date

    signer = _Signer(Credentials(access_key_id, secret))
    resource = SplitResult("", "", path, query, "")
    expected = signer.sign_string(
        signer.canonical_string(str(environ.get("REQUEST_METHOD")), resource, headers)
    )
    if not hmac.compare_digest(expected, given):
        raise _Service("bad_signature", _S3)
    if not authorization and (not date.isdigit() or int(date) < time.time()):
        raise _Service("expired_url", _S3)
    return principal


def _verify(environ: dict[str, Any]) -> tuple[Principal, str]:
    """The verified signer and the service the request is signed for, or :class:`_Refused`."""
    authorization = str(environ.get("HTTP_AUTHORIZATION") or "")
    path, query = _raw_path(environ)
    if authorization.startswith("AWS ") or (not authorization and "AWSAccessKeyId=" in query):
        return _verify_v2(environ, authorization, path, query), _S3
    if authorization:
        fields = _header_fields(authorization)
        scope = fields.get("Credential", "").split("/")
        if not authorization.startswith("AWS4-HMAC-SHA256 ") or len(scope) != 5:
            raise _Refused("unsupported")
        token = _header(environ, "X-Amz-Security-Token")
        timestamp = _header(environ, "X-Amz-Date") or ""
        signed = fields.get("SignedHeaders", "").split(";")
        given = fields.get("Signature", "")
        presigned = False
    else:
        params = dict(parse_qsl(query, keep_blank_values=True))
        scope = params.get("X-Amz-Credential", "").split("/")
        if params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" or len(scope) != 5:
            raise _Refused("unsupported")
        token = params.get("X-Amz-Security-Token")
        timestamp = params.get("X-Amz-Date", "")
        signed = params.get("X-Amz-SignedHeaders", "").split(";")
        given = params.get("X-Amz-Signature", "")
        query = "&".join(p for p in query.split("&") if not p.startswith("X-Amz-Signature="))
        presigned = True
    access_key_id, _, region, service, _ = scope
    try:
        principal, secret = _principal(access_key_id, token)
    except _Refused as refused:
        raise _Service(refused.kind, service) from None
    expected = _signature(
        environ,
        secret=secret,
        access_key_id=access_key_id,
        token=token,
        region=region,
        service=service,
        signed_headers=signed,
        timestamp=timestamp,
        path=path,
        query=query,
        presigned=presigned,
    )
    if not hmac.compare_digest(expected, given):
        raise _Service("bad_signature", service)
    if presigned and _expired(timestamp, params.get("X-Amz-Expires", "")):
        raise _Service("expired_url", service)
    if not presigned and _skewed(timestamp):
        raise _Service("skewed", service)
    return principal, service


class _Service(_Refused):
    def __init__(self, kind: str, service: str):
        super().__init__(kind)
        self.service = service


#: How far a signed request's time may be from the server's (AWS: 15 minutes).
MAX_SKEW = 15 * 60


@functools.lru_cache(maxsize=64)
def _signed_at(timestamp: str) -> int | None:
    """The epoch second of a SigV4 ``X-Amz-Date`` (None: not one); requests of the same second
    share it, so it is parsed once."""
    try:
        return timegm(time.strptime(timestamp, "%Y%m%dT%H%M%SZ"))
    except ValueError:
        return None


def _skewed(timestamp: str) -> bool:
    signed_at = _signed_at(timestamp)
    return signed_at is None or abs(signed_at - time.time()) > MAX_SKEW


def _expired(timestamp: str, expires: str) -> bool:
    signed_at = _signed_at(timestamp)
    try:
        return signed_at is None or signed_at + int(expires) < time.time()
    except ValueError:
        return True


# --- unsigned requests --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _dispatcher() -> Any:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    return DomainDispatcherApplication(create_backend_app)


@functools.cache
def _unsigned_operations(service: str) -> frozenset[str]:
    """The operations of ``service`` that AWS serves without a signature (botocore's model)."""
    import botocore.session

    try:
        model = botocore.session.get_session().get_service_model(service)
    except Exception:  # noqa: BLE001 - a service botocore does not know has none
        return frozenset()
    return frozenset(
        name
        for name in model.operation_names
        if model.operation_model(name).auth_type == "none"
        or "smithy.api#noAuth" in (getattr(model.operation_model(name), "auth", None) or [])
    )


def _unsigned_service(environ: dict[str, Any]) -> tuple[str, str | None]:
    """(moto's service for this unsigned request, its operation if the request names one)."""
    dispatcher = _dispatcher()
    path = str(environ.get("PATH_INFO", ""))
    host = dispatcher.infer_service_region_host(environ, path)
    backend = dispatcher.get_backend_for_host(host) if host else None
    if backend not in (None, _S3, "s3control"):
        backend = str(host).split(".")[0]  # botocore's name (moto's backend drops the dash)
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return str(backend or ""), str(target).rsplit(".", 1)[-1]
    body = dispatcher._get_body(environ)
    action = dispatcher.get_action_from_body(body) or dict(
        parse_qsl(str(environ.get("QUERY_STRING", "")))
    ).get("Action")
    return str(backend or _S3), action


def check(environ: dict[str, Any]) -> Refusal | None:
    """Let the request in (None, its signer recorded for this thread) or refuse it."""
    set_principal(None)
    query = str(environ.get("QUERY_STRING", ""))
    if environ.get("HTTP_AUTHORIZATION") or "X-Amz-Credential=" in query or "AWSAccessKeyId=" in query:
        try:
            principal, _ = _verify(environ)
        except _Service as refused:
            return refusal(refused.kind, refused.service, environ)
        except _Refused as refused:
            return refusal(refused.kind, _S3 if "AWSAccessKeyId=" in query else "", environ)
        set_principal(principal)
        return None
    service, operation = _unsigned_service(environ)
    if operation in ("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"):
        return None
    form = str(environ.get("CONTENT_TYPE", "")).startswith("application/x-www-form-urlencoded")
    if service in (_S3, "s3control") and not environ.get("HTTP_X_AMZ_TARGET") and not (operation and form):
        return None  # judged by bucket policy and ACLs
    if operation and operation in _unsigned_operations(service):
        return None
    return refusal("unsigned", "" if service == _S3 else service, environ)
