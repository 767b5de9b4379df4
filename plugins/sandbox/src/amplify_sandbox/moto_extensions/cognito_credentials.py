"""Cognito identities get their identity pool's role, as in AWS.

moto's ``GetId`` ignores ``Logins`` and the pool's ``AllowUnauthenticatedIdentities``, and
``GetCredentialsForIdentity`` answers every identity with the same fixed keys, whatever roles the
pool has. Here, as in Cognito:

* ``GetId`` with ``Logins`` checks each token: the provider must be one of the pool's
  (``cognito-idp.<region>.amazonaws.com/<user pool id>`` with that app client), the token an ID
  token of that user pool, signed by it, for that client, not expired. The same user gets the
  same identity each time. Without ``Logins`` a guest identity is made only if the pool allows
  unauthenticated identities;
* the role must exist and trust Cognito for this pool and kind of identity (its trust policy
  allows ``sts:AssumeRoleWithWebIdentity`` to ``cognito-identity.amazonaws.com`` with the pool
  as ``aud`` and the ``amr``), else ``InvalidIdentityPoolConfigurationException``;
* ``GetCredentialsForIdentity`` of a signed-in identity needs a valid login for it; a guest
  identity needs a pool that still allows guests. The credentials are moto STS's session of the
  pool's ``authenticated`` or ``unauthenticated`` role (``CognitoIdentityCredentials``, one
  hour), so the sandbox knows them (:mod:`amplify_sandbox.request_auth`) and judges them by the
  role's policies, with ``${cognito-identity.amazonaws.com:sub}`` = the identity id
  (:mod:`.iam_authorization`);
* failures are AWS's: ``ResourceNotFoundException``, ``NotAuthorizedException``,
  ``InvalidIdentityPoolConfigurationException``.
"""

from __future__ import annotations

import json
import time
from typing import Any

from moto.cognitoidentity.models import CognitoIdentityBackend, cognitoidentity_backends
from moto.cognitoidentity.responses import CognitoIdentityResponse
from moto.core.exceptions import JsonRESTError

#: How long Cognito's credentials last (GetCredentialsForIdentity: one hour).
DURATION = 3600
SESSION_NAME = "CognitoIdentityCredentials"


def _error(code: str, message: str) -> JsonRESTError:
    return JsonRESTError(code, message)


def _not_authorized(message: str) -> JsonRESTError:
    return _error("NotAuthorizedException", message)


def _pool(backend: CognitoIdentityBackend, pool_id: str) -> Any:
    pool = cognitoidentity_backends[backend.account_id][pool_id.split(":")[0]].identity_pools.get(pool_id)
    if pool is None:
        raise _error("ResourceNotFoundException", f"IdentityPool '{pool_id}' not found.")
    return pool


def _registry(backend: CognitoIdentityBackend) -> dict[str, Any]:
    """identity id → {"pool": …, "logins": {provider: sub}} (kept on the backend, so snapshots
    and resets keep it in step with the identities)."""
    registry = getattr(backend, "amplify_identities", None)
    if registry is None:
        registry = backend.amplify_identities = {}  # type: ignore[attr-defined]
    return registry


def verified_logins(pool: Any, logins: dict[str, str] | None, account_id: str) -> dict[str, str]:
    """provider → the user's ``sub``, for every login, or ``NotAuthorizedException``."""
    from joserfc import jwt
    from joserfc.errors import JoseError
    from moto.cognitoidp.models import cognitoidp_backends

    found = {}
    providers = {str(p.get("ProviderName")): str(p.get("ClientId")) for p in pool.cognito_identity_providers}
    for provider, token in (logins or {}).items():
        if provider not in providers:
            raise _not_authorized("Token is not from a supported provider of this identity pool.")
        host, _, user_pool_id = provider.partition("/")
        region = host.split(".")[1] if host.count(".") >= 2 else "us-east-1"
        user_pool = cognitoidp_backends[account_id][region].user_pools.get(user_pool_id)
        if user_pool is None:
            raise _not_authorized("Invalid login token. Couldn't verify signed token.")
        try:
            claims = jwt.decode(str(token), user_pool.json_web_key).claims
        except (JoseError, ValueError):
            raise _not_authorized("Invalid login token. Not a valid OpenId Connect identity token.") from None
        if claims.get("iss") != f"https://{provider}" or claims.get("token_use") != "id":
            raise _not_authorized("Invalid login token. Issuer doesn't match providerName")
        if claims.get("aud") != providers[provider]:
            raise _not_authorized("Invalid login token. Incorrect token audience.")
        if float(claims.get("exp", 0)) < time.time():
            raise _not_authorized(
                f"Invalid login token. Token expired: {claims.get('exp')} < {int(time.time())}"
            )
        found[provider] = str(claims["sub"])
    return found


def get_id(self: CognitoIdentityBackend, identity_pool_id: str, logins: dict[str, str] | None = None) -> str:
    pool = _pool(self, identity_pool_id)
    backend = cognitoidentity_backends[self.account_id][identity_pool_id.split(":")[0]]
    registry = _registry(backend)
    users = verified_logins(pool, logins, self.account_id)
    if users:
        for identity_id, info in registry.items():
            if info["pool"] == identity_pool_id and any(info["logins"].get(p) == s for p, s in users.items()):
                info["logins"].update(users)
                return json.dumps({"IdentityId": identity_id})
    elif not pool.allow_unauthenticated_identities:
        raise _not_authorized("Unauthenticated access is not supported for this identity pool.")
    created = json.loads(ORIGINAL_GET_ID(self, identity_pool_id))
    registry[created["IdentityId"]] = {"pool": identity_pool_id, "logins": users}
    return json.dumps(created)


def get_credentials_for_identity(
    self: CognitoIdentityBackend, identity_id: str, logins: dict[str, str] | None = None
) -> str:
    from moto.sts.models import sts_backends

    info = _registry(cognitoidentity_backends[self.account_id][identity_id.split(":")[0]]).get(identity_id)
    if info is None:
        raise _error("ResourceNotFoundException", f"IdentityId '{identity_id}' not found.")
    pool = _pool(self, info["pool"])
    users = verified_logins(pool, logins, self.account_id)
    if info["logins"]:
        if not users or not any(info["logins"].get(p) == s for p, s in users.items()):
            raise _not_authorized(f"Access to Identity '{identity_id}' is forbidden.")
        kind = "authenticated"
    else:
        if users:
            raise _not_authorized(f"Access to Identity '{identity_id}' is forbidden.")
        if not pool.allow_unauthenticated_identities:
            raise _not_authorized("Unauthenticated access is not supported for this identity pool.")
        kind = "unauthenticated"
    role_arn = (getattr(pool, "roles", None) or {}).get(kind)
    context = {
        "cognito-identity.amazonaws.com:sub": identity_id,
        "cognito-identity.amazonaws.com:aud": info["pool"],
        "cognito-identity.amazonaws.com:amr": kind,
    }
    if not role_arn or not _trusts_cognito(self.account_id, role_arn, context):
        raise _error(
            "InvalidIdentityPoolConfigurationException",
            "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
        )
    session = sts_backends[self.account_id]["aws"].assume_role(
        region_name=self.region_name,
        role_session_name=SESSION_NAME,
        role_arn=role_arn,
        policy="",
        duration=DURATION,
        external_id="",
    )
    session.amplify_context = context  # type: ignore[attr-defined]  # read back by iam_authorization
    return json.dumps(
        {
            "Credentials": {
                "AccessKeyId": session.access_key_id,
                "SecretKey": session.secret_access_key,
                "SessionToken": session.session_token,
                "Expiration": session.expiration.timestamp(),
            },
            "IdentityId": identity_id,
        }
    )


def _trusts_cognito(account_id: str, role_arn: str, context: dict[str, str]) -> bool:
    """Whether the role exists and its trust policy lets Cognito assume it for this identity
    (``sts:AssumeRoleWithWebIdentity`` by ``cognito-identity.amazonaws.com``, with the pool as
    ``aud`` and ``authenticated``/``unauthenticated`` as ``amr``)."""
    from moto.iam.models import iam_backends

    from .s3_access import Caller, policy_decision

    name = role_arn.rsplit("/", 1)[-1]
    role = next((r for r in iam_backends[account_id]["aws"].roles.values() if r.name == name), None)
    if role is None:
        return False
    caller = Caller(federated="cognito-identity.amazonaws.com", context=context)
    return (
        policy_decision(role.assume_role_policy_document, "sts:AssumeRoleWithWebIdentity", "*", caller)
        == "allow"
    )


ORIGINAL_GET_ID: Any = None


def install() -> None:
    global ORIGINAL_GET_ID
    if ORIGINAL_GET_ID is not None:
        return
    ORIGINAL_GET_ID = CognitoIdentityBackend.get_id
    CognitoIdentityBackend.get_id = get_id
    CognitoIdentityBackend.get_credentials_for_identity = get_credentials_for_identity

    def response_get_id(self: CognitoIdentityResponse) -> str:
        return self.backend.get_id(self._get_param("IdentityPoolId"), self._get_param("Logins"))  # type: ignore[call-arg]

    def response_get_credentials(self: CognitoIdentityResponse) -> str:
        return self.backend.get_credentials_for_identity(  # type: ignore[call-arg]
            self._get_param("IdentityId"), self._get_param("Logins")
        )

    CognitoIdentityResponse.get_id = response_get_id
    CognitoIdentityResponse.get_credentials_for_identity = response_get_credentials
