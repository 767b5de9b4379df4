"""Temporary credentials may do only what their role's policies allow.

moto authorises nothing unless its IAM simulation is switched on for every request (see
:mod:`amplify_sandbox.request_auth` for why it is not). Its hook, though, sits where it must:
every service calls ``ActionAuthenticatorMixin._authenticate_and_authorize_action`` with the
IAM action and, for S3, the object or bucket ARN. Here that hook judges the request's verified
signer (:func:`amplify_sandbox.request_auth.current_principal`):

* the sandbox's own keys, unsigned requests (S3 judges those by bucket policy) and moto
  in-process (no signer recorded): allowed, as before;
* an assumed role's session (a Cognito identity's credentials, ``AssumeRole``): the role's
  inline and attached policies are evaluated with wildcards, conditions and policy variables
  (``${cognito-identity.amazonaws.com:sub}`` is the identity id); an explicit deny, or no allow,
  is ``AccessDenied`` (403) worded as AWS words it. A role that does not exist allows nothing.
* an IAM user's own key (``CreateAccessKey``): the user's inline and attached policies and
  those of its groups, the same way (``${aws:username}`` is the user's name).

Resource ARNs are known for S3 only; other services' actions are judged by action alone.
"""

from __future__ import annotations

from typing import Any

from ..config import ACCOUNT_ID
from .s3_access import Caller, identity_decision


def _documents(holder: Any) -> list[str]:
    """A role's, user's or group's inline policies and its attached policies' default versions."""
    documents = list(holder.policies.values())
    for policy in holder.managed_policies.values():
        version = next((v for v in policy.versions if v.is_default), None)
        if version is not None:
            documents.append(version.document)
    return documents


def role_policies(role_arn: str) -> list[str] | None:
    """The policy documents of the role ``role_arn`` (None: no such role)."""
    from moto.iam.models import iam_backends

    backend = iam_backends[ACCOUNT_ID]["aws"]
    name = role_arn.rsplit("/", 1)[-1]
    role = next((r for r in backend.roles.values() if r.name == name), None)
    if role is None:
        return None
    return _documents(role)


def user_policies(user: Any) -> list[str]:
    """The policy documents of an IAM user: its own and its groups'."""
    from moto.iam.models import iam_backends

    documents = _documents(user)
    for group in iam_backends[ACCOUNT_ID]["aws"].groups.values():
        if user in group.users:
            documents.extend(_documents(group))
    return documents


def user_caller(user: Any) -> Caller:
    context = {"aws:principaltype": "User", "aws:username": user.name, "aws:userid": user.id}
    return Caller(arn=user.arn, context=context)


def session_caller(session: Any) -> Caller:
    """The caller an assumed-role session stands for, with its policy-variable context."""
    context = {
        "aws:principaltype": "AssumedRole",
        "aws:userid": f"{session.role_arn.rsplit('/', 1)[-1]}:{session.session_name}",
        **getattr(session, "amplify_context", {}),
    }
    return Caller(arn=session.arn, context=context)


def denial(service: str, arn: str, action: str, resource: str, explicit: bool) -> Exception:
    """AWS's AccessDenied for an identity-policy decision."""
    reason = (
        "with an explicit deny in an identity-based policy"
        if explicit
        else f"because no identity-based policy allows the {action} action"
    )
    on = f' on resource: "{resource}"' if resource != "*" else ""
    if service == "s3":
        from moto.s3.exceptions import S3ClientError

        message = f"User: {arn} is not authorized to perform: {action}{on} {reason}"
        return S3ClientError("AccessDenied", message)  # 403, as moto serialises S3's AccessDenied
    from moto.core.exceptions import AccessDeniedError, JsonRESTError

    if service.startswith(("cognito", "dynamodb", "lambda")):
        message = f"User: {arn} is not authorized to perform: {action}{on} {reason}"
        return JsonRESTError("AccessDeniedException", message)  # 400, as these services answer
    return AccessDeniedError(user_arn=arn, action=f"{action}{on} {reason}")  # 403


def _authenticate_and_authorize_action(self: Any, iam_request_cls: type, resource: str = "*") -> None:
    from ..request_auth import current_principal

    principal = current_principal()
    if principal is None or principal.full_access:
        return
    scope = str(self.headers.get("Authorization", "")).split(",")[0].split("/")
    service = scope[3] if len(scope) == 5 else str(getattr(self, "service_name", "") or "s3")
    operation = self._get_action()
    action = f"{service}:{operation[0] if isinstance(operation, list) else operation}"
    if action == "sts:GetCallerIdentity":
        return  # always allowed, as in AWS
    if principal.session is not None:
        caller = session_caller(principal.session)
        documents = role_policies(principal.session.role_arn) or []
    else:
        caller = user_caller(principal.user)
        documents = user_policies(principal.user)
    prefix = getattr(self, "querystring", {}).get("prefix")
    if prefix:
        caller = Caller(arn=caller.arn, context={**caller.context, "s3:prefix": prefix[0]})
    decision = identity_decision(documents, action, resource, caller)
    if decision != "allow":
        raise denial(service, str(caller.arn), action, resource, explicit=decision == "deny")


def install() -> None:
    from moto.core.authorization import ActionAuthenticatorMixin

    if getattr(ActionAuthenticatorMixin._authenticate_and_authorize_action, "_amplify_extension", False):
        return
    _authenticate_and_authorize_action._amplify_extension = True  # type: ignore[attr-defined]
    ActionAuthenticatorMixin._authenticate_and_authorize_action = _authenticate_and_authorize_action
