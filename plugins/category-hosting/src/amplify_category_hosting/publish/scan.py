"""The local side: every file of the distribution folder, with its object key and MD5.

Ignore patterns have gitignore semantics (``pathspec``), relative to the distribution
folder: ``*.map`` matches at any depth, ``/drafts`` only at the top, ``docs/`` a folder.
A matching folder is not descended into. Symbolic links are followed when they stay inside
the folder; one that points outside it is an error, so a stray link can never publish
``~/.aws`` or the project's source.

Before the user's patterns come :data:`DEFAULT_IGNORE`: files a build folder may hold that no
site needs and that leak secrets or history (``.env`` files, version-control folders, the
desktop's metadata files). The user's patterns are read after them, so a negated rule such as
``!.env.public`` publishes one anyway. ``.well-known/`` is not among them. Every skipped path
is reported with the rule that skipped it (``amplify publish --dry-run`` lists them).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from amplify_core.plugin import OperationError

HASH_CHUNK = 1 << 20

#: Never published unless a user rule re-includes them (gitignore syntax; no trailing ``/`` on
#: the version-control names, so a submodule's ``.git`` file is skipped like the folder).
DEFAULT_IGNORE: tuple[str, ...] = (".env", ".env.*", ".git", ".svn", ".hg", ".DS_Store", "Thumbs.db")


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A file to publish: ``key`` is its ``/``-separated path relative to the folder (slots:
    a folder of 100,000 files holds as many of these)."""

    key: str
    path: str
    size: int
    md5: str = ""
    mtime_ns: int = 0


@dataclass(frozen=True)
class Skipped:
    """A path not published: ``key`` (a folder's ends in ``/``) and the ``rule`` that matched;
    ``default`` when the rule is one of :data:`DEFAULT_IGNORE`."""

    key: str
    rule: str
    default: bool


@dataclass(frozen=True)
class Listing:
    files: list[LocalFile]
    skipped: list[Skipped]

    def keys(self) -> set[str]:
        return {f.key for f in self.files}


class _Rules:
    """:data:`DEFAULT_IGNORE` then the user's patterns, as one gitignore spec (last match wins)."""

    def __init__(self, patterns: Iterable[str]):
        import pathspec

        user = [p.strip() for p in patterns]
        self.lines = list(DEFAULT_IGNORE) + [p for p in user if p and not p.startswith("#")]
        self.spec = pathspec.GitIgnoreSpec.from_lines(self.lines)
        self._any = _any_pattern(self.spec)

    def skipping(self, path: str) -> Skipped | None:
        """The reason ``path`` is not published, or None when it is."""
        if self._any is not None and self._any.search(path) is None:
            return None  # no pattern matches it at all: the common case, in one regex search
        result = self.spec.check_file(path)
        if not result.include or result.index is None:
            return None
        return Skipped(path, self.lines[result.index], result.index < len(DEFAULT_IGNORE))


def _any_pattern(spec: object) -> re.Pattern[str] | None:
    """One regex matching wherever any of ``spec``'s patterns matches (pathspec tries them one
    by one in Python, several microseconds a file); ``None`` if they cannot be combined."""
    sources = []
    for pattern in getattr(spec, "patterns", ()):
        regex = getattr(pattern, "regex", None)
        if pattern.include is None:
            continue  # a blank or comment line
        if not isinstance(regex, re.Pattern) or not isinstance(regex.pattern, str):
            return None
        sources.append(re.sub(r"\(\?P<\w+>", "(?:", regex.pattern))  # named groups would clash
    try:
        return re.compile("|".join(f"(?:{source})" for source in sources)) if sources else None
    except re.error:
        return None


def walk(
    dist_dir: Path, ignore: Sequence[str] = (), skipped: list[Skipped] | None = None
) -> Iterator[LocalFile]:
    """Every file to publish, one at a time in key order (:mod:`.sorted_lines`), MD5 not yet
    computed; what is skipped is appended to ``skipped``. Memory is bounded by the largest
    folder, not by the number of files: each folder's entries are sorted as it is entered
    (a folder ``a`` sorts as ``a/``, so its files come after ``a-b`` and ``a.txt``).

    :raises OperationError: the folder is missing, or a link points outside it.
    """
    root = Path(dist_dir)
    if not root.is_dir():
        raise OperationError(
            f"Cannot find the distribution folder. Expected it at {root}",
            hint="Check DistributionDir with `amplify configure project`, and that the build writes there.",
        )
    real_root = os.path.realpath(root)
    rules = _Rules(ignore)
    stack = [(_sorted_entries(str(root)), "", frozenset({real_root}))]
    while stack:
        entries, prefix, ancestors = stack[-1]
        for name, entry in entries:
            key = prefix + entry.name
            is_dir = name[-1] == "/"  # a name never holds "/": only a folder's sort name ends so
            reason = rules.skipping(prefix + name)
            if reason is not None:
                if skipped is not None:
                    skipped.append(reason)
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
                stack.append((_sorted_entries(entry.path), key + "/", ancestors | {real}))
                break  # into the folder; this one's iterator resumes after it
            if entry.is_file():
                stat = entry.stat()
                yield LocalFile(key, entry.path, stat.st_size, mtime_ns=stat.st_mtime_ns)
        else:
            stack.pop()


def _sorted_entries(folder: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """``folder``'s entries by sort name: the name, with ``/`` after a folder's."""
    with os.scandir(folder) as entries:
        named = [(entry.name + "/" if entry.is_dir() else entry.name, entry) for entry in entries]
    named.sort(key=_first)
    return iter(named)


def _first(pair: tuple[str, object]) -> str:
    return pair[0]


def scan(dist_dir: Path, ignore: Sequence[str] = ()) -> Listing:
    """Every file to publish, sorted by key (MD5 not yet computed), and what was skipped
    (also in key order).

    :raises OperationError: the folder is missing or empty, or a link points outside it.
    """
    skipped: list[Skipped] = []
    files = list(walk(dist_dir, ignore, skipped))
    if not files:
        raise OperationError(
            f"The distribution folder is empty: {dist_dir}" + (" (after ignore patterns)" if skipped else ""),
            hint="Build the app first (amplify publish runs the frontend's build command).",
        )
    return Listing(files, skipped)


def require_index(listing: Listing, dist_dir: Path, index_document: str | None) -> None:
    """Refuse a folder without the site's index document (a build that went elsewhere, or
    the wrong folder): every visitor would get an error page.

    :raises OperationError: naming the file and the folder.
    """
    if not index_document or index_document in listing.keys():
        return
    skipped = next((s for s in listing.skipped if s.key == index_document), None)
    why = f" (the ignore rule {skipped.rule!r} skips it)" if skipped else ""
    raise OperationError(
        f"The distribution folder {dist_dir} has no {index_document}, the site's index "
        f"document{why}; nothing was uploaded.",
        hint=f"Check that the build writes {index_document} there, or publish without it: "
        "`amplify publish --allow-missing-index`.",
    )


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
