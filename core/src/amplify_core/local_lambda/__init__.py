"""Run a Lambda handler on this machine, the way Lambda would call it: ``amplify mock function``
and the sandbox's ``Invoke`` share this one runner (no docker).

The handler runs in a child process of the local runtime — ``node`` for ``nodejs*`` runtimes,
this Python for ``python*`` — from the function's unpacked code folder, with the function's
environment variables and a small bootstrap (``node_runner.js`` / ``python_runner.py``) that
imports the handler module, calls ``handler(event, context)`` and writes the JSON result (or
Lambda's ``{errorType, errorMessage, stackTrace}``) to a file. What the handler prints is the
log. A handler that runs past its timeout is killed, as Lambda does ("Task timed out").
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OperationError, UsageError

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Invocation:
    """One call of a handler: its JSON ``payload`` text, whether it failed, and its log."""

    payload: str
    error: bool
    logs: str

    @property
    def result(self) -> Any:
        """The payload as JSON, or its text when it is not JSON (a streamed response)."""
        if not self.payload:
            return None
        try:
            return json.loads(self.payload)
        except ValueError:
            return self.payload


def runtime_family(runtime: str) -> str:
    """``node`` or ``python`` for a Lambda runtime name (``nodejs20.x``, ``python3.12``).

    :raises UsageError: any other runtime (no local runner).
    """
    if runtime.startswith("nodejs"):
        return "node"
    if runtime.startswith("python"):
        return "python"
    raise UsageError(
        f"Runtime {runtime!r} cannot run on this machine (only Node.js and Python runtimes can)."
    )


def command(runtime: str) -> list[str]:
    """The runner's command line for ``runtime`` (without the arguments)."""
    if runtime_family(runtime) == "python":
        return [sys.executable, str(HERE / "python_runner.py")]
    node = shutil.which("node")
    if node is None:
        raise OperationError(f"Running a {runtime} function locally needs Node.js: `node` is not on PATH.")
    return [node, str(HERE / "node_runner.js")]


def invoke(
    code_dir: Path,
    handler: str,
    runtime: str,
    event: Any,
    env: dict[str, str],
    *,
    timeout: float = 25,
    function_name: str = "function",
) -> Invocation:
    """Call ``handler`` (``file.export``) of the code in ``code_dir`` with ``event``.

    ``env`` is the whole environment of the child (the caller decides what it inherits).
    :raises UsageError: the handler string is not ``module.function``.
    """
    if "." not in handler:
        raise UsageError(f"Handler {handler!r} is not of the form <file>.<function> (e.g. index.handler).")
    with tempfile.TemporaryDirectory(prefix="amplify-invoke-") as work:
        event_file = Path(work) / "event.json"
        result_file = Path(work) / "result.json"
        event_file.write_text(json.dumps(event), encoding="utf-8")
        child_env = {
            **env,
            "AWS_LAMBDA_FUNCTION_NAME": function_name,
            "AWS_LAMBDA_FUNCTION_TIMEOUT": str(int(timeout)),
            "AMPLIFY_INVOKE_REQUEST_ID": str(uuid.uuid4()),
            "_HANDLER": handler,
            "LAMBDA_TASK_ROOT": str(code_dir),
        }
        args = [*command(runtime), str(code_dir), handler, str(event_file), str(result_file)]
        try:
            proc = subprocess.run(
                args,
                cwd=code_dir,
                env=child_env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            logs = _text(exc.stdout) + _text(exc.stderr)
            message = f"Task timed out after {timeout:.2f} seconds"
            return Invocation(json.dumps({"errorMessage": message, "errorType": "TimeoutError"}), True, logs)
        logs = proc.stdout + proc.stderr
        payload = result_file.read_text(encoding="utf-8") if result_file.exists() else ""
        if proc.returncode != 0 and not payload:
            payload = json.dumps(
                {
                    "errorMessage": f"Runtime exited with code {proc.returncode}",
                    "errorType": "Runtime.ExitError",
                }
            )
        return Invocation(payload, proc.returncode != 0, logs)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def base_env() -> dict[str, str]:
    """What a handler's process inherits from this one: PATH, HOME, locale — no AWS or amplify settings."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "TZ")
    return {k: v for k, v in os.environ.items() if k in keep}
