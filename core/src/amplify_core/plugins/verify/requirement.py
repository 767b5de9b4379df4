"""The plugin's dependency on the core: present, admitting the running core, bounded."""

from __future__ import annotations

from ... import API_VERSION, __version__
from ..requirements import CORE_DISTRIBUTION, core_requirements
from .report import Report
from .target import Target


def _check_core_requirement(target: Target, report: Report) -> None:
    found = core_requirements(target.requires)
    if not found:
        report.problems.append(
            f'does not depend on {CORE_DISTRIBUTION}: add "{suggested_core_requirement()}" '
            "to its dependencies"
        )
        return
    for req in found:
        if req.specifier is None:
            report.problems.append(f"has an unreadable requirement {req.text!r}")
        elif req.excludes(__version__):
            report.problems.append(
                f"requires {CORE_DISTRIBUTION}{req.specifier}, but this core is {__version__} "
                f"(plugin API {API_VERSION})"
            )
        elif not req.has_upper_bound():
            report.warnings.append(
                f"{CORE_DISTRIBUTION}{req.specifier or ''} has no upper bound: pin the API series "
                f'("{suggested_core_requirement()}") so a future core cannot break your users'
            )


def suggested_core_requirement() -> str:
    """``amplify-cli-core>=0.1,<0.2``: the running core's series (its API major)."""
    parts = [int(p) if p.isdigit() else 0 for p in __version__.split(".")[:2]] + [0, 0]
    major, minor = parts[0], parts[1]
    if major == 0:
        return f"{CORE_DISTRIBUTION}>={major}.{minor},<{major}.{minor + 1}"
    return f"{CORE_DISTRIBUTION}>={major}.{minor},<{major + 1}"
