"""MD5s of the distribution folder's files, remembered between publishes by size and mtime.

A rebuild rewrites its files (new modification times), so the cache helps when the folder did
not change — the no-change republish — and costs one small JSON read otherwise. It is local
and git-ignored (``amplify/.config/local-publish-hashes.json``), and keyed by the folder, so
two distribution folders never mix.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from amplify_core.plugin import read_json, write_json

from .scan import LocalFile

CACHE_FILE = "local-publish-hashes.json"
VERSION = 1


class HashCache:
    def __init__(self, path: Path | None, dist_dir: Path):
        self.path = path
        self.folder = str(Path(dist_dir).resolve())
        self.entries: dict[str, list] = {}
        self.dirty = False
        if path is not None:
            data = read_json(path, default={}) if path.exists() else {}
            if (
                isinstance(data, dict)
                and data.get("version") == VERSION
                and data.get("folder") == self.folder
            ):
                entries = data.get("files")
                self.entries = entries if isinstance(entries, dict) else {}

    def lookup(self, item: LocalFile) -> str | None:
        entry = self.entries.get(item.key)
        if not entry or len(entry) != 3:
            return None
        size, mtime, md5 = entry
        if size != item.size or mtime != item.mtime_ns or not item.mtime_ns:
            return None
        return md5

    def update(self, files: Sequence[LocalFile]) -> None:
        kept = [item for item in files if item.mtime_ns]
        entries = self.entries
        if len(kept) == len(entries) and all(
            entries.get(item.key) == [item.size, item.mtime_ns, item.md5] for item in kept
        ):
            return  # unchanged: no second copy of a large cache
        fresh = {item.key: [item.size, item.mtime_ns, item.md5] for item in kept}
        if fresh != self.entries:
            self.entries = fresh
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        try:
            write_json(self.path, {"version": VERSION, "folder": self.folder, "files": self.entries})
        except OSError:
            pass  # a cache: failing to write it only costs time next run
        self.dirty = False
