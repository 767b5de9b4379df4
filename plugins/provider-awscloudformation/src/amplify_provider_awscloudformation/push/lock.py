"""One push per environment: a lock object in the environment's deployment bucket.

The object ``deployment-lock.json`` is created with ``If-None-Match: *``, so S3 itself
decides who wins when two pushes start together. It records who holds it — user, host,
process id, start time, command — so the loser's error names the holder instead of
CloudFormation's cryptic "UPDATE_IN_PROGRESS". The holder deletes it when done (also after a
failure or Ctrl-C). A lock left by a killed process stays until someone runs
``amplify push --force-unlock``; it is never broken silently, because a lock that looks
stale on one machine may belong to a live push on another.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from amplify_core.errors import OperationError

LOCK_KEY = "deployment-lock.json"


@dataclass(frozen=True)
class LockInfo:
    owner: str
    host: str
    pid: int
    startedAt: str
    command: str = "push"
    env: str = ""
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def mine(cls, command: str, env: str) -> LockInfo:
        return cls(
            owner=_user(), host=socket.gethostname(), pid=os.getpid(),
            startedAt=datetime.now(UTC).isoformat(timespec="seconds"),
            command=command, env=env,
        )

    @classmethod
    def parse(cls, body: bytes) -> LockInfo | None:
        try:
            data = json.loads(body)
            return cls(
                owner=str(data.get("owner", "?")), host=str(data.get("host", "?")),
                pid=int(data.get("pid", 0)), startedAt=str(data.get("startedAt", "?")),
                command=str(data.get("command", "push")), env=str(data.get("env", "")),
                token=str(data.get("token", "")),
            )
        except (ValueError, TypeError, AttributeError):
            return None

    def body(self) -> bytes:
        return json.dumps(asdict(self), indent=2).encode()

    def holder(self) -> str:
        """``alice@build-7 (pid 4242, amplify push, started 2026-01-01T10:00:00+00:00)``."""
        return f"{self.owner}@{self.host} (pid {self.pid}, amplify {self.command}, started {self.startedAt})"

    def is_dead_here(self) -> bool:
        """True when the holder ran on this machine and its process is gone."""
        if self.host != socket.gethostname() or self.pid <= 0:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "unknown"


class DeploymentLock:
    """Acquire and release the lock object; ``s3`` is an injected boto3 S3 client."""

    def __init__(self, s3: Any, bucket: str, info: LockInfo):
        self.s3 = s3
        self.bucket = bucket
        self.info = info
        self.held = False

    def current(self) -> LockInfo | None:
        from botocore.exceptions import ClientError

        try:
            body = self.s3.get_object(Bucket=self.bucket, Key=LOCK_KEY)["Body"].read()
        except ClientError as exc:
            if _code(exc) in ("NoSuchKey", "404", "NotFound"):
                return None
            raise
        return LockInfo.parse(body) or LockInfo("?", "?", 0, "?")

    def acquire(self, *, force: bool = False) -> LockInfo | None:
        """Take the lock; with ``force`` first delete whatever lock is there.

        :returns: the lock that was broken with ``force``, if any.
        :raises OperationError: when another push holds it (naming the holder).
        """
        from botocore.exceptions import ClientError

        broken = None
        if force:
            broken = self.current()
            if broken is not None:
                self.s3.delete_object(Bucket=self.bucket, Key=LOCK_KEY)
        for _attempt in range(3):
            try:
                self.s3.put_object(
                    Bucket=self.bucket, Key=LOCK_KEY, Body=self.info.body(),
                    ContentType="application/json", IfNoneMatch="*",
                )
                self.held = True
                return broken
            except ClientError as exc:
                code = _code(exc)
                if code == "ConditionalRequestConflict":
                    continue  # a concurrent write in flight: ask again
                if code not in ("PreconditionFailed", "412"):
                    raise
                holder = self.current()
                if holder is None:
                    continue  # released between our put and our get
                raise locked_error(holder, self.info.env) from None
        raise OperationError("Could not take the deployment lock (it kept changing hands); try again.")

    def release(self) -> None:
        """Delete the lock if it is still ours."""
        if not self.held:
            return
        current = self.current()
        if current is not None and current.token == self.info.token:
            self.s3.delete_object(Bucket=self.bucket, Key=LOCK_KEY)
        self.held = False


def locked_error(holder: LockInfo, env: str) -> OperationError:
    dead = " That process is no longer running on this machine." if holder.is_dead_here() else ""
    return OperationError(
        f"Another deployment to environment {env!r} is in progress: locked by {holder.holder()}.{dead}",
        hint=(
            "Wait for it to finish. If that push is no longer running (it was killed, or its "
            'machine went away), break the lock with "amplify push --force-unlock".'
        ),
    )


def _code(exc: Any) -> str:
    return str(getattr(exc, "response", {}).get("Error", {}).get("Code", ""))
