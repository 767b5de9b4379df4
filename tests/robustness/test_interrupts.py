"""Ctrl-C at any instant exits 130 with one line and no traceback (issue 11, item 10).

A SIGINT is sent at several delays after the console script's first module ran (the
interpreter's ``-v`` import log tells the test when that is, so no delay races the
interpreter's own start-up, which no package can reach). A run that finished before the
signal arrived must have finished normally.
"""

from __future__ import annotations

import re
import signal
import subprocess
import uuid

import pytest
from amplify_core.testing import AMPLIFY
from amplify_sandbox.testing import sigint_default

from .conftest import init_args, make_app

DELAYS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5)
ENTRY_LOADED = "import '_amplify_entry'"


def interrupt_after(
    args: list[str], delay: float | None, *, cwd, env: dict[str, str], preexec=sigint_default
) -> tuple[int, str, list[str]]:
    """Start ``amplify``, SIGINT it ``delay`` s after its entry module loaded (never, for
    ``None``); (rc, stdout, stderr lines other than the interpreter's import log)."""
    import time

    proc = subprocess.Popen(
        [AMPLIFY, *args],
        cwd=cwd,
        env={**env, "PYTHONVERBOSE": "1"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        preexec_fn=preexec,
    )
    seen: list[str] = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith(ENTRY_LOADED):
            break
    if delay is not None:
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
    out, rest = proc.communicate(timeout=120)
    lines = [line.rstrip("\n") for line in [*seen, *rest.splitlines(keepends=True)]]
    # The interpreter's -v log writes a line in parts: our one line can land right after a part.
    lines = [part for line in lines for part in _after_import_log(line)]
    return proc.returncode, out, [line for line in lines if not _import_log(line)]


def _after_import_log(line: str) -> list[str]:
    """``import 'x' # <loader>✖ Interrupted.`` → the log part and our line."""
    head, mark, tail = line.partition("✖ ")
    return [head, mark + tail] if mark and head and _import_log(head) else [line]


_LOADER_TAIL = re.compile(r"object at 0x[0-9a-f]+>$")


def _import_log(line: str) -> bool:
    """A line of the interpreter's ``-v`` log (imports, start-up banner, module clean-up).

    Two threads importing at once interleave the parts of their log lines, so the tail of one
    (``…SourceFileLoader object at 0x7f…>``) can land on a line of its own."""
    return (
        not line.strip()
        or line.startswith(
            ("#", "import ", "  ", "Processing ", "Adding directory", "Python 3", 'Type "help"', "warning: ")
        )
        or bool(_LOADER_TAIL.search(line) and "✖" not in line)
    )


def check(run: tuple[int, str, list[str]], finished: tuple[int, str, list[str]], label: str) -> str | None:
    """A complaint about one interrupted run, or None. ``finished`` is the run without a signal:
    a signal that came after the command's work was done may leave its result (and, in the
    interpreter's last teardown step, an exit by the signal itself, which a shell shows as 130)."""
    rc, out, lines = run
    if any("Traceback" in line or "KeyboardInterrupt" in line for line in lines):
        return f"{label}: traceback: {lines[-12:]}"
    if rc == 130:
        return None if lines == ["✖ Interrupted."] else f"{label}: exit 130 with {lines}"
    if rc in (finished[0], -signal.SIGINT) and (out, lines) == finished[1:]:
        return None
    return f"{label}: exit {rc}: {lines[-8:]} {out[-200:]!r}"


@pytest.mark.slow
def test_ctrl_c_during_start_up_and_light_commands(env, project):
    problems = []
    interrupted = 0
    for args, cwd, finished_rc in (
        (["--help"], project, 0),
        (["status"], project, 0),
        (["status"], project.parent, 2),
        (["env", "list"], project, 0),
    ):
        finished = interrupt_after(args, None, cwd=cwd, env=env.vars)
        assert finished[0] == finished_rc, finished
        for delay in DELAYS:
            run = interrupt_after(args, delay, cwd=cwd, env=env.vars)
            interrupted += run[0] == 130
            problem = check(run, finished, f"amplify {' '.join(args)} +{delay}s")
            if problem:
                problems.append(problem)
    assert problems == []
    assert interrupted >= len(DELAYS)  # the early delays land before any of these commands ends


@pytest.mark.slow
def test_ctrl_c_during_init_against_the_sandbox(env, tmp_path):
    problems = []
    interrupted = 0
    for i, delay in enumerate((0.0, 0.1, 0.3, 0.6, 1.0)):
        app = make_app(tmp_path / f"app{i}")
        run = interrupt_after(init_args(f"intr{i}{uuid.uuid4().hex[:6]}"), delay, cwd=app, env=env.vars)
        rc, _, lines = run
        interrupted += rc == 130
        if any("Traceback" in line or "KeyboardInterrupt" in line for line in lines):
            problem = f"amplify init +{delay}s: traceback: {lines[-12:]}"
        elif rc == 130:
            problem = None if lines[-1:] == ["✖ Interrupted."] else f"amplify init +{delay}s: {lines}"
        else:
            problem = None if rc == 0 else f"amplify init +{delay}s: exit {rc}: {lines[-8:]}"
        if problem:
            problems.append(problem)
    assert problems == []
    assert interrupted >= 1


def test_a_reader_that_closes_the_pipe_gets_no_traceback(env, project):
    for args in (["--help"], ["status"], ["env", "list"]):
        proc = subprocess.Popen(
            [AMPLIFY, *args],
            cwd=project,
            env=env.vars,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        proc.stdout.close()
        err = proc.stderr.read().decode()
        proc.wait(timeout=60)
        assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err


def test_a_background_job_that_ignores_ctrl_c_keeps_ignoring_it(env, project):
    """A shell without job control starts ``amplify … &`` with SIGINT ignored: it must finish."""

    def ignore() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    finished = interrupt_after(["status"], None, cwd=project, env=env.vars)
    for delay in (0.0, 0.1):
        run = interrupt_after(["status"], delay, cwd=project, env=env.vars, preexec=ignore)
        assert run == finished
