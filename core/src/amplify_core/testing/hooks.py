"""``hook_recorder``: every hook call and event, in order, for assertions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from ..plugins.registry import PluginSet


@dataclass(frozen=True)
class HookCall:
    name: str
    kwargs: dict[str, Any]


class HookRecorder:
    """Every hook call through the plugin manager and every event the core fires, in order."""

    def __init__(self) -> None:
        self.calls: list[HookCall] = []

    def getcalls(self, name: str) -> list[HookCall]:
        return [call for call in self.calls if call.name == name]

    def called(self, name: str) -> bool:
        return any(call.name == name for call in self.calls)

    @property
    def names(self) -> list[str]:
        return [call.name for call in self.calls]

    def clear(self) -> None:
        self.calls.clear()


@pytest.fixture
def hook_recorder(plugin_set: PluginSet) -> Iterator[HookRecorder]:
    recorder = HookRecorder()

    def before(hook_name: str, hook_impls: Any, kwargs: Mapping[str, Any]) -> None:
        recorder.calls.append(HookCall(hook_name, dict(kwargs)))

    def after(outcome: Any, hook_name: str, hook_impls: Any, kwargs: Any) -> None:
        return None

    undo = plugin_set.pm.add_hookcall_monitoring(before, after)  # events go through pluggy too
    try:
        yield recorder
    finally:
        undo()
