"""Run a Lambda handler on this machine, the way Lambda would call it: ``amplify mock function``
and the sandbox's ``Invoke`` share this one runner (no docker).

The handler runs in a child process of the local runtime — ``node`` for ``nodejs*`` runtimes,
this Python for ``python*`` — from the function's unpacked code folder, with the function's
environment variables and a small bootstrap (``node_runner.js`` / ``python_runner.py``) that
imports the handler module, calls ``handler(event, context)`` and writes the JSON result (or
Lambda's ``{errorType, errorMessage, stackTrace}``) to a file. What the handler prints is the
log. A handler that runs past its timeout is killed, as Lambda does ("Task timed out").

Inline code (a template's ``Code.ZipFile``) becomes a package as CloudFormation makes it:
:func:`inline_code_zip` writes ``index.js`` / ``index.py`` with the ``cfn-response`` /
``cfnresponse`` module AWS gives such code only (``inline/``). What else a handler can import is
this machine's: Python handlers run with amplify's own Python, so ``boto3`` is there (pointed at
whatever ``AWS_ENDPOINT_URL`` the caller sets); Node.js handlers get no AWS SDK — Lambda's
``nodejs18.x`` and later include SDK v3 (``@aws-sdk/*``), so a handler that needs it must bundle
it in its package; a missing one fails the invocation naming the module.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OperationError, UsageError
from .runtimes import BLOCK_DATES, blocked_for_create, blocked_for_update, no_longer_supported

__all__ = [
    "BLOCK_DATES",
    "Invocation",
    "base_env",
    "blocked_for_create",
    "blocked_for_update",
    "command",
    "inline_code_zip",
    "invoke",
    "no_longer_supported",
    "runtime_family",
]

HERE = Path(__file__).parent
INLINE = HERE / "inline"


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
            "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{function_name}",
            "AWS_LAMBDA_LOG_STREAM_NAME": f"{time.strftime('%Y/%m/%d')}/[$LATEST]{uuid.uuid4().hex}",
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


def inline_code_zip(code: str, runtime: str) -> bytes:
    """The package CloudFormation makes of a function's inline ``ZipFile`` code: ``index.js``
    (Node.js) or ``index.py`` (Python) beside the response module AWS provides for it
    (``require('cfn-response')`` / ``import cfnresponse``). Deterministic: same code, same bytes."""
    if runtime_family(runtime) == "node":
        files = {
            "index.js": code,
            "node_modules/cfn-response/index.js": (INLINE / "cfn-response.js").read_text(),
        }
    else:
        files = {"index.py": code, "cfnresponse.py": (INLINE / "cfnresponse.py").read_text()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, text)
    return buffer.getvalue()
