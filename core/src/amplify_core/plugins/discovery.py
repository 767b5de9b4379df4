"""The installed plugins' entry points, remembered between runs so start-up skips the scan.

``importlib.metadata`` answers the question, but every ``amplify`` run would pay for it:
importing it pulls in ``email``, ``zipfile``, ``csv`` and ``pathlib``, then it reads the
``entry_points.txt`` of every installed distribution and parses the ``METADATA`` of the
plugins' (~25 ms of a 100 ms ``amplify --help``). The answer changes only when a distribution
is installed, removed or edited, so it is kept in ``~/.cache/amplify/`` under a
fingerprint (stevedore caches entry points the same way), in ``marshal`` form: built in, so
free to import, and as trusted as the ``__pycache__`` files Python itself reads:

- the modification time of every folder on ``sys.path`` (installing or removing a
  distribution adds or removes a ``*.dist-info`` there) and of every ``*.dist-info`` /
  ``*.egg-info`` folder in it;
- those of the ``METADATA`` and ``entry_points.txt`` files the answer was read from.

A different fingerprint, or a cache that cannot be read, means one real scan, which
rewrites the cache; a cache that cannot be written is skipped. A fingerprint with a time
within :data:`RACY_S` of the scan is not stored: a file changed again within the file
system's clock tick could keep the same time (git's "racy" index entries), so only times
safely in the past are trusted.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
import zlib
from collections.abc import Iterable
from typing import Any, NamedTuple

from .requirements import CORE_DISTRIBUTION

#: Bump when the cache file's shape changes.
FORMAT = 1
#: Fingerprint times newer than this (seconds) at scan time are not trusted (see above).
RACY_S = 2.0


class Found(NamedTuple):
    """One entry point of an amplify group, with what the loader needs of its distribution.

    (Named tuples, not dataclasses: creating a dataclass costs ~0.5 ms of every start-up.)"""

    group: str
    name: str
    value: str
    distribution: str
    version: str
    requires: tuple[str, ...]

    def load(self) -> Any:
        """Import the object ``value`` names (``module`` or ``module:attr.attr``), as
        ``EntryPoint.load`` does."""
        from importlib import import_module

        module_name, _, attrs = self.value.partition(":")
        obj: Any = import_module(module_name.strip())
        for attr in filter(None, attrs.strip().split(".")):
            obj = getattr(obj, attr)
        return obj


class Snapshot(NamedTuple):
    """Every entry point of the requested groups, the core's version, and the metadata files
    they were read from (part of the fingerprint)."""

    found: tuple[Found, ...]
    core_version: str
    files: tuple[str, ...] = ()

    def select(self, group: str) -> list[Found]:
        return [f for f in self.found if f.group == group]


_memo: tuple[str, list[Any], Snapshot] | None = None


def snapshot(groups: Iterable[str]) -> Snapshot:
    """The entry points of ``groups`` installed now: remembered, or scanned (and remembered)."""
    global _memo
    wanted = sorted(set(groups))
    key = _key(wanted)
    if _memo is not None and _valid(_memo, key):  # this process's
        return _memo[2]
    cached = _read(key)  # then the file's
    if cached is not None and _valid(cached, key):
        _memo = cached
        return cached[2]
    fresh = _scan(wanted)
    prints = _fingerprint(fresh.files)
    _memo = (key, prints, fresh)
    _write(key, prints, fresh)
    return fresh


def _valid(remembered: tuple[str, list[Any], Snapshot], key: str) -> bool:
    return remembered[0] == key and remembered[1] == _fingerprint(remembered[2].files)


def plugin_snapshot() -> Snapshot:
    """The snapshot of every plugin kind's entry-point group."""
    from ..kinds import KINDS

    return snapshot(kind.group for kind in KINDS)


def core_version() -> str:
    """The installed version of the core (``amplify_core.__version__``)."""
    return plugin_snapshot().core_version


def _key(groups: list[str]) -> str:
    """What a snapshot is of: the interpreter, ``sys.path`` and the groups."""
    return "\0".join([sys.executable, sys.version, *groups, "", *(p or os.getcwd() for p in sys.path)])


def _cache_file(key: str) -> str:
    """One file per key (the key is stored inside too: a checksum is not unique), in the
    user's cache folder (``$XDG_CACHE_HOME``, else ``~/.cache``), not the amplify home: a
    command refused for bad input leaves that untouched."""
    folder = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(folder, "amplify", f"entry-points-{zlib.crc32(key.encode()):08x}.marshal")


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _fingerprint(files: Iterable[str]) -> list[Any]:
    """The times that change when anything a snapshot depends on changes: each ``sys.path``
    folder's, its ``*.dist-info`` / ``*.egg-info`` folders', and ``files``'."""
    prints: list[Any] = []
    for entry in sys.path:
        folder = entry or os.getcwd()
        prints.append([folder, _mtime(folder)])
        try:
            with os.scandir(folder) as listing:
                for item in listing:
                    if item.name.endswith((".dist-info", ".egg-info")):
                        prints.append([item.path, item.stat().st_mtime_ns])
        except OSError:  # a zip file, or gone
            continue
    prints.extend([file, _mtime(file)] for file in files)
    return prints


def _scan(groups: list[str]) -> Snapshot:
    """Ask ``importlib.metadata``: the entry points of ``groups``, each distribution's
    metadata parsed once (``.version``, ``.requires`` and ``.metadata`` parse it again each)."""
    from importlib.metadata import PackageNotFoundError, distribution, entry_points

    files: set[str] = set()
    about: dict[int, tuple[str, str, tuple[str, ...]]] = {}

    def describe(dist: Any) -> tuple[str, str, tuple[str, ...]]:
        if dist is None:
            return ("unknown", "unknown", ())
        if id(dist) not in about:
            meta = dist.metadata
            requires = meta.get_all("Requires-Dist")
            about[id(dist)] = (
                meta["Name"],
                meta["Version"],
                tuple(requires if requires is not None else dist.requires or []),
            )
            files.update(_metadata_files(dist))
        return about[id(dist)]

    installed = entry_points()  # one scan of the installed distributions for all groups
    found = []
    for group in groups:
        for ep in installed.select(group=group):
            name, version, requires = describe(ep.dist)
            found.append(Found(group, ep.name, ep.value, name, version, requires))
    try:
        core = distribution(CORE_DISTRIBUTION)
        core_version = core.version
        files.update(_metadata_files(core))
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        core_version = "0.0.0"
    return Snapshot(tuple(found), core_version, tuple(sorted(files)))


def _metadata_files(dist: Any) -> list[str]:
    """The files a distribution's name, version, requirements and entry points come from."""
    folder = getattr(dist, "_path", None)  # PathDistribution's *.dist-info folder
    if folder is None:
        return []
    return [os.path.join(str(folder), name) for name in ("METADATA", "PKG-INFO", "entry_points.txt")]


def _read(key: str) -> tuple[str, list[Any], Snapshot] | None:
    try:
        with open(_cache_file(key), "rb") as handle:
            data = marshal.load(handle)
        if data["format"] != FORMAT or data["key"] != key:
            return None
        found = tuple(
            Found(group, name, value, dist, version, tuple(requires))
            for group, name, value, dist, version, requires in data["found"]
        )
        return (key, data["fingerprint"], Snapshot(found, data["core_version"], tuple(data["files"])))
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError):
        return None


def _write(key: str, prints: list[Any], found: Snapshot) -> None:
    """Keep the snapshot, unless a time in its fingerprint is too recent to trust."""
    if max((t for _, t in prints if t is not None), default=0) > (time.time() - RACY_S) * 1e9:
        return
    data = {
        "format": FORMAT,
        "key": key,
        "fingerprint": prints,
        "core_version": found.core_version,
        "files": list(found.files),
        "found": [
            [f.group, f.name, f.value, f.distribution, f.version, list(f.requires)] for f in found.found
        ],
    }
    path = _cache_file(key)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as handle:
            marshal.dump(data, handle)
        os.replace(temporary, path)
    except OSError:  # a read-only home: scan every time
        with contextlib.suppress(OSError):
            os.unlink(temporary)
