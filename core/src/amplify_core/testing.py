"""The test kit for plugin authors: an opt-in pytest plugin.

Enable it in your ``tests/conftest.py`` (it is deliberately not auto-loaded, so installing
amplify never adds fixtures to unrelated test suites)::

    pytest_plugins = ["amplify_core.testing"]

Fixtures:

``plugin_set`` / ``plugin_manager``
    A fresh set of plugins that knows the hookspecs but has scanned no entry point; it is
    what ``amplify`` sees during the test (``runtime.use_plugins``).
``register_plugin(obj, *, name=None, kind=None, …) -> PluginRecord``
    Register a plugin module or object for one test through the real loader (hook
    validation, descriptor checks, clashes). Name, kind and distribution come from its
    installed entry point when there is one. Fails the test if the plugin is refused, unless
    ``expect_active=False``. Undone at teardown.
``amplify_cli(args, *, answers=None, stdin="", cwd=None, env=None) -> CliResult``
    Run ``amplify <args>`` in-process with ``plugin_set``. Prompts are answered by question id
    from ``answers``; without answers nothing can prompt (standard input is not a terminal),
    so a command never hangs. Returns exit code, stdout, stderr and the questions asked.
``amplify_context``
    The :class:`~amplify_core.context.AmplifyContext` a command would get, rooted in
    ``tmp_path``; ``amplify_context.fire("amplify_post_push", …)`` fires an event exactly as
    the core does.
``hook_recorder``
    Records every hook call and every event fired: ``getcalls(name)``, ``called(name)``.
``fake_dist(name, version, *, entry_points=…, requires=…, files=…)``
    Put a minimal installed distribution (``*.dist-info`` plus modules) on ``sys.path``, to
    test real entry-point discovery.
``sandbox``
    The local AWS of ``amplify-sandbox`` (moto in-process, with amplify's extensions), delegated
    to ``amplify_sandbox.testing``; skipped with a clear reason when that plugin is not
    installed (the core never depends on it).

Helpers: :func:`assert_plugin_valid` runs the ``amplify plugin verify`` checks on a package
folder or an installed distribution; :func:`sandbox_fixture` gets any fixture of
``amplify_sandbox.testing`` (the session-wide ``sandbox_server`` for subprocesses) without a
hard dependency; :func:`run_cli` is ``amplify_cli`` without the fixture.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import shlex
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .cli import runtime
from .context import AmplifyContext
from .kinds import BY_NAME, KINDS
from .plugins.loader import new_plugin_manager, register_module
from .plugins.records import PluginRecord, Status
from .plugins.registry import PluginSet
from .prompts.prompter import ScriptedPrompter

__all__ = [
    "CliResult",
    "ProcessResult",
    "HookCall",
    "HookRecorder",
    "assert_plugin_valid",
    "new_plugin_set",
    "run_cli",
    "sandbox_fixture",
]


def new_plugin_set() -> PluginSet:
    """A plugin set with the hookspecs and the core's reserved command names, and no plugin."""
    return PluginSet(new_plugin_manager(), reserved_commands=frozenset(runtime.CORE_COMMANDS))


@pytest.fixture
def plugin_set() -> Iterator[PluginSet]:
    plugins = new_plugin_set()
    runtime.use_plugins(plugins)
    try:
        yield plugins
    finally:
        runtime.use_plugins(None)


@pytest.fixture
def plugin_manager(plugin_set: PluginSet) -> Any:
    return plugin_set.pm


# -- registering plugins -----------------------------------------------------------------


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


# -- running the CLI ---------------------------------------------------------------------


@dataclass
class CliResult:
    """What one in-process ``amplify`` run produced."""

    exit_code: int
    stdout: str
    stderr: str
    asked: list[str] = field(default_factory=list)

    @property
    def output(self) -> str:
        """stdout then stderr, for assertion messages."""
        return self.stdout + self.stderr


@dataclass
class ProcessResult:
    """What one ``amplify`` subprocess produced, for tests that run the real console script."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        """stdout then stderr, for searching both."""
        return self.out + self.err

    def last_lines(self, n: int = 6) -> str:
        """The last ``n`` lines of all output, where a failing command explains itself."""
        return "\n".join((self.out.rstrip() + "\n" + self.err.rstrip()).strip().splitlines()[-n:])


@contextlib.contextmanager
def _environment(env: Mapping[str, str | None] | None) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in (env or {})}
    try:
        for key, value in (env or {}).items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.StringIO(text)  # not a terminal: nothing can prompt, '-' reads this text
    try:
        yield
    finally:
        sys.stdin = saved


def run_cli(
    args: Sequence[str] | str,
    *,
    answers: Mapping[str, Any] | None = None,
    stdin: str = "",
    cwd: Path | str | None = None,
    env: Mapping[str, str | None] | None = None,
) -> CliResult:
    """Run ``amplify <args>`` in this process with whatever plugins the runtime holds."""
    from .cli.app import run

    argv = shlex.split(args) if isinstance(args, str) else list(args)
    prompter = ScriptedPrompter(answers) if answers is not None else None
    out, err = io.StringIO(), io.StringIO()
    runtime.use_prompter(prompter)
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(_environment(env))
            if cwd is not None:
                stack.enter_context(contextlib.chdir(cwd))
            stack.enter_context(_stdin(stdin))
            stack.enter_context(contextlib.redirect_stdout(out))
            stack.enter_context(contextlib.redirect_stderr(err))
            try:
                code = run(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        runtime.use_prompter(None)
    return CliResult(code, out.getvalue(), err.getvalue(), list(prompter.asked) if prompter else [])


@pytest.fixture
def amplify_cli(plugin_set: PluginSet) -> Any:
    """``amplify_cli(["plugin", "list", "--json"])`` or ``amplify_cli("status -v", cwd=project)``."""
    return run_cli


@pytest.fixture
def amplify_context(plugin_set: PluginSet, tmp_path: Path) -> AmplifyContext:
    return AmplifyContext(plugins=plugin_set, prompter=ScriptedPrompter({}), cwd=tmp_path)


# -- recording hook calls ----------------------------------------------------------------


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


# -- fake installed distributions --------------------------------------------------------


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


# -- the sandbox -------------------------------------------------------------------------


def sandbox_fixture(request: pytest.FixtureRequest, name: str = "sandbox_inprocess") -> Any:
    """The value of fixture ``name`` of ``amplify_sandbox.testing`` (``sandbox_inprocess``,
    ``sandbox_server``, ``sandbox_server_env``, ``sandbox_profile`` …), registering that pytest
    plugin on first use; skips the test when amplify-sandbox is not installed.

    Lets a plugin's tests use the sandbox when it is there without depending on it::

        def test_deploy(request):
            server = sandbox_fixture(request, "sandbox_server")
    """
    try:
        module = importlib.import_module("amplify_sandbox.testing")
    except ImportError as exc:
        if not (exc.name or "").startswith("amplify_sandbox"):
            raise
        pytest.skip(f"needs amplify-sandbox (pip install amplify-sandbox): {exc}")
    manager = request.config.pluginmanager
    if not manager.is_registered(module) and manager.get_plugin("amplify_sandbox.testing") is None:
        manager.register(module, "amplify_sandbox.testing")
    return request.getfixturevalue(name)


@pytest.fixture
def sandbox(request: pytest.FixtureRequest) -> Any:
    """The local AWS of ``amplify_sandbox.testing``, in-process (moto with amplify's extensions;
    a ``boto3.Session``); skipped when amplify-sandbox is not installed. For a real server
    (subprocesses, the AWS CLI) use :func:`sandbox_fixture` with ``"sandbox_server"``."""
    module = sys.modules.get("amplify_sandbox.testing")
    return sandbox_fixture(request, getattr(module, "FIXTURE", "sandbox_inprocess"))


# -- assertions --------------------------------------------------------------------------


def assert_plugin_valid(target: str | Path) -> None:
    """Fail with every problem ``amplify plugin verify`` finds in a folder or distribution."""
    from .plugins.verify import verify_distribution, verify_folder

    path = Path(target)
    report = verify_folder(path) if path.is_dir() else verify_distribution(str(target))
    if report is None:
        raise AssertionError(f"{target!r} is neither a folder nor an installed distribution")
    if not report.ok:
        raise AssertionError(report.verdict() + "\n" + "\n".join(f"  - {p}" for p in report.problems))
