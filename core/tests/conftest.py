"""Fixtures for the core's tests: run the real ``amplify`` command, and fake installed plugins.

A fake plugin is a real distribution: a ``*.dist-info`` folder with ``METADATA`` and
``entry_points.txt`` plus its module, in a folder put on ``PYTHONPATH`` of the subprocess,
so discovery goes through ``importlib.metadata`` exactly as for a plugin from PyPI.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from amplify_core.testing import ProcessResult as Result
from amplify_core.testing import run_amplify as run_amplify_process


class FakeSite:
    """A folder of fake distributions for one test."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def add(
        self,
        dist: str,
        version: str,
        *,
        group: str,
        name: str,
        module: str,
        source: str,
        requires: list[str] | None = None,
    ) -> None:
        info = self.root / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        meta = ["Metadata-Version: 2.1", f"Name: {dist}", f"Version: {version}"]
        meta += [f"Requires-Dist: {r}" for r in requires or []]
        (info / "METADATA").write_text("\n".join(meta) + "\n")
        (info / "entry_points.txt").write_text(f"[{group}]\n{name} = {module}\n")
        (info / "RECORD").write_text("")
        (self.root / f"{module}.py").write_text(textwrap.dedent(source))


@pytest.fixture
def fake_site(tmp_path: Path) -> FakeSite:
    return FakeSite(tmp_path / "site")


@pytest.fixture
def run_amplify(tmp_path: Path, fake_site: FakeSite):
    """Run the real ``amplify`` console script; stdin is closed (never a terminal)."""
    home = tmp_path / "home"
    home.mkdir()

    def run(
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        stdin: str | None = None,
        timeout: float = 60,
    ) -> Result:
        environment = {
            **os.environ,
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "XDG_CACHE_HOME": str(home / ".cache"),  # where plugin discovery is remembered
            "PYTHONPATH": str(fake_site.root),
            **(env or {}),
        }
        return run_amplify_process(
            *args,
            cwd=cwd or tmp_path,
            env=environment,
            stdin=stdin if stdin is not None else "",
            timeout=timeout,
        )

    return run
