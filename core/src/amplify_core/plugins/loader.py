"""Find plugins through entry points and register each in isolation.

A plugin that fails to import, was built for another core, has a hook the core does not
know or a bad hook signature, registers a malformed descriptor, or clashes with a name
already taken is skipped and recorded; the others keep working. Nothing here imports a
plugin's implementation modules: only the entry-point module (its ``plugin.py``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import pluggy

from .. import API_VERSION, PROJECT_NAME, __version__
from ..hookspecs import AmplifySpecs
from ..kinds import KINDS
from .discovery import plugin_snapshot
from .guard import guard_events
from .records import PluginRecord, Status
from .registry import PluginSet
from .requirements import CORE_DISTRIBUTION, core_requirements

#: Registration hook name -> the descriptor type it returns (a view of the kinds table).
REGISTRATION_HOOKS: dict[str, type] = {kind.hook: kind.descriptor for kind in KINDS}


def disabled_names() -> set[str]:
    """Plugin or distribution names listed in ``AMPLIFY_DISABLE_PLUGINS``."""
    raw = os.environ.get("AMPLIFY_DISABLE_PLUGINS", "")
    return {part.strip() for part in raw.split(",") if part.strip()}


def new_plugin_manager() -> pluggy.PluginManager:
    """A plugin manager that knows the amplify hookspecs and nothing else."""
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(AmplifySpecs)
    return pm


def load_plugins(reserved_commands: frozenset[str] = frozenset()) -> PluginSet:
    """Discover every installed plugin; never raises because of a plugin."""
    pm = new_plugin_manager()
    plugins = PluginSet(pm, reserved_commands=reserved_commands)
    disabled = disabled_names()
    installed = plugin_snapshot()  # remembered between runs while nothing is installed
    for kind in KINDS:
        for ep in sorted(installed.select(kind.group), key=lambda e: e.name):
            record = PluginRecord(
                name=ep.name,
                kind=kind.name,
                entry_point=ep.value,
                distribution=ep.distribution,
                version=ep.version,
            )
            if record.name in disabled or record.distribution in disabled:
                record.status = Status.DISABLED
                record.reason = "AMPLIFY_DISABLE_PLUGINS"
                plugins.add_record(record)
                continue
            load_entry_point(plugins, record, ep.load, requires=ep.requires)
    return plugins


def load_entry_point(
    plugins: PluginSet, record: PluginRecord, load: Any, *, requires: Sequence[str] = ()
) -> PluginRecord:
    """Import, check and register one plugin module; record the outcome."""
    plugins.add_record(record)
    problem = core_requirement_problem(requires)
    if problem:
        record.status, record.reason = Status.INCOMPATIBLE, problem
        return record
    try:
        module = load()
    except Exception as exc:  # noqa: BLE001 - any import failure is the plugin's, not ours
        record.status, record.reason = Status.FAILED, f"{type(exc).__name__}: {exc}"
        return record
    register_module(plugins, record, module)
    return record


def register_module(plugins: PluginSet, record: PluginRecord, module: Any) -> PluginRecord:
    """Register an already imported plugin object under its record (used by tests too)."""
    pm = plugins.pm
    record.module = module
    if pm.is_registered(module):
        # One module behind several entry points (e.g. a provider that also adds commands):
        # its hooks are registered once; this record shares them.
        record.descriptors = []
        return record
    registration_name = f"{record.kind}:{record.name}"
    try:
        pm.register(module, name=registration_name)
    except Exception as exc:  # noqa: BLE001 - PluginValidationError or a name clash
        record.status = Status.INCOMPATIBLE
        record.reason = f"bad hook implementation: {exc}"
        return record
    unknown = [caller.name for caller in (pm.get_hookcallers(module) or []) if caller.spec is None]
    if unknown:
        pm.unregister(module)
        record.status = Status.INCOMPATIBLE
        record.reason = f"unknown hook(s) {', '.join(sorted(unknown))} (not in amplify API {API_VERSION})"
        return record
    try:
        descriptors = _collect_descriptors(pm, module)
    except _DescriptorProblem as exc:
        pm.unregister(module)
        record.status, record.reason = exc.status, str(exc)
        return record
    clash = plugins.find_clash(descriptors)
    if clash:
        pm.unregister(module)
        record.status, record.reason = Status.CONFLICT, clash
        return record
    record.descriptors = descriptors
    plugins.accept(record)
    guard_events(pm, module, record)
    return record


class _DescriptorProblem(Exception):
    def __init__(self, status: Status, message: str):
        super().__init__(message)
        self.status = status


def _collect_descriptors(pm: pluggy.PluginManager, module: Any) -> list[Any]:
    """Call this plugin's registration hooks only, and check what they return."""
    found: list[Any] = []
    for kind in KINDS:
        hook_name, expected = kind.hook, kind.descriptor
        for impl in getattr(pm.hook, hook_name).get_hookimpls():
            if impl.plugin is not module:
                continue
            try:
                result = impl.function()
            except ValueError as exc:
                raise _DescriptorProblem(Status.INVALID, f"{hook_name}: {exc}") from None
            except Exception as exc:  # noqa: BLE001
                raise _DescriptorProblem(
                    Status.FAILED, f"{hook_name} raised {type(exc).__name__}: {exc}"
                ) from None
            if result is None:
                continue
            if not isinstance(result, (list, tuple)):
                raise _DescriptorProblem(Status.INVALID, f"{hook_name} must return a list")
            for item in result:
                if not isinstance(item, expected):
                    raise _DescriptorProblem(
                        Status.INVALID,
                        f"{hook_name} returned {type(item).__name__}, expected {expected.__name__}",
                    )
                if item.api_version != API_VERSION:
                    raise _DescriptorProblem(
                        Status.INCOMPATIBLE,
                        f"{expected.__name__} {item.name!r} uses plugin API {item.api_version}, "
                        f"this core speaks {API_VERSION}",
                    )
                found.append(item)
    return found


def core_requirement_problem(requires: Sequence[str]) -> str | None:
    """A message if a distribution's ``Requires-Dist`` excludes the running core version."""
    for requirement in core_requirements(requires):
        if requirement.specifier is None:
            return f"has an unreadable requirement {requirement.text!r}"
        if requirement.excludes(__version__):
            return f"requires {CORE_DISTRIBUTION}{requirement.specifier}, this is {__version__}"
    return None
