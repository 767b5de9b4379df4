"""``assert_plugin_valid``: the ``amplify plugin verify`` checks as a test assertion."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def assert_plugin_valid(target: str | Path) -> None:
    """Fail with every problem ``amplify plugin verify`` finds in a folder or distribution."""
    from ..plugins.verify import verify_distribution, verify_folder

    path = Path(target)
    report = verify_folder(path) if path.is_dir() else verify_distribution(str(target))
    if report is None:
        raise AssertionError(f"{target!r} is neither a folder nor an installed distribution")
    if not report.ok:
        raise AssertionError(report.verdict() + "\n" + "\n".join(f"  - {p}" for p in report.problems))


def discovered_plugin(name: str, kind: str) -> Any:
    """The record of plugin ``name`` of ``kind`` as a real ``amplify`` run discovers it (entry
    points of the installed distributions); fails the test if it is not found or not active."""
    from ..plugins.loader import load_plugins

    records = [r for r in load_plugins().records if r.name == name and r.kind == kind]
    if not records:
        raise AssertionError(f"amplify did not discover the {kind} plugin {name!r}: is it installed?")
    if records[0].status.value != "active":
        raise AssertionError(
            f"the {kind} plugin {name!r} was found but is {records[0].status.value}: {records[0].reason}"
        )
    return records[0]
