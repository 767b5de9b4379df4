"""``amplify plugin verify``: everything discovery would refuse, found before users find it.

A target is a plugin package folder (its ``pyproject.toml``) or an installed distribution.
For a folder, the imports run in a child Python with the package's ``src/`` first on
``sys.path``, so the checking process never mixes the folder's modules with installed ones.

What is checked, and reported all at once rather than one failure at a time:

* packaging: a dependency on ``amplify-cli-core`` whose range admits the running core, entry
  points in the ``amplify.*`` groups with valid names (a misspelt group is named);
* each entry point imports, without pulling in heavy modules (warning);
* every ``@hookimpl`` names a hook of the spec (a typo is named, with the closest hook), takes
  only arguments the spec has, and gives none of them a default; a function that looks like a
  hook but lacks ``@hookimpl`` is reported because it would never run;
* registration through the real loader (descriptor validation, API version, name clashes);
* each descriptor's ``"module:attr"`` references resolve: factories subclass the right
  interface and implement every abstract method, parameter models produce a valid JSON Schema
  (Draft 2020-12), command apps build.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import API_VERSION, PROJECT_NAME, __version__
from ..descriptors import ImplementedInfo, PluginInfo, name_problem
from ..kinds import BY_GROUP, kind_of
from .records import PluginRecord, Status
from .requirements import CORE_DISTRIBUTION, core_requirements

#: Modules an entry-point module must not import: every ``amplify`` run would pay for them.
HEAVY_MODULES = ("boto3", "botocore", "moto", "InquirerPy")
WORKER_TIMEOUT = 120


@dataclass
class EntryPointSpec:
    group: str
    name: str
    value: str

    @property
    def label(self) -> str:
        return f"{self.group}:{self.name}"


@dataclass
class Target:
    """What to verify, read from a ``pyproject.toml`` or from installed metadata."""

    distribution: str
    version: str
    requires: list[str]
    entry_points: list[EntryPointSpec]
    where: str
    import_root: str | None = None


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


# -- reading targets ---------------------------------------------------------------------


def target_from_folder(folder: Path) -> Target | Report:
    """The target described by ``folder/pyproject.toml``; a failed Report if there is none."""
    import tomllib

    folder = Path(folder).resolve()
    where = f"folder {folder}"
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return Report(
            folder.name,
            "?",
            where,
            problems=[
                "no pyproject.toml: a plugin is a Python package with PEP 621 metadata "
                "(or pass the name of an installed distribution)"
            ],
        )
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return Report(folder.name, "?", where, problems=[f"pyproject.toml is not valid TOML: {exc}"])
    project = data.get("project")
    if not isinstance(project, dict) or not project.get("name"):
        return Report(folder.name, "?", where, problems=["pyproject.toml has no [project] table with a name"])
    version = project.get("version") or ("dynamic" if "version" in project.get("dynamic", []) else "?")
    eps = [
        EntryPointSpec(group, name, str(value))
        for group, table in (project.get("entry-points") or {}).items()
        if isinstance(table, dict)
        for name, value in table.items()
    ]
    src = folder / "src"
    return Target(
        distribution=str(project["name"]),
        version=str(version),
        requires=[str(r) for r in project.get("dependencies") or []],
        entry_points=eps,
        where=where,
        import_root=str(src if src.is_dir() else folder),
    )


def target_from_distribution(name: str) -> Target | None:
    """The installed distribution ``name``, or ``None`` if it is not installed."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution(name)
    except PackageNotFoundError:
        return None
    return Target(
        distribution=dist.metadata["Name"],
        version=dist.version,
        requires=list(dist.requires or []),
        entry_points=[EntryPointSpec(ep.group, ep.name, ep.value) for ep in dist.entry_points],
        where="installed",
    )


# -- the checks --------------------------------------------------------------------------


def check_packaging(target: Target, report: Report) -> list[EntryPointSpec]:
    """Checks that need no import; returns the entry points worth importing."""
    _check_core_requirement(target, report)
    ours = [ep for ep in target.entry_points if ep.group in BY_GROUP]
    for ep in target.entry_points:
        if ep.group.startswith(PROJECT_NAME) and ep.group not in BY_GROUP:
            close = difflib.get_close_matches(ep.group, list(BY_GROUP), n=1)
            hint = f" (did you mean {close[0]}?)" if close else f" (use one of {', '.join(BY_GROUP)})"
            report.problems.append(f"entry point {ep.label}: unknown group {ep.group}{hint}")
    if not ours and not report.problems:
        report.problems.append(
            "declares no amplify entry point: add one under "
            '[project.entry-points."amplify.plugins"] (or amplify.frontends / providers / categories)'
        )
    usable = []
    for ep in ours:
        problem = name_problem(ep.name)
        if problem:
            report.problems.append(f"entry point {ep.label}: the name {problem}")
            continue
        module, _, attr = ep.value.partition(":")
        if not module or (":" in ep.value and not attr):
            report.problems.append(f"entry point {ep.label}: {ep.value!r} is not 'module' or 'module:attr'")
            continue
        usable.append(ep)
    return usable


def _check_core_requirement(target: Target, report: Report) -> None:
    found = core_requirements(target.requires)
    if not found:
        report.problems.append(
            f'does not depend on {CORE_DISTRIBUTION}: add "{suggested_core_requirement()}" '
            "to its dependencies"
        )
        return
    for req in found:
        if req.specifier is None:
            report.problems.append(f"has an unreadable requirement {req.text!r}")
        elif req.excludes(__version__):
            report.problems.append(
                f"requires {CORE_DISTRIBUTION}{req.specifier}, but this core is {__version__} "
                f"(plugin API {API_VERSION})"
            )
        elif not req.has_upper_bound():
            report.warnings.append(
                f"{CORE_DISTRIBUTION}{req.specifier or ''} has no upper bound: pin the API series "
                f'("{suggested_core_requirement()}") so a future core cannot break your users'
            )


def suggested_core_requirement() -> str:
    """``amplify-cli-core>=0.1,<0.2``: the running core's series (its API major)."""
    parts = [int(p) if p.isdigit() else 0 for p in __version__.split(".")[:2]] + [0, 0]
    major, minor = parts[0], parts[1]
    if major == 0:
        return f"{CORE_DISTRIBUTION}>={major}.{minor},<{major}.{minor + 1}"
    return f"{CORE_DISTRIBUTION}>={major}.{minor},<{major + 1}"


def check_imports(target: Target, entry_points: list[EntryPointSpec], report: Report) -> None:
    """Import each entry point and check its hooks and descriptors (runs in-process)."""
    from ..cli.runtime import CORE_COMMANDS
    from .loader import new_plugin_manager, register_module
    from .registry import PluginSet

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


def _check_descriptors(ep: EntryPointSpec, descriptors: list[PluginInfo], report: Report) -> None:
    from ..lazy import resolve

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
    from ..lazy import resolve

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
    from ..lazy import resolve

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


# -- running -----------------------------------------------------------------------------


def check_target(target: Target) -> Report:
    """Every check, in this process."""
    report = Report(target.distribution, target.version, target.where)
    entry_points = check_packaging(target, report)
    if target.import_root and target.import_root not in sys.path:
        sys.path.insert(0, target.import_root)
        importlib.invalidate_caches()
    check_imports(target, entry_points, report)
    return report


def verify_folder(folder: Path) -> Report:
    """Verify a package folder; its modules are imported in a child process."""
    target = target_from_folder(folder)
    if isinstance(target, Report):
        return target
    command = [sys.executable, "-P", "-m", __name__, "--worker", json.dumps(asdict(target))]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=WORKER_TIMEOUT,
            env=env,
            cwd=str(Path(folder).resolve()),
        )
    except subprocess.TimeoutExpired:
        return Report(
            target.distribution,
            target.version,
            target.where,
            problems=[
                f"importing the plugin took longer than {WORKER_TIMEOUT}s (does it do work at import time?)"
            ],
        )
    try:
        data = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return Report(
            target.distribution,
            target.version,
            target.where,
            problems=["verification crashed while importing the plugin: " + " | ".join(tail)],
        )
    data.pop("ok", None)
    return Report(**data)


def verify_distribution(name: str) -> Report | None:
    """Verify an installed distribution in this process; ``None`` if it is not installed."""
    target = target_from_distribution(name)
    return None if target is None else check_target(target)


def _worker(payload: str) -> None:
    raw = json.loads(payload)
    raw["entry_points"] = [EntryPointSpec(**ep) for ep in raw["entry_points"]]
    report = check_target(Target(**raw))
    sys.stdout.flush()
    print(json.dumps(asdict(report)))


if __name__ == "__main__":  # pragma: no cover - exercised through verify_folder
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        _worker(sys.argv[2])
    else:
        sys.exit("usage: python -m amplify_core.plugins.verify --worker <target JSON>")
