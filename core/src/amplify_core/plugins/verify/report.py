"""The result of ``amplify plugin verify``: problems, warnings and what was found, with the
one-line verdict and the JSON form the command prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ... import API_VERSION, __version__
from ..requirements import CORE_DISTRIBUTION


@dataclass
class Report:
    distribution: str
    version: str
    where: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entry_points: list[str] = field(default_factory=list)
    hooks: list[str] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def verdict(self) -> str:
        """One line: what was checked and whether it passed."""
        head = f"{self.distribution} {self.version} ({self.where})"
        if not self.ok:
            count = len(self.problems)
            return f"{head}: {count} problem{'s' if count != 1 else ''}"
        return (
            f"{head}: OK — {_plural(len(self.entry_points), 'entry point')}, "
            f"{_plural(len(self.hooks), 'hook')}, {_plural(len(self.descriptors), 'descriptor')}; "
            f"works with {CORE_DISTRIBUTION} {__version__} (plugin API {API_VERSION})"
        )

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, **asdict(self)}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
