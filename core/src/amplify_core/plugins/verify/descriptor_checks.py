"""Checks of a registered plugin's descriptors: every ``"module:attr"`` reference resolves to
the right thing (a factory implementing its interface, a pydantic model, a typer app)."""

from __future__ import annotations

import inspect
from typing import Any

from ...descriptors import ImplementedInfo, PluginInfo
from ...kinds import BY_GROUP, kind_of
from .report import Report
from .target import EntryPointSpec


def _check_descriptors(ep: EntryPointSpec, descriptors: list[PluginInfo], report: Report) -> None:
    from ...lazy import resolve

    group_kind = BY_GROUP[ep.group]
    own_kind_found = False
    for info in descriptors:
        kind = kind_of(info)
        label = type(info).__name__
        report.descriptors.append(f"{label} {info.name}")
        if kind.interface is not None:  # implemented kinds belong in their own group
            own_kind_found = own_kind_found or kind is group_kind
            if kind is not group_kind:
                report.warnings.append(
                    f"entry point {ep.label}: registers {label} {info.name!r} but sits in {ep.group}; "
                    f"declare it under {kind.group} so `amplify plugin list` shows its kind"
                )
        where = f"{label} {info.name!r}"
        if not isinstance(info, ImplementedInfo):
            for ref in info.refs().values():
                _check_app(ep, where, ref, report)
            continue
        _check_factory(ep, where, info, kind.interface, report)
        for what, ref in info.refs().items():
            if what == "factory":
                continue
            try:
                model = resolve(ref)
            except Exception as exc:  # noqa: BLE001
                report.problems.append(
                    f"{where}: {what} {ref!r} cannot be imported: {type(exc).__name__}: {exc}"
                )
                continue
            _check_model(ep, f"{where} {what}", model, report)
    if group_kind.interface is not None and not own_kind_found:
        report.warnings.append(
            f"entry point {ep.label}: nothing of kind {group_kind.name} is registered "
            f"(expected a {group_kind.descriptor.__name__} from this group)"
        )


def _check_factory(
    ep: EntryPointSpec, where: str, info: ImplementedInfo, interface: str | None, report: Report
) -> None:
    from ...lazy import resolve

    base = resolve(interface)
    try:
        factory = resolve(info.factory)
    except Exception as exc:  # noqa: BLE001
        report.problems.append(
            f"{where}: factory {info.factory!r} cannot be imported: {type(exc).__name__}: {exc}"
        )
        return
    if not inspect.isclass(factory):
        if not callable(factory):
            report.problems.append(f"{where}: factory {info.factory!r} is not callable")
        return
    if not issubclass(factory, base):
        report.problems.append(
            f"{where}: factory {factory.__name__} must subclass amplify_core.interfaces.{base.__name__}"
        )
    elif inspect.isabstract(factory):
        missing = ", ".join(sorted(getattr(factory, "__abstractmethods__", ())))
        report.problems.append(f"{where}: {factory.__name__} does not implement {missing}")


def _check_model(ep: EntryPointSpec, where: str, model: Any, report: Report) -> None:
    if not (inspect.isclass(model) and hasattr(model, "model_json_schema")):
        report.problems.append(f"{where}: must be a pydantic model class, got {model!r}")
        return
    try:
        schema = model.model_json_schema()
    except Exception as exc:  # noqa: BLE001
        report.problems.append(f"{where}: no JSON Schema can be generated: {type(exc).__name__}: {exc}")
        return
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        report.problems.append(f"{where}: invalid JSON Schema (Draft 2020-12): {exc.message}")
        return
    if schema.get("type") == "object" and schema.get("additionalProperties") is not False:
        report.warnings.append(
            f"{where}: {model.__name__} accepts unknown keys, so a typo in a CI script passes "
            'silently — set model_config = ConfigDict(extra="forbid")'
        )


def _check_app(ep: EntryPointSpec, where: str, ref: Any, report: Report) -> None:
    from ...lazy import resolve

    try:
        app = resolve(ref)
    except Exception as exc:  # noqa: BLE001
        report.problems.append(f"{where}: app {ref!r} cannot be imported: {type(exc).__name__}: {exc}")
        return
    import typer
    import typer.main

    if not isinstance(app, typer.Typer):
        report.problems.append(f"{where}: app {ref!r} is a {type(app).__name__}, not a typer.Typer")
        return
    try:
        typer.main.get_command(app)
    except Exception as exc:  # noqa: BLE001
        report.problems.append(f"{where}: app {ref!r} does not build: {type(exc).__name__}: {exc}")
