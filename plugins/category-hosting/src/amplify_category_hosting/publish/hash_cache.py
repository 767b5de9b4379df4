"""MD5s of the distribution folder's files, remembered between publishes by size and mtime.

A rebuild rewrites its files (new modification times), so the cache helps when the folder did
not change — the no-change republish. It is local and git-ignored
(``amplify/.config/local-publish-hashes.txt``), and keyed by the folder, so two distribution
folders never mix.

The file is a header line (``{"version": 2, "folder": …}``) then one line per file in key
order (:mod:`.sorted_lines`): ``key\\tsize\\tmtime_ns\\tmd5``. It is read as a stream, in step
with the folder's walk, so a publish never holds it whole. Nothing is written while every
file matches it; from the first difference on, the new cache is streamed to a temporary file
(the unchanged start copied from the old one) that replaces the old file when the walk is
complete, and is dropped if it is not. A damaged line ends what is read of it: the files after
it are hashed again. The JSON cache of older versions (``local-publish-hashes.json``) is not
read (each file is hashed once more) and is removed when the new one is written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from . import sorted_lines
from .scan import LocalFile

CACHE_FILE = "local-publish-hashes.txt"
LEGACY_CACHE_FILE = "local-publish-hashes.json"
VERSION = 2

#: One remembered file: key, size, mtime in ns, MD5.
_Entry = tuple[str, int, int, str]


class HashCache:
    """Ask :meth:`lookup` for each file in key order, give :meth:`store` the same files in
    the same order with their MD5, then :meth:`finish` once the whole folder was seen.
    Used as a context manager: leaving it unfinished writes nothing."""

    def __init__(self, path: Path | None, dist_dir: Path):
        self.path = path
        self.folder = str(Path(dist_dir).resolve())
        self._old: BinaryIO | None = None
        self._next: _Entry | None = None
        self._next_len = 0
        self._pos = 0  # bytes of the old file before its next entry
        self._clean_end = True  # the old file ended after a whole line (not damaged)
        self._changed_at: int | None = None  # index of the first file that differs
        self._copy = 0  # bytes of the old file the new one starts with
        self._looked = 0
        self._stored = 0
        self._out: BinaryIO | None = None
        self._failed = False
        if path is None:
            return
        try:
            self._old = open(path, "rb")  # closed by finish() or __exit__
            header = self._old.readline()
            data = json.loads(header) if header.endswith(b"\n") else None
            if (
                isinstance(data, dict)
                and data.get("version") == VERSION
                and data.get("folder") == self.folder
            ):
                self._pos = len(header)
                self._read_next()
                return
        except (OSError, ValueError):
            pass
        self._changed_at = 0  # missing, unreadable, older or another folder's: start afresh
        self._drop_old()

    def __enter__(self) -> HashCache:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._discard()

    def lookup(self, item: LocalFile) -> str | None:
        """The remembered MD5 of ``item`` if its size and mtime are unchanged."""
        index = self._looked
        self._looked += 1
        key = item.key
        entry = self._next
        while entry is not None and entry[0] < key:
            self._change(index)  # a file that is gone
            entry = self._read_next(consumed=True)
        if entry is not None and entry[0] == key:
            if entry[1] == item.size and entry[2] == item.mtime_ns and item.mtime_ns:
                self._read_next(consumed=True)
                return entry[3]
            self._change(index)
            self._read_next(consumed=True)
            return None
        if item.mtime_ns:
            self._change(index)  # a new file (one without an mtime is never remembered)
        return None

    def store(self, item: LocalFile) -> None:
        """``item`` with its MD5 (the next file :meth:`lookup` was asked about)."""
        index = self._stored
        self._stored += 1
        if self._changed_at is None or index < self._changed_at or self._failed or self.path is None:
            return  # still the old file's start (or nothing can be written)
        if self._out is None:
            self._start()
        if item.mtime_ns and self._out is not None:
            self._write(
                sorted_lines.line(
                    sorted_lines.key_field(item.key), str(item.size), str(item.mtime_ns), item.md5
                )
            )

    def finish(self) -> None:
        """The whole folder was looked up and stored: write the new cache if it differs."""
        if self.path is None:
            return
        if self._changed_at is None and (self._next is not None or not self._clean_end):
            self._change(self._looked)  # files gone after the last one, or a damaged end
        if self._changed_at is None or self._failed:
            self._discard()
            return
        if self._out is None:
            self._start()
        out, self._out = self._out, None
        self._drop_old()
        if out is None:
            return
        try:
            out.close()
            os.replace(out.name, self.path)
        except OSError:
            _unlink(out.name)
            return
        _unlink(self.path.with_name(LEGACY_CACHE_FILE))

    # The old file, read one entry ahead.

    def _read_next(self, consumed: bool = False) -> _Entry | None:
        if consumed:
            self._pos += self._next_len
        self._next, self._next_len = None, 0
        if self._old is None:
            return None
        try:
            raw = self._old.readline()
            if not raw:
                return None
            key, size, mtime, md5 = sorted_lines.fields(raw, 4)
            entry = (sorted_lines.parse_key(key), int(size), int(mtime), md5)
            if len(md5) != 32 or entry[1] < 0:
                raise ValueError("not an MD5")
        except (OSError, ValueError):
            self._clean_end = False  # damaged from here on: read no further
            self._drop_old()
            return None
        self._next, self._next_len = entry, len(raw)
        return entry

    def _change(self, index: int) -> None:
        if self._changed_at is None:
            self._changed_at, self._copy = index, self._pos

    # The new file, written from the first difference on.

    def _start(self) -> None:
        assert self.path is not None
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self._out = open(temp, "wb")  # closed by finish() or _discard()
            if self._copy:
                with open(self.path, "rb") as old:
                    left = self._copy
                    while left:
                        chunk = old.read(min(left, 1 << 20))
                        if not chunk:
                            raise OSError("the old cache shrank")
                        self._out.write(chunk)
                        left -= len(chunk)
            else:
                header = {"version": VERSION, "folder": self.folder}
                self._out.write(
                    json.dumps(header).encode() + b"\n"  # ASCII: a folder not in UTF-8 round-trips
                )
        except OSError:
            self._fail()

    def _write(self, data: bytes) -> None:
        assert self._out is not None
        try:
            self._out.write(data)
        except OSError:
            self._fail()

    def _fail(self) -> None:
        """A cache: failing to write it only costs time next run."""
        self._failed = True
        out, self._out = self._out, None
        if out is not None:
            try:
                out.close()
            except OSError:
                pass
            _unlink(out.name)

    def _discard(self) -> None:
        self._fail()
        self._drop_old()

    def _drop_old(self) -> None:
        old, self._old = self._old, None
        if old is not None:
            old.close()


def _unlink(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
