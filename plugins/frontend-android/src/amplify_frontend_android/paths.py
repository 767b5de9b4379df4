"""Where a setting's folder is: project-config.json paths are always relative to the project."""

from __future__ import annotations

from pathlib import Path


def in_project(project_dir: Path, relative: str) -> Path:
    """``relative`` joined to ``project_dir`` the way Gen 1's ``path.join`` did.

    A leading slash does not make the path absolute, so a hand-written ``"/app/src/main/res"``
    still means the project's own folder.
    """
    return Path(project_dir) / str(relative).lstrip("/\\")
