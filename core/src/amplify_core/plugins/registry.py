"""The typed view of the loaded plugins: core code asks here, never ``pm.hook`` directly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pluggy

from ..descriptors import PluginInfo
from ..kinds import KINDS, kind_of
from .records import PluginRecord, Status

#: Which distribution provides the official commands and plugins, for helpful errors when
#: one is missing. Strings only: the core never imports a plugin.
OFFICIAL_PACKAGES: dict[str, str] = {
    "javascript": "amplify-frontend-javascript",
    "android": "amplify-frontend-android",
    "ios": "amplify-frontend-ios",
    "awscloudformation": "amplify-provider-awscloudformation",
    "aws": "amplify-provider-awscloudformation",
    "hosting": "amplify-category-hosting",
    "storage": "amplify-category-storage",
    "auth": "amplify-category-auth",
    "function": "amplify-category-function",
    "api": "amplify-category-api",
    "sandbox": "amplify-sandbox",
}


@dataclass(frozen=True)
class Registered:
    """A descriptor together with the plugin that registered it."""

    info: Any  # a PluginInfo subclass; Any so callers read its kind's fields unchecked
    record: PluginRecord


class PluginSet:
    """Every discovered plugin record, and the descriptors of the active ones by name."""

    def __init__(self, pm: pluggy.PluginManager, reserved_commands: frozenset[str] = frozenset()):
        self.pm = pm
        self.records: list[PluginRecord] = []
        self.reserved_commands = reserved_commands
        #: Active descriptors by kind name, then by name (and alias).
        self.tables: dict[str, dict[str, Registered]] = {kind.name: {} for kind in KINDS}

    @property
    def frontends(self) -> dict[str, Registered]:
        return self.tables["frontend"]

    @property
    def providers(self) -> dict[str, Registered]:
        return self.tables["provider"]

    @property
    def categories(self) -> dict[str, Registered]:
        return self.tables["category"]

    @property
    def commands(self) -> dict[str, Registered]:
        return self.tables["util"]

    def add_record(self, record: PluginRecord) -> None:
        self.records.append(record)

    def _table(self, info: PluginInfo) -> dict[str, Registered]:
        return self.tables[kind_of(info).name]

    def find_clash(self, descriptors: list[PluginInfo]) -> str | None:
        """Describe the first name in ``descriptors`` already taken, or ``None``."""
        seen: set[tuple[int, str]] = set()
        for info in descriptors:
            table = self._table(info)
            for name in info.names():
                key = (id(table), name)
                if key in seen:
                    return f"registers {name!r} twice"
                seen.add(key)
                if table is self.commands and name in self.reserved_commands:
                    return f"command {name!r} is a core command"
                if name in table:
                    owner = table[name].record
                    return f"{name!r} is already provided by {owner.distribution} {owner.version}"
        return None

    def accept(self, record: PluginRecord) -> None:
        """Index an active record's descriptors by name."""
        for info in record.descriptors:
            table = self._table(info)
            for name in info.names():
                table[name] = Registered(info, record)

    @property
    def problems(self) -> list[PluginRecord]:
        """Records that were skipped for a reason the user should hear about."""
        return [r for r in self.records if r.status not in (Status.ACTIVE, Status.DISABLED)]

    def command_names(self) -> list[str]:
        """Primary names of plugin command groups (aliases excluded)."""
        return sorted({reg.info.name for reg in self.commands.values()})

    def active_versions(self) -> list[tuple[str, str, str]]:
        """``(name, distribution, version)`` of each active plugin, for ``--version``."""
        out: dict[str, tuple[str, str, str]] = {}
        for r in self.records:
            if r.status is Status.ACTIVE:
                out.setdefault(r.distribution, (r.name, r.distribution, r.version))
        return sorted(out.values(), key=lambda row: row[1])
