"""Three-way merge of ``team-provider-info.json`` for the git merge driver (pure).

Teammates add environments on their own branches; git's line merge sees two blocks inserted
next to each other in a sorted file and calls it a conflict. Here the file is merged as data:
key by key, down to the leaves, each side's change is taken when the other side left that key
alone. Only a key that both sides changed differently (or one changed and the other deleted)
is a conflict, reported by its path (``test.awscloudformation.Region``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: A key absent on one side.
MISSING: Any = object()


@dataclass
class MergeResult:
    merged: Any
    conflicts: list[str] = field(default_factory=list)


def merge_values(base: Any, ours: Any, theirs: Any, path: str = "") -> MergeResult:
    """``ours`` and ``theirs`` merged against their common ancestor ``base``.

    A value :data:`MISSING` means the key does not exist on that side; a merged value
    :data:`MISSING` means the key is deleted.
    """
    if ours == theirs:
        return MergeResult(ours)
    if ours == base:
        return MergeResult(theirs)
    if theirs == base:
        return MergeResult(ours)
    if isinstance(ours, dict) and isinstance(theirs, dict):
        base_dict = base if isinstance(base, dict) else {}
        merged: dict[str, Any] = {}
        conflicts: list[str] = []
        for key in sorted(set(ours) | set(theirs) | set(base_dict)):
            child = merge_values(
                base_dict.get(key, MISSING),
                ours.get(key, MISSING),
                theirs.get(key, MISSING),
                f"{path}.{key}" if path else key,
            )
            conflicts.extend(child.conflicts)
            if child.merged is not MISSING:
                merged[key] = child.merged
        return MergeResult(merged, conflicts)
    return MergeResult(ours, [path or "(the whole file)"])


def merge_documents(base: Any, ours: Any, theirs: Any) -> MergeResult:
    """The three versions of the file, parsed; an empty ancestor (a file both branches
    created) counts as ``{}``."""
    return merge_values({} if base is None else base, ours, theirs)
