"""``env list`` and ``env get``: read local files only (no AWS SDK import, no network)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..console import render_table
from ..errors import UsageError
from ..state.jsonfile import read_json
from ..state.paths import ProjectPaths, require_project_root

#: Keys of a team-provider-info environment block that are not provider blocks.
NON_PROVIDER_KEYS = ("categories", "nonCFNdata")


def locate(cwd) -> tuple[ProjectPaths, str | None]:
    """The project's paths and current environment (if any), without the pydantic models."""
    paths = ProjectPaths(require_project_root(cwd))
    return paths, (read_json(paths.local_env_info, default=None) or {}).get("envName")


def env_names(paths: ProjectPaths) -> list[str]:
    """Environments this branch can use: the ones in its ``team-provider-info.json``."""
    return sorted(read_json(paths.team_provider_info, default={}) or {})


def local_only_names(paths: ProjectPaths) -> list[str]:
    """Environments this clone has credentials for (``local-aws-info.json``) but this branch's
    ``team-provider-info.json`` does not list — typically another branch's environment."""
    tpi = read_json(paths.team_provider_info, default={}) or {}
    local = read_json(paths.local_aws_info, default={}) or {}
    return sorted(set(local) - set(tpi))


LOCAL_ONLY = "(local only: not in this branch's team-provider-info.json)"


def list_table(names: list[str], current: str | None, local_only: Sequence[str] = ()) -> str:
    """Gen 1's ``| Environments |`` table, the current environment prefixed with ``*``;
    environments known only to this clone come last, marked."""
    rows = [((f"*{n}" if n == current else n),) for n in names]
    rows += [(f"{'*' if n == current else ''}{n} {LOCAL_ONLY}",) for n in local_only]
    return render_table(("Environments",), rows)


def unknown_env(name: str, paths: ProjectPaths, *, action: str) -> UsageError:
    """The one error for an environment name this branch does not know, naming it."""
    names = env_names(paths)
    local = local_only_names(paths)
    if name in local:
        detail = (
            f"Environment {name!r} is known to this clone only: it is not in this branch's "
            f"team-provider-info.json, so it cannot be used to {action} here."
        )
        hint = "Check out the git branch that has it, or `amplify env import` it."
    else:
        known = ", ".join(names) or "none"
        detail = f"No environment named {name!r} in this project (environments: {known})."
        hint = 'Run "amplify env list" to get a list of valid environments.'
    return UsageError(f"Environment name is invalid. {detail}", hint=hint)


def details_text(tpi: dict[str, Any], names: list[str], current: str | None) -> str:
    blocks = []
    for name in names:
        label = f"*{name}*" if name == current else name
        blocks.append(f"{label}\n{env_text(tpi.get(name) or {})}")
    return "\n\n".join(blocks)


def env_text(env: dict[str, Any]) -> str:
    """Gen 1's ``env get`` lines: a rule, ``Provider: <name>``, ``Key: value``, a rule."""
    lines = ["--------------"]
    for provider, block in env.items():
        if provider in NON_PROVIDER_KEYS or not isinstance(block, dict):
            continue
        lines.append(f"Provider: {provider}")
        lines.extend(f"{key}: {value}" for key, value in block.items())
        lines.append("--------------")
    return "\n".join(lines)


def get_env(paths: ProjectPaths, name: str | None) -> dict[str, Any]:
    if not name:
        raise UsageError("Environment name was not specified.", hint="Pass --name <env>.")
    tpi = read_json(paths.team_provider_info, default={}) or {}
    if name not in tpi:
        raise unknown_env(name, paths, action="show its details")
    return tpi[name]
