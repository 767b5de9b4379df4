"""Who may read a bucket, as S3 decides it: principals, conditions, public access blocks, ACLs.

moto evaluates a bucket policy without its ``Principal`` and without its ``Condition`` blocks:
any ``Allow`` (say, to ``cloudfront.amazonaws.com`` for one distribution) let anonymous
requests read the bucket, and any ``Deny`` (say, of plain HTTP) denied everyone. It lets
anonymous requests list any bucket, and ignores ``PublicAccessBlock`` and
``BucketOwnerEnforced``. Here, as in S3:

- a statement applies to a caller only if its principal names that caller: ``"*"`` (or
  ``{"AWS": "*"}``) everyone, ``{"Service": …}`` a service acting for a resource,
  ``{"CanonicalUser": …}`` / ``{"AWS": <OAI arn>}`` a CloudFront origin access identity;
- conditions are evaluated on the caller's context (``aws:SourceArn``, ``aws:SourceAccount``,
  ``aws:SecureTransport`` — true: the sandbox stands in for HTTPS endpoints); a condition on
  anything else does not hold;
- anonymous requests (no signature) to the S3 API are checked here: reads of objects, lists of
  buckets, writes; a read of a missing key is 404 only for a caller that may ``s3:ListBucket``,
  else 403 (moto said 404 to anyone, telling which keys exist); ``RestrictPublicBuckets`` voids a public policy for them, ``IgnorePublicAcls``
  and ``BucketOwnerEnforced`` void ACL grants;
- ``BlockPublicPolicy`` refuses a public ``PutBucketPolicy``; ``BlockPublicAcls`` and
  ``BucketOwnerEnforced`` refuse a public ``PutBucketAcl``, and a public object ACL at
  ``PutObject`` or ``PutObjectAcl`` (moto stored them all).

The CloudFront preview asks :func:`may_read` with the distribution's identity (OAC: the
CloudFront service principal for that distribution's ARN; OAI: its canonical user).
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from moto.s3.models import FakeBucket

#: Condition keys whose fixed value makes a wildcard-principal statement non-public (S3's rule).
_NARROWING_KEYS = {
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:principalorgid",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:userid",
    "aws:sourceowner",
    "s3:dataaccesspointarn",
    "s3:dataaccesspointaccount",
}


@dataclass(frozen=True)
class Caller:
    """Who asks: anonymous, a service principal for a resource, or an origin access identity."""

    service: str | None = None
    canonical_user: str | None = None
    arn: str | None = None
    context: Mapping[str, str] = field(default_factory=dict)
    federated: str | None = None  # a web identity provider (``cognito-identity.amazonaws.com``)
    #: The caller's account, matched by a principal that names the account (its id or
    #: ``arn:aws:iam::<id>:root``): set where AWS delegates such a grant to the account's
    #: identities (trust policies), not for bucket policies.
    account: str | None = None

    @property
    def anonymous(self) -> bool:
        return not (self.service or self.canonical_user or self.arn or self.federated)


ANONYMOUS = Caller()


def cloudfront_oac(account_id: str, distribution_id: str) -> Caller:
    return Caller(
        service="cloudfront.amazonaws.com",
        context={
            "aws:sourcearn": f"arn:aws:cloudfront::{account_id}:distribution/{distribution_id}",
            "aws:sourceaccount": account_id,
        },
    )


def cloudfront_oai(canonical_user: str, arn: str) -> Caller:
    return Caller(canonical_user=canonical_user, arn=arn)


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _principal_matches(principal: Any, caller: Caller) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    if "*" in _listed(principal.get("AWS")):
        return True
    if caller.service and caller.service in _listed(principal.get("Service")):
        return True
    if caller.canonical_user and caller.canonical_user in _listed(principal.get("CanonicalUser")):
        return True
    if caller.federated and caller.federated in _listed(principal.get("Federated")):
        return True
    named = _listed(principal.get("AWS"))
    if caller.account and (caller.account in named or f"arn:aws:iam::{caller.account}:root" in named):
        return True
    return bool(caller.arn and caller.arn in named)


def _context(caller: Caller) -> dict[str, str]:
    return {"aws:securetransport": "true", **{k.lower(): v for k, v in caller.context.items()}}


def _condition_holds(condition: Any, caller: Caller) -> bool:
    if not condition:
        return True
    if not isinstance(condition, dict):
        return False
    context = _context(caller)
    for operator, tests in condition.items():
        if not isinstance(tests, dict):
            return False
        if_exists = operator.endswith("IfExists")
        base = operator[: -len("IfExists")] if if_exists else operator
        # Every context key here has one value, so ForAnyValue/ForAllValues test just that one.
        base = base.removeprefix("ForAnyValue:").removeprefix("ForAllValues:")
        for key, wanted in tests.items():
            values = [_substituted(str(v), caller) or "\0" for v in _listed(wanted)]
            actual = context.get(key.lower())
            if actual is None:
                if if_exists or base.startswith(("StringNot", "ArnNot")):
                    continue
                return False
            if base in ("StringEquals", "ArnEquals"):
                ok = actual in values
            elif base == "StringEqualsIgnoreCase":
                ok = actual.lower() in [v.lower() for v in values]
            elif base in ("StringLike", "ArnLike"):
                ok = any(fnmatch.fnmatchcase(actual, v) for v in values)
            elif base in ("StringNotEquals", "ArnNotEquals"):
                ok = actual not in values
            elif base in ("StringNotLike", "ArnNotLike"):
                ok = not any(fnmatch.fnmatchcase(actual, v) for v in values)
            elif base == "Bool":
                ok = actual.lower() in [v.lower() for v in values]
            else:
                return False  # an operator the sandbox does not evaluate never holds
            if not ok:
                return False
    return True


_VARIABLE = re.compile(r"\$\{([^}]+)\}")


def _substituted(pattern: str, caller: Caller) -> str | None:
    """``pattern`` with its policy variables (``${aws:username}``, ``${cognito-identity.amazonaws.com:sub}``)
    replaced from the caller's context; ``None`` if one is unknown (the statement then does not apply)."""
    if "${" not in pattern:
        return pattern
    context = _context(caller)
    missing = False

    def value(match: re.Match[str]) -> str:
        nonlocal missing
        found = context.get(match.group(1).lower())
        if found is None:
            missing = True
            return ""
        return found

    result = _VARIABLE.sub(value, pattern)
    return None if missing else result


def _matches(
    statement: dict[str, Any], action: str, resource: str, caller: Caller, *, identity: bool = False
) -> bool:
    if "NotPrincipal" in statement or "NotAction" in statement or "NotResource" in statement:
        return False  # not evaluated: such a statement never applies here
    if not identity and not _principal_matches(statement.get("Principal"), caller):
        return False
    actions = [str(a).lower() for a in _listed(statement.get("Action"))]
    if not any(fnmatch.fnmatchcase(action.lower(), a) for a in actions):
        return False
    resources = [_substituted(str(r), caller) for r in _listed(statement.get("Resource"))]
    if resource != "*" and not any(r is not None and fnmatch.fnmatchcase(resource, r) for r in resources):
        return False
    return _condition_holds(statement.get("Condition"), caller)


def _statements(policy: Any) -> list[dict[str, Any]]:
    if not policy:
        return []
    try:
        document = policy if isinstance(policy, dict) else json.loads(policy)
    except (ValueError, TypeError):
        return []
    if not isinstance(document, dict):
        return []
    return [s for s in _listed(document.get("Statement")) if isinstance(s, dict)]


def policy_decision(policy: Any, action: str, resource: str, caller: Caller) -> str | None:
    """``"deny"``, ``"allow"`` or ``None`` (the policy says nothing to this caller)."""
    decision = None
    for statement in _statements(policy):
        if _matches(statement, action, resource, caller):
            if statement.get("Effect") == "Deny":
                return "deny"
            if statement.get("Effect") == "Allow":
                decision = "allow"
    return decision


def identity_decision(documents: list[Any], action: str, resource: str, caller: Caller) -> str | None:
    """What identity policies (a role's or a user's: no ``Principal``) say to ``caller`` about
    ``action`` on ``resource``: ``"deny"``, ``"allow"`` or ``None`` (an implicit deny).

    ``resource`` ``"*"`` means the sandbox does not know the resource (actions of services other
    than S3): then a statement applies by its action alone.
    """
    decision = None
    for policy in documents:
        for statement in _statements(policy):
            if _matches(statement, action, resource, caller, identity=True):
                if statement.get("Effect") == "Deny":
                    return "deny"
                if statement.get("Effect") == "Allow":
                    decision = "allow"
    return decision


def is_public_statement(statement: dict[str, Any]) -> bool:
    """S3's test: an Allow to a wildcard principal not narrowed by a fixed-value condition."""
    if statement.get("Effect") != "Allow":
        return False
    principal = statement.get("Principal")
    wildcard = principal == "*" or (isinstance(principal, dict) and "*" in _listed(principal.get("AWS")))
    if not wildcard:
        return False
    condition = statement.get("Condition") or {}
    for operator, tests in condition.items() if isinstance(condition, dict) else []:
        for key, value in tests.items() if isinstance(tests, dict) else []:
            fixed = not any("*" in str(v) or "?" in str(v) for v in _listed(value))
            if key.lower() in _NARROWING_KEYS and fixed and not operator.startswith(("StringNot", "ArnNot")):
                return False
    return True


def is_public_policy(policy: Any) -> bool:
    return any(is_public_statement(s) for s in _statements(policy))


def _block(bucket: FakeBucket) -> Any:
    return bucket.public_access_block


def _acls_disabled(bucket: FakeBucket) -> bool:
    """``BucketOwnerEnforced`` object ownership: ACLs are off (moto stores the rule as given)."""
    return "BucketOwnerEnforced" in json.dumps(getattr(bucket, "ownership_rule", None), default=str)


def may_read(
    bucket: FakeBucket,
    key_name: str | None,
    caller: Caller,
    *,
    key_acl: Any = None,
    action: str = "s3:GetObject",
) -> bool:
    """Whether ``caller`` may perform ``action`` on ``key_name`` (or the bucket when None)."""
    resource = f"arn:aws:s3:::{bucket.name}" + (f"/{key_name}" if key_name is not None else "")
    decision = policy_decision(bucket.policy, action, resource, caller)
    if decision == "deny":
        return False
    block = _block(bucket)
    if decision == "allow":
        if caller.anonymous and block and block.restrict_public_buckets and is_public_policy(bucket.policy):
            return False
        return True
    if not caller.anonymous or _acls_disabled(bucket) or (block and block.ignore_public_acls):
        return False
    acl = key_acl if key_name is not None else bucket.acl
    return bool(acl and acl.public_read)


def missing_key_status(bucket: FakeBucket, caller: Caller) -> int:
    """S3's answer to a read of a key that does not exist: 404 ``NoSuchKey`` only for a caller
    that may ``s3:ListBucket`` (who could learn it by listing anyway), else 403 ``AccessDenied``
    — so nobody finds out which keys exist by guessing (S3 user guide, GetObject permissions)."""
    return 404 if may_read(bucket, None, caller, action="s3:ListBucket") else 403


# --- moto: bucket policies with principals, public access blocks on writes --------------------


def get_permission(self: FakeBucket, action: str, resource: str) -> Any:
    """``FakeBucket.get_permission`` (moto asks it for anonymous reads and for explicit denies):
    the policy as it applies to an anonymous caller."""
    from moto.iam.access_control import PermissionResult

    decision = policy_decision(self.policy, action, resource, ANONYMOUS)
    if decision == "deny":
        return PermissionResult.DENIED
    if decision == "allow":
        block = _block(self)
        if block and block.restrict_public_buckets and is_public_policy(self.policy):
            return PermissionResult.NEUTRAL
        return PermissionResult.PERMITTED
    return PermissionResult.NEUTRAL


def _access_denied(message: str) -> Exception:
    from moto.s3.exceptions import S3ClientError

    return S3ClientError("AccessDenied", message)


# --- anonymous S3 API requests ------------------------------------------------------------------

_ACCESS_DENIED = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
    b"<Message>Access Denied</Message></Error>"
)


def _is_anonymous(environ: Mapping[str, Any]) -> bool:
    if environ.get("HTTP_AUTHORIZATION"):
        return False
    query = environ.get("QUERY_STRING", "")
    return "Signature=" not in query and "X-Amz-Credential=" not in query


def anonymous_denial(environ: Mapping[str, Any]) -> bytes | None:
    """For an unsigned S3 request S3 would refuse, the 403 body; ``None`` to let it through.

    Signed requests and requests for no bucket of the sandbox are never touched (one header
    test on the hot path).
    """
    if not _is_anonymous(environ):
        return None
    method = environ.get("REQUEST_METHOD", "GET")
    if method not in ("GET", "HEAD", "PUT", "DELETE", "POST"):
        return None
    from urllib.parse import unquote

    from ..preview.objects import find_bucket, find_key
    from ..s3_names import bucket_from_rest_host

    host = str(environ.get("HTTP_HOST", "")).split(":")[0].lower()
    path = unquote(str(environ.get("PATH_INFO", "")))
    name = bucket_from_rest_host(host)
    if name:
        key = path.lstrip("/") or None
    else:
        name, _, rest = path.lstrip("/").partition("/")
        key = rest or None
    bucket = find_bucket(name) if name else None
    if bucket is None:
        return None
    if method == "POST" and key is None:
        return None  # form uploads carry their own signed policy
    if key is not None:
        action = {
            "GET": "s3:GetObject",
            "HEAD": "s3:GetObject",
            "PUT": "s3:PutObject",
            "DELETE": "s3:DeleteObject",
            "POST": "s3:PutObject",
        }[method]
        stored = bucket.keys.get(key) if key in bucket.keys else None
        acl = getattr(stored, "acl", None)
    else:
        action = "s3:ListBucket" if method in ("GET", "HEAD") else f"s3:{method.title()}Bucket"
        acl = None
    if method in ("GET", "HEAD"):
        if key is not None and find_key(bucket, key) is None:
            return None if missing_key_status(bucket, ANONYMOUS) == 404 else _ACCESS_DENIED
        return None if may_read(bucket, key, ANONYMOUS, key_acl=acl, action=action) else _ACCESS_DENIED
    if policy_decision(
        bucket.policy, action, f"arn:aws:s3:::{bucket.name}" + (f"/{key}" if key else ""), ANONYMOUS
    ) == "allow" and not (bucket.public_access_block and bucket.public_access_block.restrict_public_buckets):
        return None
    return _ACCESS_DENIED


def install() -> None:
    from moto.s3.models import S3Backend

    if getattr(FakeBucket.get_permission, "_amplify_extension", False):
        return
    get_permission._amplify_extension = True  # type: ignore[attr-defined]
    FakeBucket.get_permission = get_permission

    put_policy = S3Backend.put_bucket_policy
    put_acl = S3Backend.put_bucket_acl

    def put_bucket_policy(self: Any, bucket_name: str, policy: bytes) -> None:
        bucket = self.get_bucket(bucket_name)
        block = bucket.public_access_block
        if block and block.block_public_policy and is_public_policy(policy):
            raise _access_denied(
                f'User is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::{bucket_name}" '
                "because public policies are blocked by the BlockPublicPolicy block public access setting."
            )
        put_policy(self, bucket_name, policy)

    def put_bucket_acl(self: Any, bucket_name: str, acl: Any) -> None:
        from moto.s3.exceptions import S3ClientError

        bucket = self.get_bucket(bucket_name)
        if _acls_disabled(bucket) and acl is not None and acl.grants and len(acl.grants) > 1:
            raise S3ClientError("AccessControlListNotSupported", "The bucket does not allow ACLs")
        block = bucket.public_access_block
        if block and block.block_public_acls and acl is not None and acl.public_read:
            raise _access_denied("Access Denied")
        put_acl(self, bucket_name, acl)

    S3Backend.put_bucket_policy = put_bucket_policy
    S3Backend.put_bucket_acl = put_bucket_acl

    from moto.s3.responses import S3Response

    put_object_acl = S3Backend.put_object_acl
    put_object_response = S3Response.put_object

    def put_object_acl_checked(
        self: Any, bucket_name: str, key_name: str, acl: Any, *args: Any, **kw: Any
    ) -> None:
        check_object_acl(self.get_bucket(bucket_name), acl)
        put_object_acl(self, bucket_name, key_name, acl, *args, **kw)

    def put_object(self: Any) -> Any:  # the ACL headers of PutObject, checked before the write
        acl = self._acl_from_headers(self.headers)
        if acl is not None:
            check_object_acl(self.backend.get_bucket(self.bucket_name), acl)
        return put_object_response(self)

    S3Backend.put_object_acl = put_object_acl_checked
    S3Response.put_object = put_object


def check_object_acl(bucket: FakeBucket, acl: Any) -> None:
    """S3's rules for an object ACL (PutObject's ``x-amz-acl``/grant headers, PutObjectAcl):
    with ``BucketOwnerEnforced`` only the owner's own grant (``private``,
    ``bucket-owner-full-control``) is accepted — anything else is
    ``AccessControlListNotSupported``; ``BlockPublicAcls`` refuses a public one (AccessDenied)."""
    from moto.s3.exceptions import S3ClientError

    if acl is None:
        return
    if _acls_disabled(bucket) and acl.grants and len(acl.grants) > 1:
        raise S3ClientError("AccessControlListNotSupported", "The bucket does not allow ACLs")
    block = bucket.public_access_block
    if block and block.block_public_acls and acl.public_read:
        raise _access_denied("Access Denied")
