"""Command hooks as Gen 1 runs them: ``amplify/hooks/pre-<command>[-<subcommand>].<ext>`` and
``post-…``, user scripts around a command.

The event is Gen 1's: ``amplify env add`` is command ``add``, subcommand ``env``
(``pre-add-env.sh``); ``amplify hosting configure`` is ``update``/``hosting``. The script gets
``{"data": {"amplify": {version, environment, command, subCommand, argv}}, "error": …}`` as
JSON on standard input and runs in the project root with the user's environment. A pre hook
that exits non-zero stops the command before it changes anything (exit 1, naming the hook);
post hooks run after the command, also when it failed (with ``error`` set). ``.js`` runs with
``node``, ``.sh`` with ``bash``, ``.py`` with ``python3``; ``hooks/hooks-config.json``
``{"extensions": {"rb": {"runtime": "ruby"}}}`` adds others. Hook output goes to standard
error, so a command's machine-readable standard output stays one document.

This module is imported on every command: it imports nothing heavy (``json`` only once a
project has hooks).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import AmplifyError, Interrupted, OperationError, UsageError
from .state.paths import find_project_root

HOOKS_DIR = Path("amplify") / "hooks"
DEFAULT_RUNTIMES = {"js": "node", "sh": "bash", "py": "python3"}

#: Gen 1's commands that have hooks, with the subcommands (categories, ``env``) each takes.
_CATEGORIES = {
    "analytics",
    "api",
    "auth",
    "function",
    "hosting",
    "interactions",
    "notifications",
    "predictions",
    "storage",
    "xr",
}
EVENTS: dict[str, set[str]] = {
    "add": _CATEGORIES | {"codegen", "env"},
    "update": _CATEGORIES | {"env"},
    "remove": _CATEGORIES | {"env"},
    "push": {"analytics", "api", "auth", "function", "hosting", "interactions", "storage", "xr"},
    "pull": {"env"},
    "publish": set(),
    "delete": set(),
    "checkout": {"env"},
    "list": {"env"},
    "get": {"env"},
    "status": {"notifications"},
    "import": {"auth", "storage", "env"},
}
_ENV_VERBS = {"add", "update", "remove", "pull", "checkout", "list", "get", "import"}
_CATEGORY_VERBS = {"add": "add", "update": "update", "configure": "update", "remove": "remove"}


@dataclass(frozen=True)
class HookEvent:
    command: str
    sub_command: str | None

    def base_names(self, prefix: str) -> list[str]:
        names = [f"{prefix}-{self.command}"]
        if self.sub_command:
            names.append(f"{prefix}-{self.command}-{self.sub_command}")
        return names


def event_for(args: Sequence[str]) -> HookEvent | None:
    """The Gen 1 hook event of ``amplify <args>`` (already in ``<group> <verb>`` order)."""
    words = [a for a in args if not a.startswith("-")][:2]
    if not words or any(a in ("-h", "--help") for a in args):
        return None
    first, second = words[0], (words[1] if len(words) > 1 else None)
    if first == "env":
        if second not in _ENV_VERBS:
            return None
        return HookEvent(second, "env")
    if second in _CATEGORY_VERBS and first not in EVENTS:
        command = _CATEGORY_VERBS[second]
        return HookEvent(command, first if first in EVENTS[command] else None)
    if first in EVENTS:
        return HookEvent(first, None)
    return None


@contextmanager
def command_hooks(args: Sequence[str], *, version: str) -> Iterator[None]:
    """Run the pre hooks, the command (the ``with`` body), then the post hooks."""
    event = event_for(args)
    root = find_project_root(Path.cwd()) if event else None
    hooks_dir = root / HOOKS_DIR if root else None
    if event is None or root is None or hooks_dir is None or not hooks_dir.is_dir():
        yield
        return
    config = _hooks_config(hooks_dir)
    data = _data(root, event, args, version)
    for script in _scripts(hooks_dir, event, "pre", config):
        _run(script, root, {"data": data}, config, pre=True)
    try:
        yield
    except (KeyboardInterrupt, Interrupted):
        raise
    except BaseException as exc:
        message = exc.message if isinstance(exc, AmplifyError) else str(exc)
        failure = {"data": data, "error": {"message": message, "stack": ""}}
        try:
            for script in _scripts(hooks_dir, event, "post", config):
                _run(script, root, failure, config, pre=False)
        except AmplifyError as hook_error:  # the command's own failure is the one to report
            print(hook_error.message, file=sys.stderr)
        raise
    for script in _scripts(hooks_dir, event, "post", config):
        _run(script, root, {"data": data}, config, pre=False)


def _data(root: Path, event: HookEvent, args: Sequence[str], version: str) -> dict[str, Any]:
    import json

    amplify: dict[str, Any] = {"version": version}
    try:
        env_info = json.loads(
            (root / "amplify" / ".config" / "local-env-info.json").read_text(encoding="utf-8")
        )
    except (OSError, ValueError, RecursionError):  # the command itself reports a bad file
        env_info = None
    if isinstance(env_info, dict):
        amplify["environment"] = {
            k: env_info[k] for k in ("envName", "projectPath", "defaultEditor") if k in env_info
        }
    amplify["command"] = event.command
    if event.sub_command:
        amplify["subCommand"] = event.sub_command
    amplify["argv"] = ["amplify", *args]
    return {"amplify": amplify}


def _hooks_config(hooks_dir: Path) -> dict[str, Any]:
    import json

    path = hooks_dir / "hooks-config.json"
    if not path.is_file():
        return {}
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{path} is not valid JSON: {exc}") from None
    if not isinstance(config, dict):
        raise UsageError(f"{path}: expected a JSON object")
    return config


def _runtimes(config: dict[str, Any]) -> dict[str, str]:
    runtimes = dict(DEFAULT_RUNTIMES)
    for ext, spec in (config.get("extensions") or {}).items():
        if isinstance(spec, dict) and isinstance(spec.get("runtime"), str):
            runtimes[ext] = spec["runtime"]
    return runtimes


def _scripts(hooks_dir: Path, event: HookEvent, prefix: str, config: dict[str, Any]) -> list[Path]:
    """The command's hook, then the subcommand's; two scripts for one event is an error."""
    if not hooks_dir.is_dir():  # e.g. after `amplify delete` removed amplify/
        return []
    runtimes = _runtimes(config)
    files = [p for p in sorted(hooks_dir.iterdir()) if p.is_file() and p.suffix[1:] in runtimes]
    found = []
    for base in event.base_names(prefix):
        matches = [p for p in files if p.stem == base]
        if len(matches) > 1:
            raise UsageError(
                f"Found duplicate hook scripts: {', '.join(p.name for p in matches)}.",
                hint=f"Keep one {base} script in {hooks_dir}.",
            )
        found.extend(matches)
    return found


def _run(script: Path, root: Path, payload: dict[str, Any], config: dict[str, Any], *, pre: bool) -> None:
    import json

    runtime = _runtimes(config)[script.suffix[1:]]
    executable = shutil.which(runtime) or (sys.executable if runtime in ("python3", "python") else None)
    if executable is None:
        raise OperationError(f"Hook {script.name}: its runtime {runtime!r} is not installed (not on PATH).")
    print(f"----- {script.stem} execution start -----", file=sys.stderr, flush=True)
    try:
        done = subprocess.run(
            [executable, str(script)],
            cwd=root,
            input=json.dumps(payload),
            text=True,
            stdout=sys.stderr,
            stderr=sys.stderr,
            env=os.environ.copy(),
            check=False,
        )
    except KeyboardInterrupt:
        raise Interrupted(f"Interrupted while running hook {script.name}.") from None
    except OSError as exc:
        raise OperationError(f"Hook {script.name} could not be started: {exc}") from None
    if done.returncode != 0:
        where = "the command was not run; nothing was changed" if pre else "after the command ran"
        raise OperationError(
            f"Hook {script.relative_to(root)} exited with exit code {done.returncode}: {where}."
        )
    print(f"----- {script.stem} execution end -----", file=sys.stderr, flush=True)
