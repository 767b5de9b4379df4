"""Checks of a plugin's metadata that need no import: its entry-point groups and names."""

from __future__ import annotations

import difflib

from ... import PROJECT_NAME
from ...descriptors import name_problem
from ...kinds import BY_GROUP
from .report import Report
from .requirement import _check_core_requirement
from .target import EntryPointSpec, Target


def check_packaging(target: Target, report: Report) -> list[EntryPointSpec]:
    """Checks that need no import; returns the entry points worth importing."""
    _check_core_requirement(target, report)
    ours = [ep for ep in target.entry_points if ep.group in BY_GROUP]
    for ep in target.entry_points:
        if ep.group.startswith(PROJECT_NAME) and ep.group not in BY_GROUP:
            close = difflib.get_close_matches(ep.group, list(BY_GROUP), n=1)
            hint = f" (did you mean {close[0]}?)" if close else f" (use one of {', '.join(BY_GROUP)})"
            report.problems.append(f"entry point {ep.label}: unknown group {ep.group}{hint}")
    if not ours and not report.problems:
        report.problems.append(
            "declares no amplify entry point: add one under "
            '[project.entry-points."amplify.plugins"] (or amplify.frontends / providers / categories)'
        )
    usable = []
    for ep in ours:
        problem = name_problem(ep.name)
        if problem:
            report.problems.append(f"entry point {ep.label}: the name {problem}")
            continue
        module, _, attr = ep.value.partition(":")
        if not module or (":" in ep.value and not attr):
            report.problems.append(f"entry point {ep.label}: {ep.value!r} is not 'module' or 'module:attr'")
            continue
        usable.append(ep)
    return usable
