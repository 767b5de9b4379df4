"""One deployment per environment: a lock object in the environment's deployment bucket.

The object ``deployment-lock.json`` is created with ``If-None-Match: *``, so S3 itself
decides who wins when two pushes (or publishes) start together. It records who holds it —
user, host, process id, start time, command — and a random token. The holder deletes it when
done (also after a failure or Ctrl-C).

* A retried PUT (its first response was lost) that finds the lock holding its own token has
  the lock: it is not "someone else".
* A lock left by a process of this machine and user that is no longer running is broken with
  a warning. Any other lock (another host: its push may be alive) needs ``--force-unlock``.
* While held, a marker file under the amplify home names the lock, so that the next command
  of this clone finds a lock a killed run left behind even when it has nothing to deploy.
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

from amplify_core.plugin import OperationError, aws_error_code, read_json, write_json

from ..home_files import provider_home

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
            owner=_user(),
            host=socket.gethostname(),
            pid=os.getpid(),
            startedAt=datetime.now(UTC).isoformat(timespec="seconds"),
            command=command,
            env=env,
        )

    @classmethod
    def parse(cls, body: bytes) -> LockInfo | None:
        try:
            data = json.loads(body)
            return cls(
                owner=str(data.get("owner", "?")),
                host=str(data.get("host", "?")),
                pid=int(data.get("pid", 0)),
                startedAt=str(data.get("startedAt", "?")),
                command=str(data.get("command", "push")),
                env=str(data.get("env", "")),
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

    def is_stale_here(self) -> bool:
        """A lock this machine's user left behind: same host and user, process gone."""
        return self.owner == _user() and self.is_dead_here()


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
        self.etag: str | None = None  # of our lock object, for the conditional delete

    def current(self) -> LockInfo | None:
        from botocore.exceptions import ClientError

        try:
            body = self.s3.get_object(Bucket=self.bucket, Key=LOCK_KEY)["Body"].read()
        except ClientError as exc:
            if aws_error_code(exc) in ("NoSuchKey", "404", "NotFound"):
                return None
            raise
        return LockInfo.parse(body) or LockInfo("?", "?", 0, "?")

    def acquire(self, *, force: bool = False) -> list[str]:
        """Take the lock; with ``force`` first delete whatever lock is there.

        :returns: one warning per lock that was broken (forced, or stale on this machine).
        :raises OperationError: when another live deployment holds it (naming the holder).
        """
        from botocore.exceptions import ClientError

        warnings = []
        if force:
            broken = self.current()
            if broken is not None:
                self.s3.delete_object(Bucket=self.bucket, Key=LOCK_KEY)
                warnings.append(f"Broke the deployment lock held by {broken.holder()}.")
        for _attempt in range(4):
            try:
                self.etag = None
                put = self.s3.put_object(
                    Bucket=self.bucket,
                    Key=LOCK_KEY,
                    Body=self.info.body(),
                    ContentType="application/json",
                    IfNoneMatch="*",
                )
                self.etag = put.get("ETag")
            except ClientError as exc:
                code = aws_error_code(exc)
                if code == "ConditionalRequestConflict":
                    continue  # a concurrent write in flight: ask again
                if code not in ("PreconditionFailed", "412"):
                    raise
                holder = self.current()
                if holder is None:
                    continue  # released between our put and our get
                if holder.token == self.info.token:
                    break  # our own earlier attempt got through; only its answer was lost
                if holder.is_stale_here():
                    self.s3.delete_object(Bucket=self.bucket, Key=LOCK_KEY)
                    warnings.append(f"Broke a stale deployment lock: {holder.holder()} is no longer running.")
                    continue
                raise locked_error(holder, self.info.env, self.info.command) from None
            break
        else:
            raise OperationError("Could not take the deployment lock (it kept changing hands); try again.")
        self.held = True
        save_marker(self.bucket, self.info)
        return warnings

    def release(self) -> None:
        """Delete the lock if it is still ours: one ``DeleteObject`` with ``If-Match`` our
        object's ETag (S3 refuses it with 412 once someone else's lock is there, 404 when
        none is); without that ETag (a retried put), read the lock first."""
        if not self.held:
            return
        if not (self.etag and self._delete_if_unchanged(self.etag)):
            current = self.current()
            if current is not None and current.token == self.info.token:
                self.s3.delete_object(Bucket=self.bucket, Key=LOCK_KEY)
        self.held = False
        drop_marker(self.bucket, self.info.token)

    def _delete_if_unchanged(self, etag: str) -> bool:
        """True when S3 settled it (deleted, or not ours any more); False: ask again."""
        from botocore.exceptions import ClientError

        try:
            self.s3.delete_object(Bucket=self.bucket, Key=LOCK_KEY, IfMatch=etag)
        except ClientError as exc:
            code = aws_error_code(exc)
            if code in ("PreconditionFailed", "412", "NoSuchKey", "404", "NotFound"):
                return True
            if code == "ConditionalRequestConflict":
                return False
            raise
        return True


# -- markers: "this clone holds (or held) the lock", kept under the amplify home ---------


def _marker_dir():
    return provider_home() / "locks"


def save_marker(bucket: str, info: LockInfo) -> None:
    write_json(_marker_dir() / f"{bucket}.{info.token}.json", {"bucket": bucket, **asdict(info)}, mode=0o600)


def drop_marker(bucket: str, token: str) -> None:
    (_marker_dir() / f"{bucket}.{token}.json").unlink(missing_ok=True)


def left_behind(bucket: str) -> list[LockInfo]:
    """Locks this machine took on ``bucket`` whose process is gone without releasing them."""
    folder = _marker_dir()
    found = []
    for path in sorted(folder.glob(f"{bucket}.*.json")) if folder.is_dir() else []:
        try:
            data = read_json(path)
            info = LockInfo.parse(json.dumps(data).encode())
        except Exception:  # noqa: BLE001 - an unreadable marker is just dropped
            info = None
        if info is None:
            path.unlink(missing_ok=True)
        elif info.is_dead_here():
            found.append(info)
    return found


def clear_left_behind(s3: Any, bucket: str) -> list[str]:
    """Release the locks :func:`left_behind` names that still hold the bucket; warnings."""
    warnings = []
    for info in left_behind(bucket):
        lock = DeploymentLock(s3, bucket, info)
        current = lock.current()
        if current is not None and current.token == info.token:
            s3.delete_object(Bucket=bucket, Key=LOCK_KEY)
            warnings.append(f"Released the deployment lock left by an interrupted {info.holder()}.")
        drop_marker(bucket, info.token)
    return warnings


def locked_error(holder: LockInfo, env: str, command: str = "push") -> OperationError:
    dead = " That process is no longer running on this machine." if holder.is_dead_here() else ""
    return OperationError(
        f"Another deployment to environment {env!r} is in progress: locked by {holder.holder()}.{dead}",
        hint=(
            "Wait for it to finish. If it is no longer running (it was killed, or its machine "
            f'went away), break the lock with "amplify {command} --force-unlock".'
        ),
    )
