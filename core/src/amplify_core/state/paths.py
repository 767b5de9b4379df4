"""Where each project file lives, and how the project root is found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

AMPLIFY_DIR = "amplify"
CURRENT_CLOUD_BACKEND = "#current-cloud-backend"


@dataclass(frozen=True)
class ProjectPaths:
    """Paths of the Gen 1 layout under a project root."""

    root: Path

    @property
    def amplify(self) -> Path:
        return self.root / AMPLIFY_DIR

    @property
    def dot_config(self) -> Path:
        return self.amplify / ".config"

    @property
    def project_config(self) -> Path:
        return self.dot_config / "project-config.json"

    @property
    def local_env_info(self) -> Path:
        return self.dot_config / "local-env-info.json"

    @property
    def local_aws_info(self) -> Path:
        return self.dot_config / "local-aws-info.json"

    @property
    def team_provider_info(self) -> Path:
        return self.amplify / "team-provider-info.json"

    @property
    def backend(self) -> Path:
        return self.amplify / "backend"

    @property
    def backend_config(self) -> Path:
        return self.backend / "backend-config.json"

    @property
    def amplify_meta(self) -> Path:
        return self.backend / "amplify-meta.json"

    @property
    def current_cloud_backend(self) -> Path:
        return self.amplify / CURRENT_CLOUD_BACKEND

    @property
    def current_backend_config(self) -> Path:
        return self.current_cloud_backend / "backend-config.json"

    @property
    def current_amplify_meta(self) -> Path:
        return self.current_cloud_backend / "amplify-meta.json"

    def resource_dir(self, category: str, resource: str, *, current: bool = False) -> Path:
        base = self.current_cloud_backend if current else self.backend
        return base / category / resource


def is_project_root(folder: Path) -> bool:
    """Gen 1's test: ``amplify/.config`` plus a project config or both backend folders."""
    paths = ProjectPaths(folder)
    if not paths.dot_config.is_dir():
        return False
    return paths.project_config.is_file() or (paths.backend.is_dir() and paths.current_cloud_backend.is_dir())


def require_project_root(start: Path) -> Path:
    """:func:`find_project_root`, or a ProjectError (exit 2) naming where it looked."""
    root = find_project_root(start)
    if root is None:
        from ..errors import ProjectError

        raise ProjectError(
            f"No Amplify project found in {Path(start).resolve()} or any parent folder.",
            hint='Run "amplify init" to initialise a new project.',
        )
    return root


def find_project_root(start: Path) -> Path | None:
    """Walk up from ``start`` (not from any stored ``projectPath``) to the project root."""
    folder = Path(start).resolve()
    for candidate in (folder, *folder.parents):
        if is_project_root(candidate):
            return candidate
    return None


def in_project(project_dir: Path, relative: str) -> Path:
    """A ``project-config.json`` path joined to the project the way Gen 1's ``path.join`` did:
    a leading slash does not make it absolute, so ``"/app/src/main/res"`` stays in the project."""
    return Path(project_dir) / str(relative).lstrip("/\\")


def path_in_project(
    project_dir: Path, value: str | Path, *, key: str, source: str = "project-config.json"
) -> Path:
    """``value`` joined to the project (as :func:`in_project` does for a string; a ``Path``
    that is already absolute is taken as it is), refused when it resolves outside it.

    A cloned repository's ``project-config.json`` and a headless parameter are untrusted: a
    ``..`` or a symlink (anywhere along the path) must not make a plugin write, build or
    publish outside the project folder. The refusal is a UsageError (exit 2) naming ``key``
    and where it came from, raised before anything is written.

    :param key: the setting's name as the user knows it (``DistributionDir``).
    :param source: where the value came from (``project-config.json``, ``--frontend``).
    """
    root = Path(project_dir).resolve()
    path = value if isinstance(value, Path) and value.is_absolute() else in_project(root, str(value))
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        from ..errors import UsageError

        raise UsageError(f"{key} {str(value)!r} (in {source}) cannot be resolved: {exc}.") from None
    if resolved == root or resolved.is_relative_to(root):
        return path
    from ..errors import UsageError

    raise UsageError(
        f"{key} {str(value)!r} (in {source}) points outside the project: it resolves to "
        f"{resolved}, which is not inside {root}.",
        hint=f"Use a folder inside the project for {key} (amplify configure project), "
        "and check for symlinks that lead out of it.",
    )


def remove_existing(paths: list[Path]) -> list[Path]:
    """Delete each path that exists; return the ones deleted (every frontend's clean-up)."""
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed
