"""``register_plugin``: register a plugin for one test through the real loader, undone after."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from ..kinds import BY_NAME, KINDS
from ..plugins.loader import register_module
from ..plugins.records import PluginRecord, Status
from ..plugins.registry import PluginSet


@dataclass(frozen=True)
class _Origin:
    name: str
    kind: str
    distribution: str
    version: str
    value: str


def _installed_origin(obj: Any) -> _Origin | None:
    """The installed entry point that names ``obj`` (a module), if any."""
    module_name = getattr(obj, "__name__", None)
    if not isinstance(module_name, str):
        return None
    from importlib.metadata import entry_points

    for kind in KINDS:
        for ep in entry_points(group=kind.group):
            if ep.value == module_name:
                dist = ep.dist
                return _Origin(
                    ep.name,
                    kind.name,
                    dist.metadata["Name"] if dist else "unknown",
                    dist.version if dist else "unknown",
                    ep.value,
                )
    return None


class _Registrar:
    def __init__(self, plugins: PluginSet):
        self.plugins = plugins
        self.records: list[PluginRecord] = []

    def __call__(
        self,
        obj: Any,
        *,
        name: str | None = None,
        kind: str | None = None,
        distribution: str | None = None,
        version: str | None = None,
        expect_active: bool = True,
    ) -> PluginRecord:
        origin = _installed_origin(obj)
        kind = kind or (origin.kind if origin else "util")
        if kind not in BY_NAME:
            raise ValueError(f"kind must be one of {', '.join(BY_NAME)}, not {kind!r}")
        default_name = getattr(obj, "__name__", type(obj).__name__).rsplit(".", 1)[-1]
        record = PluginRecord(
            name=name or (origin.name if origin else default_name),
            kind=kind,
            entry_point=origin.value if origin else getattr(obj, "__name__", repr(obj)),
            distribution=distribution or (origin.distribution if origin else "test"),
            version=version or (origin.version if origin else "0.0.0"),
        )
        self.plugins.add_record(record)
        self.records.append(record)
        register_module(self.plugins, record, obj)
        if expect_active and record.status is not Status.ACTIVE:
            pytest.fail(record.problem_line(), pytrace=False)
        return record

    def undo(self) -> None:
        plugins = self.plugins
        for record in reversed(self.records):
            if record.module is not None and plugins.pm.is_registered(record.module):
                plugins.pm.unregister(record.module)
            for table in plugins.tables.values():
                for key in [k for k, reg in table.items() if reg.record is record]:
                    del table[key]
            if record in plugins.records:
                plugins.records.remove(record)
        self.records.clear()


@pytest.fixture
def register_plugin(plugin_set: PluginSet) -> Iterator[_Registrar]:
    registrar = _Registrar(plugin_set)
    try:
        yield registrar
    finally:
        registrar.undo()
