"""The local side: every file of the distribution folder, with its object key and MD5.

Ignore patterns have gitignore semantics (``pathspec``), relative to the distribution
folder: ``*.map`` matches at any depth, ``/drafts`` only at the top, ``docs/`` a folder.
A matching folder is not descended into. Symbolic links are followed when they stay inside
the folder; one that points outside it is an error, so a stray link can never publish
``~/.aws`` or the project's source.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from amplify_core.errors import OperationError

HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class LocalFile:
    """A file to publish: ``key`` is its ``/``-separated path relative to the folder."""

    key: str
    path: str
    size: int
    md5: str = ""
    mtime_ns: int = 0


def ignore_spec(patterns: Iterable[str]) -> Any:
    """A ``pathspec.GitIgnoreSpec`` for ``patterns`` (comments and blanks dropped), or None."""
    lines = [p.strip() for p in patterns]
    lines = [p for p in lines if p and not p.startswith("#")]
    if not lines:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def scan(dist_dir: Path, ignore: Sequence[str] = ()) -> list[LocalFile]:
    """Every file to publish, sorted by key (MD5 not yet computed).

    :raises OperationError: the folder is missing or empty, or a link points outside it.
    """
    root = Path(dist_dir)
    if not root.is_dir():
        raise OperationError(
            f"Cannot find the distribution folder. Expected it at {root}",
            hint="Check DistributionDir with `amplify configure project`, and that the build writes there.",
        )
    real_root = os.path.realpath(root)
    spec = ignore_spec(ignore)
    files: list[LocalFile] = []
    stack: list[tuple[str, str, frozenset[str]]] = [(str(root), "", frozenset({real_root}))]
    while stack:
        folder, prefix, ancestors = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                key = prefix + entry.name
                is_dir = entry.is_dir()  # follows links; a link's target is checked below
                if spec is not None and spec.match_file(key + "/" if is_dir else key):
                    continue
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if target != real_root and not target.startswith(real_root + os.sep):
                        raise OperationError(
                            f"{key} is a symbolic link to {target}, outside the distribution "
                            f"folder {root}; nothing was uploaded.",
                            hint="Copy the file into the folder instead, or add the link to the publish ignore patterns.",
                        )
                if is_dir:
                    real = os.path.realpath(entry.path)
                    if real in ancestors:
                        continue  # a link back up the tree: listing it would never end
                    stack.append((entry.path, key + "/", ancestors | {real}))
                elif entry.is_file():
                    stat = entry.stat()
                    files.append(LocalFile(key, entry.path, stat.st_size, mtime_ns=stat.st_mtime_ns))
    if not files:
        raise OperationError(
            f"The distribution folder is empty: {root}" + (" (after ignore patterns)" if ignore else ""),
            hint="Build the app first (amplify publish runs the frontend's build command).",
        )
    files.sort(key=lambda f: f.key)
    return files


def file_md5(path: str) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def with_md5(files: Sequence[LocalFile], pool: ThreadPoolExecutor | None = None) -> list[LocalFile]:
    """``files`` with their MD5 (hashlib releases the GIL, so a pool helps on big files)."""
    if pool is None:
        return [replace(f, md5=file_md5(f.path)) for f in files]
    digests = pool.map(file_md5, [f.path for f in files])
    return [replace(f, md5=d) for f, d in zip(files, digests, strict=True)]


def multipart_etag(path: str, part_size: int) -> str:
    """The ETag S3 gives an object uploaded in parts of ``part_size``: md5 of the parts' md5s."""
    digests = []
    with open(path, "rb") as handle:
        while chunk := handle.read(part_size):
            digests.append(hashlib.md5(chunk, usedforsecurity=False).digest())
    return f"{hashlib.md5(b''.join(digests), usedforsecurity=False).hexdigest()}-{len(digests)}"
