"""Upload progress: a rich bar in a terminal, a few plain lines in CI logs.

The plain form prints at most about ten lines however many files there are (every 10 %),
so a 10,000-file site does not flood a CI log; rich is imported only for a terminal.
"""

from __future__ import annotations

import sys
import threading
from typing import Any, TextIO


def human_bytes(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"


class LineProgress:
    """``  250/1000 files (1.2 MB)`` lines at every tenth, for logs."""

    def __init__(self, out: TextIO | None = None, steps: int = 10):
        self.out = out
        self.steps = steps
        self._lock = threading.Lock()
        self.total = 0
        self.done = 0
        self.bytes = 0
        self._next = 0

    def start(self, files: int, total_bytes: int) -> None:
        self.total, self.done, self.bytes = files, 0, 0
        self._next = self._step()

    def _step(self) -> int:
        return max(1, -(-self.total // self.steps))

    def advance(self, key: str, size: int) -> None:
        with self._lock:
            self.done += 1
            self.bytes += size
            if self.total > self.steps and self.done >= self._next and self.done < self.total:
                self._next += self._step()
                print(
                    f"  {self.done}/{self.total} files ({human_bytes(self.bytes)})",
                    file=self.out or sys.stdout,
                    flush=True,
                )

    def finish(self) -> None:
        pass


class RichProgress:
    """A bar over the bytes to send, with the file count, speed and time left; disappears
    when done (the summary line follows)."""

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self._progress = Progress(
            TextColumn("Uploading {task.fields[done]}/{task.fields[files]} files"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            transient=True,
        )
        self._lock = threading.Lock()
        self._task: Any = None
        self._done = 0

    def start(self, files: int, total_bytes: int) -> None:
        if files == 0:
            return
        self._done = 0
        self._task = self._progress.add_task("upload", total=max(total_bytes, 1), files=files, done=0)
        self._progress.start()

    def advance(self, key: str, size: int) -> None:
        with self._lock:
            self._done += 1
            self._progress.update(self._task, advance=size, done=self._done)

    def finish(self) -> None:
        if self._task is not None:
            self._progress.stop()
            self._task = None


def for_stream(stream: TextIO | None = None) -> Any:
    """The right progress display for ``stream`` (standard output by default)."""
    stream = stream or sys.stdout
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    import os

    if tty and os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return RichProgress()
    return LineProgress(stream)
