"""The real ``amplify`` console script as a subprocess (``run_amplify``) or in a real terminal
(``spawn_amplify``): the one way every package's tests run the installed command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The ``amplify`` console script installed beside this Python.
AMPLIFY = str(Path(sys.executable).with_name("amplify"))

#: Keys for :meth:`Terminal.send` (what a terminal sends for them).
UP, DOWN, ENTER, BACKSPACE = "\x1b[A", "\x1b[B", "\r", "\x7f"


def headless_init_args(
    project: str,
    env: str = "dev",
    *,
    build: str = "python -c pass",
    start: str = "python -c pass",
    **amplify: Any,
) -> list[str]:
    """The arguments of a headless ``amplify init --yes`` for a plain javascript app (sources
    in ``src``, ``dist`` published, ``build``/``start`` its commands) on the awscloudformation
    provider; ``amplify`` adds keys to the ``--amplify`` block (``defaultEditor="code"``)."""
    frontend = {
        "frontend": "javascript",
        "framework": "none",
        "config": {
            "SourceDir": "src",
            "DistributionDir": "dist",
            "BuildCommand": build,
            "StartCommand": start,
        },
    }
    return [
        "init",
        "--yes",
        "--amplify",
        json.dumps({"projectName": project, "envName": env, **amplify}),
        "--frontend",
        json.dumps(frontend),
        "--providers",
        json.dumps({"awscloudformation": {"configLevel": "general"}}),
    ]


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


def run_amplify(
    *args: str,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 180,
) -> ProcessResult:
    """Run ``amplify <args>`` to completion in ``cwd`` (default: this process's) with ``env``
    (default: this process's): no terminal; standard input is ``stdin`` (or closed, so nothing
    can prompt); ``timeout`` seconds at most (the test fails if it hangs)."""
    proc = subprocess.run(
        [AMPLIFY, *args],
        cwd=cwd,
        env=dict(env) if env is not None else None,
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return ProcessResult(proc.returncode, proc.stdout, proc.stderr)


class Terminal:
    """``amplify`` in a real pseudo-terminal (pexpect), as a person runs it. Every attribute of
    the ``pexpect.spawn`` child (``expect``, ``send``, ``before``, ``exitstatus`` …) is here too."""

    def __init__(self, child: Any) -> None:
        self.child = child

    def __getattr__(self, name: str) -> Any:
        return getattr(self.child, name)

    def answer(self, prompt: str, keys: str) -> None:
        """Wait for ``prompt`` (a regular expression), then type ``keys``."""
        self.child.expect(prompt)
        self.child.send(keys)

    def finish(self) -> int | None:
        """Wait for the command to end; its exit status."""
        import pexpect

        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus


def terminal_env(env: Mapping[str, str], rows: int, columns: int) -> dict[str, str]:
    """``env`` as a terminal user has it: no ``CI`` (which turns prompting off), an xterm of
    ``rows`` x ``columns``."""
    terminal = {k: v for k, v in env.items() if k != "CI"}
    terminal.update(TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS=str(columns), LINES=str(rows))
    return terminal


def spawn_amplify(
    *args: str,
    cwd: Path | str,
    env: Mapping[str, str],
    timeout: float = 30,
    dimensions: tuple[int, int] = (40, 160),
    **options: Any,
) -> Terminal:
    """Start ``amplify <args>`` in a pseudo-terminal of ``dimensions`` (rows, columns) with
    :func:`terminal_env`; each ``expect`` waits ``timeout`` seconds at most. ``options`` go to
    ``pexpect.spawn`` (``preexec_fn=sigint_default`` for a test that presses Ctrl-C)."""
    import pexpect

    rows, columns = dimensions
    child = pexpect.spawn(
        AMPLIFY,
        list(args),
        cwd=str(cwd),
        env=terminal_env(env, rows, columns),
        encoding="utf-8",
        timeout=timeout,
        dimensions=dimensions,
        **options,
    )
    return Terminal(child)
