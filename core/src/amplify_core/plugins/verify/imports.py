"""Checks that import a plugin's entry points: they import without heavy modules, their
``@hookimpl`` functions match the hook specs, and they register through the real loader."""

from __future__ import annotations

import difflib
import importlib
import inspect
import sys
from typing import Any

from ... import PROJECT_NAME
from ...kinds import BY_GROUP
from ..records import PluginRecord, Status
from .descriptor_checks import _check_descriptors
from .report import Report
from .target import EntryPointSpec, Target

#: Modules an entry-point module must not import: every ``amplify`` run would pay for them.
HEAVY_MODULES = ("boto3", "botocore", "moto", "InquirerPy")


def check_imports(target: Target, entry_points: list[EntryPointSpec], report: Report) -> None:
    """Import each entry point and check its hooks and descriptors (runs in-process)."""
    from ...cli.runtime import CORE_COMMANDS
    from ..loader import new_plugin_manager, register_module
    from ..registry import PluginSet

    plugins = PluginSet(new_plugin_manager(), reserved_commands=frozenset(CORE_COMMANDS))
    checked: list[Any] = []
    for ep in entry_points:
        report.entry_points.append(ep.label)
        obj = _import_entry_point(ep, report)
        if obj is None or any(obj is seen for seen in checked):
            continue  # one module behind several entry points is checked (and registered) once
        checked.append(obj)
        before = len(report.problems)
        _check_hooks(ep, obj, plugins.pm, report)
        if len(report.problems) > before:
            continue  # registering would only repeat the first of these problems
        record = PluginRecord(
            name=ep.name,
            kind=BY_GROUP[ep.group].name,
            entry_point=ep.value,
            distribution=target.distribution,
            version=target.version,
        )
        register_module(plugins, record, obj)
        if record.status is not Status.ACTIVE:
            report.problems.append(f"entry point {ep.label}: {record.status.value}: {record.reason}")
            continue
        _check_descriptors(ep, record.descriptors, report)


def _import_entry_point(ep: EntryPointSpec, report: Report) -> Any:
    module_name, _, attr = ep.value.partition(":")
    already = {name for name in HEAVY_MODULES if name in sys.modules}
    try:
        obj: Any = importlib.import_module(module_name)
        for part in filter(None, attr.split(".")):
            obj = getattr(obj, part)
    except Exception as exc:  # noqa: BLE001 - any failure is the plugin's
        report.problems.append(
            f"entry point {ep.label}: cannot import {ep.value}: {type(exc).__name__}: {exc}"
        )
        return None
    heavy = sorted(name for name in HEAVY_MODULES if name in sys.modules and name not in already)
    if heavy:
        report.warnings.append(
            f"entry point {ep.label}: importing {ep.value} also imports {', '.join(heavy)}; every "
            "amplify run pays for that — import it inside the code that needs it"
        )
    return obj


def _check_hooks(ep: EntryPointSpec, obj: Any, pm: Any, report: Report) -> None:
    spec_names = sorted(name for name in dir(pm.hook) if name.startswith(f"{PROJECT_NAME}_"))
    for attr_name in sorted(dir(obj)):
        if attr_name.startswith("__"):
            continue
        opts = pm.parse_hookimpl_opts(obj, attr_name)
        function = getattr(obj, attr_name, None)
        if opts is None:
            if attr_name.startswith(f"{PROJECT_NAME}_") and callable(function) and _defined_in(function, obj):
                if attr_name in spec_names:
                    report.problems.append(
                        f"entry point {ep.label}: {attr_name} is not decorated with @hookimpl, "
                        "so it is never called"
                    )
            continue
        caller = getattr(pm.hook, attr_name, None)
        if caller is None or caller.spec is None:
            close = difflib.get_close_matches(attr_name, spec_names, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            report.problems.append(f"entry point {ep.label}: unknown hook {attr_name}{hint}")
            continue
        report.hooks.append(attr_name)
        _check_signature(ep, attr_name, function, list(caller.spec.argnames), report)


def _defined_in(function: Any, obj: Any) -> bool:
    module = obj.__name__ if inspect.ismodule(obj) else type(obj).__module__
    return getattr(function, "__module__", None) == module


def _check_signature(
    ep: EntryPointSpec, hook: str, function: Any, spec_args: list[str], report: Report
) -> None:
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return
    named = (
        inspect.Parameter.POSITIONAL_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        inspect.Parameter.KEYWORD_ONLY,
    )
    shown = f"({', '.join(spec_args)})"
    for p in parameters:
        if p.kind not in named:
            report.problems.append(
                f"entry point {ep.label}: {hook} takes *{p.name}; pluggy passes hook arguments "
                f"by name only {shown}"
            )
        elif p.default is not inspect.Parameter.empty:
            report.problems.append(
                f"entry point {ep.label}: {hook} gives argument {p.name!r} a default value; "
                "pluggy never passes such an argument — remove the default"
            )
        elif p.name not in spec_args:
            report.problems.append(
                f"entry point {ep.label}: {hook} takes {p.name!r}, which the hook does not have; "
                f"it is called with {shown}"
            )
