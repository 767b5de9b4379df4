"""What ``amplify plugin verify`` checks: a plugin's distribution, read from a folder's
``pyproject.toml`` or from installed metadata (no import of the plugin)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .report import Report


@dataclass
class EntryPointSpec:
    group: str
    name: str
    value: str

    @property
    def label(self) -> str:
        return f"{self.group}:{self.name}"


@dataclass
class Target:
    """What to verify, read from a ``pyproject.toml`` or from installed metadata."""

    distribution: str
    version: str
    requires: list[str]
    entry_points: list[EntryPointSpec]
    where: str
    import_root: str | None = None


def target_from_folder(folder: Path) -> Target | Report:
    """The target described by ``folder/pyproject.toml``; a failed Report if there is none."""
    import tomllib

    folder = Path(folder).resolve()
    where = f"folder {folder}"
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return Report(
            folder.name,
            "?",
            where,
            problems=[
                "no pyproject.toml: a plugin is a Python package with PEP 621 metadata "
                "(or pass the name of an installed distribution)"
            ],
        )
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return Report(folder.name, "?", where, problems=[f"pyproject.toml is not valid TOML: {exc}"])
    project = data.get("project")
    if not isinstance(project, dict) or not project.get("name"):
        return Report(folder.name, "?", where, problems=["pyproject.toml has no [project] table with a name"])
    version = project.get("version") or ("dynamic" if "version" in project.get("dynamic", []) else "?")
    eps = [
        EntryPointSpec(group, name, str(value))
        for group, table in (project.get("entry-points") or {}).items()
        if isinstance(table, dict)
        for name, value in table.items()
    ]
    src = folder / "src"
    return Target(
        distribution=str(project["name"]),
        version=str(version),
        requires=[str(r) for r in project.get("dependencies") or []],
        entry_points=eps,
        where=where,
        import_root=str(src if src.is_dir() else folder),
    )


def target_from_distribution(name: str) -> Target | None:
    """The installed distribution ``name``, or ``None`` if it is not installed."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution(name)
    except PackageNotFoundError:
        return None
    return Target(
        distribution=dist.metadata["Name"],
        version=dist.version,
        requires=list(dist.requires or []),
        entry_points=[EntryPointSpec(ep.group, ep.name, ep.value) for ep in dist.entry_points],
        where="installed",
    )
