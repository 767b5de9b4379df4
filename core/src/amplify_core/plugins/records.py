"""What the core knows about each discovered plugin, whatever became of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"
    FAILED = "failed"
    INCOMPATIBLE = "incompatible"
    INVALID = "invalid"
    CONFLICT = "conflict"


@dataclass
class PluginRecord:
    """One entry point of one distribution, with its load outcome."""

    name: str
    kind: str
    entry_point: str
    distribution: str
    version: str
    status: Status = Status.ACTIVE
    reason: str | None = None
    module: Any = None
    descriptors: list[Any] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"plugin '{self.name}' ({self.distribution} {self.version})"

    def as_json(self) -> dict[str, Any]:
        """The stable shape of ``amplify plugin list --json``."""
        return {
            "name": self.name,
            "kind": self.kind,
            "distribution": self.distribution,
            "version": self.version,
            "status": self.status.value,
            "reason": self.reason,
            "entryPoint": self.entry_point,
        }

    def problem_line(self) -> str:
        """The single stderr line reporting why the plugin was skipped."""
        verb = {
            Status.FAILED: "failed to load",
            Status.INCOMPATIBLE: "is incompatible",
            Status.INVALID: "registered an invalid descriptor",
            Status.CONFLICT: "conflicts with another plugin",
        }.get(self.status, self.status.value)
        return (
            f"amplify: {self.label} {verb}: {self.reason} "
            f"(skipped; silence with AMPLIFY_DISABLE_PLUGINS={self.name})"
        )
