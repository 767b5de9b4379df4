"""Finding an environment's root stack in the account, for ``amplify pull`` in a folder that
has no ``team-provider-info.json`` (Gen 1 asks the Amplify service; we have no such service,
so the stacks themselves say what they are).

A root stack is a top-level stack whose description is Gen 1's ``{"stackType": "root", …}``
metadata and whose outputs name a deployment bucket. Its project and environment come from
the ``user:Application`` / ``user:Stack`` tags init puts on it, else from its name
``amplify-<project>-<env>-<5 hex>``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from amplify_core.plugin import FoundEnv

from .root_stack import outputs_to_env_info

_NAME = re.compile(r"^amplify-(?P<project>.+)-(?P<env>[a-z]{2,10})-(?P<suffix>[0-9a-f]{5})$")


def _is_root(stack: dict[str, Any]) -> bool:
    if stack.get("ParentId") or stack.get("StackStatus", "").startswith("DELETE"):
        return False
    try:
        description = json.loads(stack.get("Description") or "")
    except ValueError:
        return False
    return isinstance(description, dict) and description.get("stackType") == "root"


def identify(stack: dict[str, Any]) -> FoundEnv | None:
    """The environment a ``DescribeStacks`` entry is the root stack of, or ``None`` (pure)."""
    if not _is_root(stack):
        return None
    env_info = outputs_to_env_info(stack.get("Outputs") or [])
    if not env_info.get("DeploymentBucketName"):
        return None
    tags = {t.get("Key"): t.get("Value") for t in stack.get("Tags") or []}
    match = _NAME.match(stack.get("StackName", ""))
    project = tags.get("user:Application") or (match and match["project"])
    env = tags.get("user:Stack") or (match and match["env"])
    if not project or not env:
        return None
    env_info.setdefault("StackName", stack["StackName"])
    env_info.setdefault("StackId", stack.get("StackId", ""))
    return FoundEnv(project_name=project, env_name=env, env_info=env_info)


def _same(a: str, b: str) -> bool:
    """Project names compare as Gen 1 normalises them: case and punctuation do not count."""

    def norm(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text.lower())

    return norm(a) == norm(b)


def find_root_stacks(
    cfn: Any, *, project_name: str | None = None, env_name: str | None = None
) -> list[FoundEnv]:
    """Every environment in the client's region, optionally of one project and/or one name,
    sorted by project then environment."""
    found = []
    for page in cfn.get_paginator("describe_stacks").paginate():
        for stack in page.get("Stacks", []):
            env = identify(stack)
            if env is None:
                continue
            if project_name is not None and not _same(env.project_name, project_name):
                continue
            if env_name is not None and env.env_name != env_name:
                continue
            found.append(env)
    return sorted(found, key=lambda e: (e.project_name.lower(), e.env_name, e.env_info.get("StackName", "")))
