"""Bucket policies: moto evaluates a bucket policy *without* its ``Condition`` blocks, so a deny of
plain HTTP (``aws:SecureTransport: false``, the root stack's DeploymentBucketBlockHTTP) denied
every request to the bucket. The sandbox is HTTP on loopback only; such statements are left out
when moto evaluates a bucket policy (``GetBucketPolicy`` still returns the policy as written)."""

from __future__ import annotations

import json
from typing import Any

from moto.s3.models import FakeBucket


def _is_secure_transport_denial(statement: Any) -> bool:
    """``Deny … when aws:SecureTransport is false`` (the root stack's DeploymentBucketBlockHTTP)."""
    if not isinstance(statement, dict) or statement.get("Effect") != "Deny":
        return False
    condition = statement.get("Condition") or {}
    values = (condition.get("Bool") or {}) if isinstance(condition, dict) else {}
    return (
        set(condition) == {"Bool"}
        and set(values) == {"aws:SecureTransport"}
        and (str(values["aws:SecureTransport"]).lower() == "false")
    )


def install() -> None:
    """moto evaluates bucket policies *without* their ``Condition`` blocks, so a deny of plain
    HTTP (``aws:SecureTransport: false``) denied every request to the bucket. The sandbox is
    HTTP on loopback only; such statements are left out when moto evaluates a bucket policy
    (``get_bucket_policy`` still returns the policy as written)."""
    if getattr(FakeBucket.get_permission, "_amplify_extension", False):
        return
    original = FakeBucket.get_permission

    def get_permission(self: FakeBucket, action: str, resource: str) -> Any:
        if self.policy:
            try:
                document = json.loads(self.policy)
            except ValueError:
                return original(self, action, resource)
            statements = document.get("Statement")
            statements = [statements] if isinstance(statements, dict) else list(statements or [])
            kept = [s for s in statements if not _is_secure_transport_denial(s)]
            if len(kept) != len(statements):
                from moto.iam.access_control import IAMPolicy, PermissionResult

                if not kept:
                    return PermissionResult.NEUTRAL
                return IAMPolicy(json.dumps({**document, "Statement": kept})).is_action_permitted(
                    action, resource
                )
        return original(self, action, resource)

    get_permission._amplify_extension = True  # type: ignore[attr-defined]
    FakeBucket.get_permission = get_permission
