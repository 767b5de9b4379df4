"""The git merge driver for ``team-provider-info.json``: registering it in a clone, and the
driver itself (``amplify merge-driver merge %O %A %B %P``, run by git).

Registration has two halves, as git wants: ``.gitattributes`` (committed, so every clone
routes the file to the driver) names the driver, and the clone's ``.git/config`` (never
committed) says which command runs it. ``init``, ``env add``, ``env checkout`` / ``env pull``
and ``pull`` register it; ``amplify merge-driver install`` does it by hand (a clone that has
not run any of those yet). A clone without the config half merges the file as plain text,
as before — the attribute alone never breaks a merge.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from .jsonfile import dumps, write_text_atomic
from .tpi_merge import merge_documents

DRIVER = "amplify-team-provider-info"
ATTRIBUTE_LINE = f"amplify/team-provider-info.json merge={DRIVER}"
DESCRIPTION = "amplify team-provider-info.json (environments merged by name)"
GIT_TIMEOUT = 20


def ensure_gitattributes(project_dir: Path) -> bool:
    """Add the attribute line to ``<project>/.gitattributes``; True if the file changed."""
    path = Path(project_dir) / ".gitattributes"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if any(line.split() == ATTRIBUTE_LINE.split() for line in current.splitlines()):
        return False
    prefix = current if not current or current.endswith("\n") else current + "\n"
    write_text_atomic(path, prefix + ATTRIBUTE_LINE + "\n")
    return True


def driver_command() -> str:
    """The shell command git runs: this ``amplify`` (absolute, so it need not be on PATH)."""
    program = Path(sys.argv[0])
    if program.name != "amplify" or not program.exists():
        found = shutil.which("amplify")
        program = Path(found) if found else program
    return f"{shlex.quote(str(program.resolve()))} merge-driver merge %O %A %B %P"


def _git(project_dir: Path, *args: str) -> subprocess.CompletedProcess | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        return subprocess.run(
            [git, *args],
            cwd=project_dir,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def in_git_work_tree(project_dir: Path) -> bool:
    result = _git(project_dir, "rev-parse", "--is-inside-work-tree")
    return result is not None and result.returncode == 0 and result.stdout.strip() == "true"


def configure_clone(project_dir: Path) -> bool:
    """Set the driver in the clone's git config; False when there is no git work tree."""
    if not in_git_work_tree(project_dir):
        return False
    command = driver_command()
    current = _git(project_dir, "config", "--local", "--get", f"merge.{DRIVER}.driver")
    if current is not None and current.returncode == 0 and current.stdout.strip() == command:
        return True
    for key, value in (("name", DESCRIPTION), ("driver", command)):
        result = _git(project_dir, "config", "--local", f"merge.{DRIVER}.{key}", value)
        if result is None or result.returncode != 0:
            return False
    return True


def register(project_dir: Path) -> None:
    """Both halves, quietly: a project outside git gets the attribute now and the config the
    next time one of the registering commands runs in a clone."""
    ensure_gitattributes(project_dir)
    configure_clone(project_dir)


# -- the driver ---------------------------------------------------------------------------


def _load(path: Path) -> object:
    text = Path(path).read_text(encoding="utf-8")
    return json.loads(text) if text.strip() else None


def run_driver(base: Path, ours: Path, theirs: Path, name: str, *, err=None) -> int:
    """Merge ``theirs`` into ``ours`` (git's ``%A``, which receives the result) against
    ``base``; 0 when clean, 1 after leaving git's usual conflict markers in ``ours``."""
    err = err or sys.stderr
    try:
        merged = merge_documents(_load(base), _load(ours), _load(theirs))
    except (OSError, ValueError) as exc:
        print(f"amplify: {name} is not valid JSON on one side ({exc}); merging it as text.", file=err)
        return _text_merge(base, ours, theirs)
    if merged.conflicts:
        print(f"amplify: {name}: both sides changed " + ", ".join(merged.conflicts) + ".", file=err)
        return _text_merge(base, ours, theirs)
    write_text_atomic(Path(ours), dumps(merged.merged, sort_keys=True))
    return 0


def _text_merge(base: Path, ours: Path, theirs: Path) -> int:
    """git's own line merge, conflict markers and all (what happens without the driver)."""
    result = _git(
        Path(ours).resolve().parent,
        "merge-file",
        "-L",
        "ours",
        "-L",
        "base",
        "-L",
        "theirs",
        str(ours),
        str(base),
        str(theirs),
    )
    return 1 if result is None or result.returncode != 0 else 0
