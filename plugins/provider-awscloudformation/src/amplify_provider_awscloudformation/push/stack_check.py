"""The root stack's existence (:func:`check_env`), asked without the AWS SDK when a
presigned URL allows it.

A push with nothing to deploy (and the push a no-change ``amplify publish`` runs) makes one
AWS call: ``DescribeStacks`` of the root stack, which must still exist. Through botocore
that costs about 0.2 s of CPU before the request leaves (import, session, client) — more
than the rest of the command. So after each check made with the SDK we keep a presigned
``GET`` of that ``DescribeStacks`` (CloudFormation's query API takes GET with the signature
in the query string), valid :data:`VALID_FOR` seconds, and the next check sends it with
the standard library.

Both answers are trusted: the stack is there, or CloudFormation says it does not exist.
Anything else — an expired or refused URL (rotated keys, a restarted sandbox), a timeout,
a damaged file, a change to the credentials or endpoint it was signed with — means the SDK
asks again. The URL carries the session token of temporary credentials, so it is kept in
the amplify home (:func:`amplify_core.plugin.project_home_file`, mode 0600), never in the
project. It grants ``DescribeStacks`` of that one stack, until it expires.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import re
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from amplify_core.plugin import OperationError, aws_errors, project_home_file, read_json, write_json

from .apply import UNCHANGED, missing_stack_error
from .lock import clear_left_behind, left_behind

CHECK_FOLDER = "stack-check"
VALID_FOR = 12 * 3600
MARGIN = 120  # seconds: a URL this close to expiry is not used
TIMEOUT = 5
#: Variables that pick the credentials, region or endpoint (never the secrets themselves).
_SECRET_VARIABLES = frozenset({"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"})
_STATUS = re.compile(rb"<StackStatus>([A-Z_]+)</StackStatus>")


def check_path(project_root: Path, env_name: str) -> Path:
    return project_home_file(CHECK_FOLDER, project_root, env_name)


def signed_for(aws_info: dict[str, Any], env_info: dict[str, Any]) -> str:
    """What the URL depends on, hashed: the clone's AWS access, the stack and region, the
    ``AWS_*`` variables (not the secrets) and the state of the files that define profiles."""
    files = [
        os.environ.get("AWS_CONFIG_FILE") or "~/.aws/config",
        os.environ.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials",
        str(aws_info.get("awsConfigFilePath") or ""),
    ]
    stats = []
    for name in files:
        try:
            found = os.stat(os.path.expanduser(name)) if name else None
        except OSError:
            found = None
        stats.append([found.st_mtime_ns, found.st_size] if found else None)
    basis = {
        "access": aws_info,
        "stack": env_info.get("StackName"),
        "region": env_info.get("Region"),
        "environment": {
            k: v for k, v in os.environ.items() if k.startswith("AWS_") and k not in _SECRET_VARIABLES
        },
        "files": stats,
    }
    return hashlib.sha256(json.dumps(basis, sort_keys=True, default=str).encode()).hexdigest()


def stack_exists(path: Path, basis: str) -> bool | None:
    """True: CloudFormation says the stack exists (and is not deleted); False: it says there is
    no such stack; None: no usable URL, or any other answer (then ask with the SDK)."""
    try:
        data = read_json(path, default=None)
        if not isinstance(data, dict) or data.get("version") != 1 or data.get("signedFor") != basis:
            return None
        if float(data["expires"]) - MARGIN <= time.time():
            return None
        url = str(data["url"])
    except Exception:  # noqa: BLE001 - a damaged cache only means the SDK asks
        return None
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            found = _STATUS.search(response.read(1 << 20))
        if found is None:
            return None
        return found.group(1) != b"DELETE_COMPLETE"
    except urllib.error.HTTPError as exc:
        body = exc.read(1 << 16)
        exc.close()
        if exc.code == 400 and b"<Code>ValidationError</Code>" in body and b"does not exist" in body:
            return False
        return None
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException):
        return None


def save(path: Path, basis: str, cfn: Any, stack_name: str) -> None:
    """Presign the check with ``cfn`` and keep it (0600); failures are ignored."""
    try:
        url = cfn.generate_presigned_url(
            "describe_stacks", Params={"StackName": stack_name}, ExpiresIn=VALID_FOR, HttpMethod="GET"
        )
        data = {"version": 1, "signedFor": basis, "url": url, "expires": time.time() + VALID_FOR}
        write_json(path, data, mode=0o600)
    except Exception:  # noqa: BLE001 - a cache: the next check uses the SDK
        pass


def check_env(provider: Any, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any]) -> None:
    """``Provider.check_env``, a push with nothing to deploy: the root stack must exist;
    release a lock this machine left behind (a killed run) — when there is none, one
    ``DescribeStacks``, through the kept URL (:func:`stack_exists`) if it can answer.

    Under this command's own lock (``publish``) there is nothing left to do: taking it
    checked the stack, and no other lock can hold the bucket.
    """
    if env_name in provider._held_locks:
        return
    bucket = env_info.get("DeploymentBucketName")
    checked = StackCheck(provider, env_name, env_info, aws_info)
    if not (bucket and left_behind(bucket)):
        exists = stack_exists(checked.path, checked.basis)
        if exists is not None:
            if not exists:
                raise missing_stack_error(str(env_info.get("StackName") or ""), env_name)
            return  # the presigned DescribeStacks answered: no SDK needed
    aws = provider.session(aws_info, env_info.get("Region"))
    with aws_errors("Checking the root stack", hint=UNCHANGED):
        cfn = aws.client("cloudformation")
        checked.run(cfn)
        if bucket and left_behind(bucket):
            for warning in clear_left_behind(aws.client("s3"), bucket):
                provider.context.console.warn(warning)


class StackCheck:
    """:func:`require_root_stack` that keeps (or, for a missing stack, drops) the presigned
    check :func:`stack_exists` sends next time."""

    def __init__(self, provider: Any, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any]):
        self.env_name, self.env_info = env_name, env_info
        self.path = check_path(provider.context.project.root, env_name)
        self.basis = signed_for(aws_info, env_info)

    def run(self, cfn: Any) -> None:
        try:
            require_root_stack(cfn, self.env_name, self.env_info)
        except OperationError:
            with contextlib.suppress(OSError):
                self.path.unlink()  # no URL for a stack that is gone
            raise
        save(self.path, self.basis, cfn, str(self.env_info.get("StackName") or ""))


def require_root_stack(cfn: Any, env_name: str, env_info: dict[str, Any]) -> None:
    """Raise :func:`missing_stack_error` unless the environment's root stack exists."""
    from botocore.exceptions import ClientError

    name = str(env_info.get("StackName") or "")
    try:
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
    except ClientError as exc:
        if "does not exist" in str(exc):
            raise missing_stack_error(name, env_name) from None
        raise
    if stack.get("StackStatus") == "DELETE_COMPLETE":
        raise missing_stack_error(name, env_name)
