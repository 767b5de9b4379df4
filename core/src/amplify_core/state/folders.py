"""Replacing a folder as a whole (the one folder swap).

``#current-cloud-backend/``, a resource's copy in it and the local ``backend/`` of
``--restore`` are never edited in place: the new content is built beside the folder and
swapped in with two renames, so an interrupted command leaves the old folder or the new
one, never a mix.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

Ignore = Callable[[Any, list[str]], Any]


def replace_folder(
    target: Path,
    staged: Path,
    *,
    ignore: Ignore | None = None,
    complete: Callable[[Path], None] | None = None,
) -> None:
    """Make ``target`` a copy of ``staged`` (an empty folder where ``staged`` is missing).

    :param ignore: a ``shutil.copytree`` ignore function.
    :param complete: called with the copied folder before the swap, to add what it lacks.
    """
    incoming = target.with_name(f".{target.name}.{os.getpid()}.new")
    outgoing = target.with_name(f".{target.name}.{os.getpid()}.old")
    for leftover in (incoming, outgoing):
        if leftover.exists():
            shutil.rmtree(leftover)
    if staged.is_dir():
        shutil.copytree(staged, incoming, ignore=ignore)
    else:
        incoming.mkdir(parents=True)
    if complete is not None:
        complete(incoming)
    if target.exists():
        os.replace(target, outgoing)
    os.replace(incoming, target)
    if outgoing.exists():
        shutil.rmtree(outgoing)
