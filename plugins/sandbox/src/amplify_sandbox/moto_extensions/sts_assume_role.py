"""``AssumeRole`` as STS decides it: the role must exist and trust the caller.

moto hands out credentials for any role ARN ("the role does not need to exist"), so a profile
whose ``role_arn`` names a missing role, or a role whose trust policy requires MFA or an
external ID, worked in the sandbox and failed in AWS. STS answers ``AccessDenied`` (403, "User:
<caller> is not authorized to perform: sts:AssumeRole on resource: <role>") unless:

* the role exists (the sandbox has one account: a role of another account does not);
* a statement of its trust policy allows ``sts:AssumeRole`` to the caller — ``Principal`` ``"*"``,
  the caller's ARN (an assumed-role session is matched by its role's ARN, as
  ``aws:PrincipalArn`` is), or the caller's account (``"123456789012"`` or
  ``arn:aws:iam::123456789012:root``: trust delegated to the account's identities) — and its
  conditions hold: ``aws:MultiFactorAuthPresent`` is ``true`` only when the request carries
  ``SerialNumber`` and ``TokenCode``, ``sts:ExternalId`` is the request's ``ExternalId``;
* and no statement denies it.

The caller's own side — its identity policies must allow ``sts:AssumeRole`` — is
:mod:`.iam_authorization`'s (a role session's or an IAM user's policies); the sandbox's own keys are the
account's owner. A ``TokenCode`` must be six digits (STS's constraint); the sandbox has no MFA
device to check the code against, so any six digits pass.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import ACCOUNT_ID

_TOKEN_CODE = re.compile(r"\d{6}")


def _caller() -> tuple[str, str]:
    """The ARN that reports the caller in messages, and the ARN trust principals match."""
    from ..request_auth import current_principal

    principal = current_principal()
    if principal is not None and principal.session is not None:
        return principal.session.arn, principal.session.role_arn
    if principal is not None and principal.user is not None:
        return principal.user.arn, principal.user.arn
    root = f"arn:aws:iam::{ACCOUNT_ID}:root"  # the sandbox's own keys: the account's owner
    return root, root


def _role(role_arn: str) -> Any:
    from moto.iam.models import iam_backends

    if not role_arn.startswith(f"arn:aws:iam::{ACCOUNT_ID}:role/"):
        return None
    name = role_arn.rsplit("/", 1)[-1]
    return next((r for r in iam_backends[ACCOUNT_ID]["aws"].roles.values() if r.name == name), None)


def check(
    role_arn: str, *, external_id: str | None, serial_number: str | None, token_code: str | None
) -> None:
    """Raise STS's error unless ``role_arn`` may be assumed by this request's caller."""
    from moto.core.exceptions import AccessDeniedError
    from moto.sts.exceptions import STSValidationError

    from .s3_access import Caller, policy_decision

    if token_code is not None and not _TOKEN_CODE.fullmatch(token_code):
        raise STSValidationError(
            f"1 validation error detected: Value '{token_code}' at 'tokenCode' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [\\d]*"
        )
    reported, matched = _caller()
    context = {"aws:principalarn": matched, "aws:principalaccount": ACCOUNT_ID}
    if serial_number and token_code:
        context.update({"aws:multifactorauthpresent": "true", "aws:multifactorauthage": "0"})
    if external_id is not None:
        context["sts:externalid"] = external_id
    role = _role(role_arn)
    trusted = role is not None and (
        policy_decision(
            role.assume_role_policy_document,
            "sts:AssumeRole",
            "*",
            Caller(arn=matched, account=ACCOUNT_ID, context=context),
        )
        == "allow"
    )
    if not trusted:
        raise AccessDeniedError(user_arn=reported, action=f"sts:AssumeRole on resource: {role_arn}")


def install() -> None:
    from moto.sts.responses import TokenResponse

    if getattr(TokenResponse.assume_role, "_amplify_extension", False):
        return
    original = TokenResponse.assume_role

    def assume_role(self: Any) -> Any:
        check(
            self._get_param("RoleArn") or "",
            external_id=self._get_param("ExternalId"),
            serial_number=self._get_param("SerialNumber"),
            token_code=self._get_param("TokenCode"),
        )
        return original(self)

    assume_role._amplify_extension = True  # type: ignore[attr-defined]
    TokenResponse.assume_role = assume_role
