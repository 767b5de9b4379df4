"""The one JSON reader and writer for project files.

Writes go to a temporary file in the same folder, are flushed to disk, then renamed over
the target, so an interrupted command never leaves half a file behind; a temp file a killed
writer left (its name carries the writer's pid) is removed by the next write of that file. Output is 2-space
indented with a trailing newline, as the Gen 1 CLI writes it.
"""

from __future__ import annotations

import glob
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import UsageError


def dumps(data: Any, *, sort_keys: bool = False) -> str:
    """The canonical text of a project JSON file."""
    return json.dumps(data, indent=2, sort_keys=sort_keys, ensure_ascii=False) + "\n"


def write_text_atomic(path: Path, text: str, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``text`` atomically (temp file in the same folder + rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete the temp files of ``path`` that a killed writer left (``.<name>.<pid>.*.tmp``
    whose process is gone); return them. Those of live processes are left alone."""
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        try:
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_json(path: Path, data: Any, *, sort_keys: bool = False, mode: int | None = None) -> None:
    """Write ``data`` as JSON to ``path`` atomically."""
    write_text_atomic(path, dumps(data, sort_keys=sort_keys), mode=mode)


def read_json(path: Path, default: Any = ...) -> Any:
    """Read a JSON file; a missing file returns ``default`` if given.

    Anything else that is not usable is a UsageError (exit 2) naming the file and saying how
    to repair it: a folder, unreadable bytes, text that is not UTF-8, an empty or truncated
    file, JSON nested too deeply, and, for the Gen 1 state files (:mod:`.shapes`), JSON of
    the wrong shape (a list or a number for an object, required keys missing).
    """
    from .shapes import check

    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if default is not ...:
            return default
        raise UsageError(f"File not found: {path}") from None
    except IsADirectoryError:
        raise _bad(path, "is a folder, not a JSON file") from None
    except OSError as exc:
        raise _bad(path, f"cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _bad(
            path, f"is not UTF-8 text (byte {exc.start} cannot be read); it may be binary or damaged"
        ) from None
    if not text.strip():
        raise _bad(path, "is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        end = " (the file looks truncated)" if exc.pos >= len(text.rstrip()) else ""
        raise _bad(
            path, f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}{end}"
        ) from None
    except RecursionError:
        raise _bad(path, "is nested too deeply to read") from None
    found = check(path, data)
    if found:
        raise _bad(path, f"has the wrong shape: {found}")
    return data


def _bad(path: Path, what: str) -> UsageError:
    from .shapes import what_to_do

    return UsageError(f"{path} {what}.", hint=what_to_do(path))
