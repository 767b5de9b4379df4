"""Content hashes of resources: the fingerprint recorded as ``lastPushDirHash`` after a push.

A resource's hash covers every file of its folder (``amplify/backend/<category>/<resource>``)
except build output, plus its ``backend-config.json`` entry. It depends on content and
relative paths only — never on timestamps or absolute paths — so two clones of one
repository compute the same hash, and reverting an edit reverts the hash.

Excluded, as in the Gen 1 CLI (``getHashForResourceDir``): folders named ``node_modules``,
``test_coverage``, ``dist``, ``build``, and any file or folder whose name starts with a dot
(editor swap files, ``.DS_Store``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

#: Bumped whenever the recipe changes, so old hashes never match new ones by accident.
HASH_VERSION = "amplify-resource-hash/1"

EXCLUDED_DIRS = frozenset({"node_modules", "test_coverage", "dist", "build"})


def _skip(name: str) -> bool:
    return name.startswith(".")


def folder_files(folder: Path) -> list[tuple[str, str]]:
    """``(relative posix path, path)`` of every hashed file under ``folder``, sorted.

    Plain strings, not :class:`~pathlib.Path` objects: ``status`` walks every resource folder
    on each run, and path objects cost more than the walk."""
    top = os.fspath(folder)
    found: list[tuple[str, str]] = []
    if not os.path.isdir(top):
        return found
    cut = len(top.rstrip(os.sep)) + 1
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = [d for d in dirnames if d not in EXCLUDED_DIRS and not _skip(d)]
        prefix = dirpath[cut:].replace(os.sep, "/")
        for name in filenames:
            if not _skip(name):
                found.append((f"{prefix}/{name}" if prefix else name, os.path.join(dirpath, name)))
    found.sort()
    return found


def folder_digest(folder: Path) -> str:
    """SHA-256 over the relative paths and contents of the folder's hashed files."""
    digest = hashlib.sha256()
    for relative, path in folder_files(folder):
        digest.update(relative.encode("utf-8"))
        digest.update(b"\0")
        with open(path, "rb") as handle:
            digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()


def canonical_json(data: Any) -> str:
    """The one text used to hash JSON values: sorted keys, no whitespace."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def resource_hash(folder: Path, entry: dict[str, Any] | None) -> str:
    """The fingerprint of one resource: its folder plus its ``backend-config.json`` entry."""
    digest = hashlib.sha256()
    digest.update(HASH_VERSION.encode())
    digest.update(b"\n")
    digest.update(folder_digest(folder).encode())
    digest.update(b"\n")
    digest.update(canonical_json(entry or {}).encode("utf-8"))
    return digest.hexdigest()


def json_hash(data: Any) -> str:
    """SHA-256 of a JSON value's canonical text (templates, tags)."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()
