"""``reset-cache``: forget the assume-role credentials of the project's current environment."""

from __future__ import annotations

import os
from typing import Any

from .role_cache import drop_role

DELETED = "Cached temp credentials are deleted for the project."
NOTHING = "No temp credentials are cached for the project."


def reset_project_cache(project: Any) -> str:
    """Gen 1's rule: the current env's profile (or ``AWS_PROFILE`` for configLevel general);
    if that profile assumes a role, drop every cached session of the role."""
    aws_info = project.local_aws_info().get(project.env_name) or {}
    name: str | None
    if aws_info.get("configLevel") == "general":
        name = os.environ.get("AWS_PROFILE") or "default"
    elif aws_info.get("useProfile"):
        name = aws_info.get("profileName")
    else:
        return NOTHING
    from .session import profile_config

    role_arn = profile_config(name).get("role_arn") if name else None
    if role_arn and drop_role(role_arn):
        return DELETED
    return NOTHING
