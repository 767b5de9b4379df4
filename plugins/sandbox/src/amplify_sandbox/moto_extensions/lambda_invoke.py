"""Lambda ``Invoke`` without docker: the handler runs with the local runtime.

moto 5 runs a function's code only inside a docker container (``LambdaFunction._invoke_lambda``)
and, without docker, answers every invocation with an error. This module replaces that method:
the function's zip (what moto read from S3 at create/update) is unpacked once per code hash and
run by the core's local runner (:mod:`amplify_core.local_lambda`: ``node`` for ``nodejs*``,
this Python for ``python*``) with the function's environment variables, its timeout, and AWS
settings that point back at this sandbox — so a handler that reads a DynamoDB table reads the
sandbox's. Everything moto calls ``invoke`` for goes through here: ``Invoke``, S3 notifications
and DynamoDB stream event-source mappings.

As in AWS: a handler that throws answers with ``X-Amz-Function-Error`` and Lambda's error object;
one that runs past its timeout is stopped ("Task timed out"); an image function, or a runtime
that has no local runner, fails its invocation. The log goes to the function's log group.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import threading
import zipfile
from pathlib import Path
from typing import Any

from amplify_core.plugin import local_lambda

from .. import credentials
from ..config import INPROCESS_ACCESS_KEY_ID, INPROCESS_SECRET_ACCESS_KEY

#: The server's own address, set by :func:`amplify_sandbox.server.make_server`. Without it (moto
#: in-process) handlers get an address that answers nothing, so they never reach real AWS.
ENDPOINT: str | None = None
UNREACHABLE = "http://127.0.0.1:9"

_LOCK = threading.Lock()


def code_dir(sha: str, code: bytes) -> Path:
    """The function's zip unpacked under the temp folder, once per code hash."""
    target = Path(tempfile.gettempdir()) / "amplify-sandbox-lambda" / sha
    with _LOCK:
        if not target.is_dir():
            staging = target.with_name(f".{sha}.{os.getpid()}.tmp")
            staging.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(io.BytesIO(code)) as archive:
                archive.extractall(staging)
            os.replace(staging, target)
    return target


def _invoke_locally(self: Any, event: Any = None) -> tuple[str, bool, str]:
    self.logs_backend.ensure_log_group(self.logs_group_name)
    if getattr(self, "package_type", "Zip") != "Zip":
        message = json.dumps(
            {
                "errorType": "Runtime.InvalidEntrypoint",
                "errorMessage": "Image functions cannot run in the sandbox.",
            }
        )
        return message, True, ""
    try:
        folder = code_dir(hashlib.sha256(self.code_bytes).hexdigest(), self.code_bytes)
        keys = credentials.CURRENT  # the server's own; moto in-process: its fixed keys
        env = {
            **local_lambda.base_env(),
            "AWS_ENDPOINT_URL": ENDPOINT or UNREACHABLE,
            "AWS_ACCESS_KEY_ID": keys.access_key_id if keys else INPROCESS_ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": keys.secret_access_key if keys else INPROCESS_SECRET_ACCESS_KEY,
            "AWS_REGION": self.region,
            "AWS_DEFAULT_REGION": self.region,
            "AWS_EXECUTION_ENV": f"AWS_Lambda_{self.run_time}",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(self.memory_size),
            "AWS_LAMBDA_FUNCTION_VERSION": str(self.version),
            **{str(k): str(v) for k, v in (self.environment_vars or {}).items()},
        }
        result = local_lambda.invoke(
            folder,
            str(self.handler),
            str(self.run_time or ""),
            event if event is not None else {},
            env,
            timeout=float(self.timeout or 3),
            function_name=self.function_name,
        )
    except Exception as exc:  # noqa: BLE001 - a bad zip, or no runner for this runtime: the invocation fails
        message = json.dumps({"errorType": "Runtime.Unavailable", "errorMessage": str(exc)})
        self.save_logs(str(exc))
        return message, True, ""
    self.save_logs(result.logs or "(no output)")
    return result.payload or "null", result.error, result.logs


def install() -> None:
    from moto.awslambda.models import LambdaFunction

    LambdaFunction._invoke_lambda = _invoke_locally
