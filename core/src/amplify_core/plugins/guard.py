"""Plugin code that fails unexpectedly is named in one line, never a traceback by default.

Events go through the plugin manager (``pm.hook.<event>(…)``), so pluggy's order, ``tryfirst``
/ ``trylast`` and plugins' own wrappers apply. Isolation is added where pluggy calls each
implementation: when a plugin is registered, each of its event implementations is wrapped
once (:func:`guard_events`):

* ``amplify_pre_*``: an :class:`~amplify_core.errors.AmplifyError` (a deliberate veto) passes
  through; any other exception stops the command as a :class:`PluginFailure` (exit 1).
* every other event: a failure is reported on stderr and the other implementations still run;
  the command's outcome does not change.

:func:`failure_line` words the line; :func:`plugin_of` finds which plugin raised an exception
that reached the CLI from a plugin's command or object. ``--debug`` (``AMPLIFY_DEBUG=1``) adds
the traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pluggy

from ..errors import AmplifyError, OperationError
from ..kinds import BY_HOOK

if TYPE_CHECKING:
    from .records import PluginRecord
    from .registry import PluginSet

DEBUG_ENV = "AMPLIFY_DEBUG"


def debug_enabled() -> bool:
    """``--debug`` was given (or ``AMPLIFY_DEBUG=1`` is set): show tracebacks."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def failure_line(record: PluginRecord, exc: BaseException, where: str) -> str:
    """One line: which plugin failed where, with what, and how to switch it off."""
    return (
        f"{record.label} failed in {where}: {type(exc).__name__}: {exc} "
        f"(a bug in {record.distribution}: report it to its authors; "
        f"skip the plugin with AMPLIFY_DISABLE_PLUGINS={record.name}; --debug shows the traceback)"
    )


def print_traceback(exc: BaseException) -> None:
    """The traceback of ``exc`` on stderr, only with ``--debug``."""
    if debug_enabled():
        import traceback

        traceback.print_exception(exc, file=sys.stderr)


class PluginFailure(OperationError):
    """A plugin raised something unexpected where its failure must stop the command."""

    def __init__(self, record: PluginRecord, exc: BaseException, where: str):
        super().__init__(failure_line(record, exc, where))
        self.record = record


def _guarded(function: Callable[..., Any], record: PluginRecord, event: str) -> Callable[..., Any]:
    stops_command = event.startswith("amplify_pre_")

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except AmplifyError as exc:
            if stops_command:
                raise
            _warn(f"{record.label} failed in {event}: {exc.message}")
        except Exception as exc:
            print_traceback(exc)
            if stops_command:
                raise PluginFailure(record, exc, event) from exc
            _warn(failure_line(record, exc, event))
        return None

    return guarded


def _warn(message: str) -> None:
    from ..console import Console

    Console().warn(message)


def guard_events(pm: pluggy.PluginManager, plugin: object, record: PluginRecord) -> None:
    """Wrap each event implementation of the just registered ``plugin`` (not its wrappers).

    pluggy calls ``HookImpl.function``; replacing it keeps every other part of pluggy's
    machinery (order, options, wrappers, tracing) as it is.
    """
    for caller in pm.get_hookcallers(plugin) or []:
        if caller.name in BY_HOOK:  # registration hooks: the loader checks their answers
            continue
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and not (impl.wrapper or impl.hookwrapper):
                impl.function = _guarded(impl.function, record, caller.name)  # type: ignore[misc]


def plugin_of(exc: BaseException, plugins: PluginSet) -> PluginRecord | None:
    """The plugin whose code raised ``exc`` (the innermost frame in a plugin's package)."""
    packages: dict[str, PluginRecord] = {}
    for record in plugins.records:
        if record.module is None:
            continue
        module = getattr(record.module, "__name__", None) or type(record.module).__module__
        packages.setdefault(str(module).partition(".")[0], record)
    import traceback

    frames = [frame for frame, _ in traceback.walk_tb(exc.__traceback__)]
    for frame in reversed(frames):
        package = str(frame.f_globals.get("__name__", "")).partition(".")[0]
        if package in packages:
            return packages[package]
    return None
