"""``fake_dist``: a minimal installed distribution on ``sys.path``, for real entry-point discovery."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def fake_dist(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    roots: list[Path] = []

    def make(
        name: str,
        version: str = "1.0.0",
        *,
        entry_points: Mapping[str, Mapping[str, str]] | None = None,
        requires: Sequence[str] = (),
        files: Mapping[str, str] | None = None,
    ) -> Path:
        """Write ``<name>-<version>.dist-info`` (and ``files``) into a new folder on ``sys.path``."""
        root = tmp_path_factory.mktemp("fake-dist")
        info = root / f"{name.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
        metadata += [f"Requires-Dist: {req}" for req in requires]
        (info / "METADATA").write_text("\n".join(metadata) + "\n", encoding="utf-8")
        if entry_points:
            lines = []
            for group, table in entry_points.items():
                lines.append(f"[{group}]")
                lines += [f"{ep_name} = {value}" for ep_name, value in table.items()]
                lines.append("")
            (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")
        for relative, text in (files or {}).items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        monkeypatch.syspath_prepend(str(root))
        roots.append(root)
        return root

    try:
        yield make
    finally:
        for module_name, module in list(sys.modules.items()):
            location = getattr(module, "__file__", None) or ""
            if any(location.startswith(str(root)) for root in roots):
                del sys.modules[module_name]
        importlib.invalidate_caches()
