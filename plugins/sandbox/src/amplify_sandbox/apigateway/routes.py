"""Which API, stage and resource a request addresses (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PREFIX = "restapis"
USER_REQUEST = "_user_request_"


@dataclass(frozen=True)
class Target:
    api_id: str
    stage: str
    path: str  # inside the stage, always starting with "/"


def match(path: str) -> Target | None:
    """The API request in ``path`` (``/restapis/<id>/<stage>/_user_request_/<path>``), or None."""
    parts = path.lstrip("/").split("/", 4)
    if len(parts) < 4 or parts[0] != PREFIX or parts[3] != USER_REQUEST or not parts[1] or not parts[2]:
        return None
    return Target(parts[1], parts[2], "/" + (parts[4] if len(parts) > 4 else ""))


def _pattern(resource_path: str) -> tuple[re.Pattern[str], tuple[int, int]]:
    """A regex for a resource path and its rank (more literal segments first, greedy last)."""
    regex, literal, greedy = "", 0, 0
    for segment in [s for s in resource_path.split("/") if s]:
        if segment.startswith("{") and segment.endswith("+}"):
            regex += f"/(?P<{_group(segment[1:-2])}>.+)"
            greedy = 1
        elif segment.startswith("{") and segment.endswith("}"):
            regex += f"/(?P<{_group(segment[1:-1])}>[^/]+)"
        else:
            regex += "/" + re.escape(segment)
            literal += 1
    return re.compile(f"^{regex or '/'}$"), (-greedy, literal)


def _group(name: str) -> str:
    return "p_" + re.sub(r"\W", "_", name)


def find_resource(resources: list[Any], path: str) -> tuple[Any, dict[str, str]] | None:
    """The resource ``path`` selects, as API Gateway picks it, and its path parameters."""
    best = None
    for resource in resources:
        resource_path = resource.get_path()
        pattern, rank = _pattern(resource_path)
        found = pattern.match(path if path != "" else "/")
        if found and (best is None or rank > best[0]):
            names = re.findall(r"\{([^}+]+)\+?\}", resource_path)
            best = (rank, resource, {n: v for n, v in zip(names, found.groups(), strict=False)})
    return None if best is None else (best[1], best[2])
