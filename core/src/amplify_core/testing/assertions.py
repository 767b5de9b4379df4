"""``assert_plugin_valid``: the ``amplify plugin verify`` checks as a test assertion."""

from __future__ import annotations

from pathlib import Path


def assert_plugin_valid(target: str | Path) -> None:
    """Fail with every problem ``amplify plugin verify`` finds in a folder or distribution."""
    from ..plugins.verify import verify_distribution, verify_folder

    path = Path(target)
    report = verify_folder(path) if path.is_dir() else verify_distribution(str(target))
    if report is None:
        raise AssertionError(f"{target!r} is neither a folder nor an installed distribution")
    if not report.ok:
        raise AssertionError(report.verdict() + "\n" + "\n".join(f"  - {p}" for p in report.problems))
