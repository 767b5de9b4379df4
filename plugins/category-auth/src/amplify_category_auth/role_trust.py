"""The root stack's ``AuthRole``/``UnauthRole`` trust the deployed identity pool.

The provider creates both roles with a deny-all trust policy. Gen 1's auth stack rewrites it
with a Lambda custom resource (``UpdateRolesWithIDPFunction``): the roles may be assumed
through ``cognito-identity.amazonaws.com`` by identities of that pool only (``aud``),
authenticated or not (``amr``); when the resource is deleted, it writes a deny again. We do
the same with two IAM calls after a successful push (no Lambda): :func:`plan` compares what
the roles trust with what they should (pure), :func:`apply` writes the differences.
Without it, identity-pool credentials fail on AWS.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from amplify_core.plugin import DEFAULT_PROVIDER, AmplifyContext, Project, env_session

from . import CATEGORY, SERVICE

_PRINCIPAL = {"Federated": "cognito-identity.amazonaws.com"}
_ACTION = "sts:AssumeRoleWithWebIdentity"


def trusting(pool_id: str, amr: str) -> dict[str, Any]:
    """Gen 1's trust policy for ``amr`` (``authenticated``/``unauthenticated``) identities of ``pool_id``."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": _PRINCIPAL,
                "Action": _ACTION,
                "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr},
                },
            }
        ],
    }


def deny_all() -> dict[str, Any]:
    """What Gen 1 writes when the identity pool goes: nobody may assume the role."""
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Principal": _PRINCIPAL, "Action": _ACTION}],
    }


def identity_pool_id(meta: dict[str, Any]) -> str | None:
    """The identity pool a deployed Cognito resource of ``amplify-meta.json`` outputs, if any."""
    for resource in (meta.get(CATEGORY) or {}).values():
        if isinstance(resource, dict) and resource.get("service") == SERVICE:
            pool = (resource.get("output") or {}).get("IdentityPoolId")
            if pool:
                return str(pool)
    return None


def role_names(meta: dict[str, Any]) -> dict[str, str]:
    """``{"authenticated": AuthRoleName, "unauthenticated": UnauthRoleName}`` (those recorded)."""
    provider = (meta.get("providers") or {}).get(DEFAULT_PROVIDER) or {}
    names = {"authenticated": provider.get("AuthRoleName"), "unauthenticated": provider.get("UnauthRoleName")}
    return {amr: str(name) for amr, name in names.items() if name}


def wanted(meta: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Role name → the trust policy it should have, from the deployed ``meta``."""
    pool = identity_pool_id(meta)
    return {name: trusting(pool, amr) if pool else deny_all() for amr, name in role_names(meta).items()}


def plan(current: dict[str, dict[str, Any]], target: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The roles of ``target`` whose ``current`` trust policy differs (pure)."""
    return {name: doc for name, doc in target.items() if _normal(current.get(name)) != _normal(doc)}


def _normal(doc: dict[str, Any] | None) -> Any:
    """A policy without the details IAM may add or drop (``Sid: ""``, one-item lists)."""
    if doc is None:
        return None
    statements = []
    for statement in doc.get("Statement") or []:
        statement = {k: v for k, v in statement.items() if not (k == "Sid" and not v)}
        statements.append(json.loads(json.dumps(statement, sort_keys=True)))
    return {"Version": doc.get("Version"), "Statement": statements}


def current_trust(iam: Any, names: list[str]) -> dict[str, dict[str, Any]]:
    """Each role's trust policy as IAM holds it (URL-encoded text on some endpoints)."""
    docs = {}
    for name in names:
        doc = iam.get_role(RoleName=name)["Role"]["AssumeRolePolicyDocument"]
        docs[name] = json.loads(unquote(doc)) if isinstance(doc, str) else doc
    return docs


def apply(iam: Any, changes: dict[str, dict[str, Any]]) -> None:
    for name, doc in changes.items():
        iam.update_assume_role_policy(RoleName=name, PolicyDocument=json.dumps(doc))


def sync(ctx: AmplifyContext, project: Project) -> dict[str, dict[str, Any]]:
    """Make the environment's roles trust what is deployed now; return what was rewritten."""
    meta = project.amplify_meta(current=True)
    target = wanted(meta)
    if not target:
        return {}
    iam = _iam(ctx, project)
    changes = plan(current_trust(iam, list(target)), target)
    apply(iam, changes)
    return changes


def _iam(ctx: AmplifyContext, project: Project) -> Any:
    """An IAM client from the project's provider (profiles, assume-role, sandbox endpoint, retries)."""
    return env_session(ctx, project).client("iam")
