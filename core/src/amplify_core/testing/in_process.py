"""``amplify_cli`` / ``run_cli``: ``amplify`` run in this process, prompts answered by id."""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ..cli import runtime
from ..plugins.registry import PluginSet
from ..prompts.prompter import ScriptedPrompter


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
    from ..cli.app import run

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
