"""Start the sandbox server as its own process and wait until it answers.

Used by ``amplify sandbox start --detach`` and by the server-mode test fixtures, so both run
exactly the server a user gets. The wait ends when the process has written its state record
and answers ``/_sandbox/status`` with its own pid, or when it exits — then the reason it
printed (a port in use, say) becomes the error.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from amplify_core.plugin import OperationError

from .state import SandboxState, log_path, query_status, read_state

START_TIMEOUT = 60.0  # seconds; moto loads ~40 backends on a cold start (about 2 s here)


def _failure_reason(log: Path, returncode: int) -> tuple[str, str | None]:
    """The server's ``Error: …`` line and the ``Hint: …`` after it (or its last line)."""
    lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    errors = [i for i, line in enumerate(lines) if line.startswith("Error: ")]
    if errors:
        following = lines[errors[-1] + 1 : errors[-1] + 2]
        hint = (
            following[0].removeprefix("Hint: ") if following and following[0].startswith("Hint: ") else None
        )
        return lines[errors[-1]].removeprefix("Error: "), hint
    return (lines[-1] if lines else f"exit code {returncode}"), None


def launch(
    port: int,
    *,
    home: Path | None = None,
    new_session: bool = True,
    timeout: float = START_TIMEOUT,
    fresh: bool = False,
    faults: str | None = None,
) -> tuple[subprocess.Popen, SandboxState]:
    """Run ``python -m amplify_sandbox.server --port <port>``; return it once it answers.

    :param home: the AMPLIFY_HOME the server keeps its record in (default: the current one).
    :param fresh: start empty, deleting the saved state.
    :param faults: a fault spec (:func:`.faults.parse_faults`) applied to API calls.
    :param new_session: detach from the terminal's process group, so Ctrl-C in the shell that
        started it does not stop it (``start --detach``); fixtures keep it attached.
    :raises OperationError: the server exited or did not answer in time (the log is named).
    """
    env = dict(os.environ)
    if home is not None:
        env["AMPLIFY_HOME"] = str(home)
    log = log_path(home)
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "amplify_sandbox.server",
                "--port",
                str(port),
                "--quiet",
                *(["--fresh"] if fresh else []),
                *(["--faults", faults] if faults else []),
            ],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=new_session,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = read_state(home)
        if state is not None and state.pid == process.pid and query_status(state, timeout=2.0):
            return process, state
        if process.poll() is not None:
            reason, hint = _failure_reason(log, process.returncode)
            raise OperationError(
                f"The sandbox did not start: {reason}",
                hint=f"{hint} (full output: {log})" if hint else f"Full output: {log}",
            )
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise OperationError(f"The sandbox did not answer within {timeout:.0f} s.", hint=f"See {log}")
