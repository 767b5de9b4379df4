"""Build and package a function: ``src/`` plus its dependencies, as one deterministic zip.

* Node.js: ``src/package.json`` dependencies with ``npm ci`` when a ``package-lock.json`` is
  there (exactly the locked versions), ``npm install`` otherwise; dev dependencies left out.
* Python: ``src/requirements.txt`` with ``pip install --target`` (no ``.pyc`` files).

The build runs in a copy of ``src`` under ``dist/`` (never in your folder). The zip lists files
in sorted order with fixed timestamps and permissions, so the same source gives the same bytes
and the same SHA-256; its key in the deployment bucket (``amplify-builds/<name>-<hash>-build.zip``)
carries the hash, so an unchanged function is not uploaded again. ``dist/latest-build.json``
records which source the zip was built from: an unchanged ``src`` is not rebuilt either.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from amplify_core.plugin import OperationError, UsageError, folder_digest, local_lambda, write_json

#: Bumped when the recipe changes, so older builds are not reused.
RECIPE = "amplify-function-package/1"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
SKIPPED_DIRS = {"__pycache__", ".git"}


@dataclass(frozen=True)
class Package:
    zip_path: Path
    sha256: str
    code_dir: Path  # the built tree (src + dependencies), what mock runs

    def key(self, name: str) -> str:
        return f"amplify-builds/{name}-{self.sha256[:20]}-build.zip"


def source_digest(src: Path, runtime: str) -> str:
    return hashlib.sha256(f"{RECIPE}\n{runtime}\n{folder_digest(src)}".encode()).hexdigest()


def package(folder: Path, runtime: str, *, force: bool = False, out=print) -> Package:
    """Build ``folder/src`` for ``runtime`` into ``folder/dist`` (reused when ``src`` is unchanged).

    :raises UsageError: no ``src`` folder. :raises OperationError: the dependency install failed.
    """
    src = folder / "src"
    if not src.is_dir():
        raise UsageError(f"{folder.name}: the function has no src/ folder to package.")
    family = local_lambda.runtime_family(runtime)
    dist = folder / "dist"
    record_path, zip_path, code_dir = dist / "latest-build.json", dist / "latest-build.zip", dist / "build"
    digest = source_digest(src, runtime)
    if not force and record_path.exists() and zip_path.exists() and code_dir.is_dir():
        record = json.loads(record_path.read_text(encoding="utf-8"))
        if record.get("source") == digest and record.get("sha256") == _sha(zip_path):
            return Package(zip_path, record["sha256"], code_dir)
    out(f"Building function {folder.name} ({runtime}) …")
    staging = dist / ".build.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(src, staging, ignore=shutil.ignore_patterns("node_modules", "__pycache__", ".*"))
        if family == "node":
            _npm(staging)
        else:
            _pip(staging)
    except BaseException:  # a failed (or interrupted) build leaves the previous one as it was
        shutil.rmtree(staging, ignore_errors=True)
        if not any(dist.iterdir()):
            dist.rmdir()
        raise
    shutil.rmtree(code_dir, ignore_errors=True)
    os.replace(staging, code_dir)
    write_zip(code_dir, zip_path)
    sha = _sha(zip_path)
    write_json(record_path, {"source": digest, "sha256": sha, "runtime": runtime})
    return Package(zip_path, sha, code_dir)


def _run(args: list[str], cwd: Path, what: str) -> None:
    try:
        proc = subprocess.run(args, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    except FileNotFoundError:
        raise OperationError(f"{what} needs `{args[0]}`, which is not on PATH.") from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise OperationError(f"{what} failed ({' '.join(args[:3])} exited {proc.returncode}):\n{tail}")


def _npm(staging: Path) -> None:
    manifest = staging / "package.json"
    if not manifest.exists():
        return
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if not data.get("dependencies"):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise OperationError(
            "Installing the function's package.json dependencies needs npm, which is not on PATH."
        )
    verb = ["ci"] if (staging / "package-lock.json").exists() else ["install"]
    _run(
        [npm, *verb, "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"],
        staging,
        "Installing the function's Node.js dependencies",
    )


def _pip(staging: Path) -> None:
    requirements = staging / "requirements.txt"
    if not requirements.exists():
        if (staging / "Pipfile").exists():
            raise UsageError(
                f"{staging.parent.parent.name}: src/Pipfile is not packaged (it needs pipenv); "
                "list the dependencies in src/requirements.txt instead."
            )
        return
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-compile",
            "--no-input",
            "-r",
            str(requirements),
            "--target",
            str(staging),
        ],
        staging,
        "Installing the function's Python requirements",
    )


def write_zip(tree: Path, target: Path) -> None:
    """Zip ``tree`` deterministically: sorted paths, fixed time, 0644/0755 modes, no directories."""
    files: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_file() and not name.endswith(".pyc"):
                files.append((path.relative_to(tree).as_posix(), path))
    files.sort()
    tmp = target.with_name(target.name + ".tmp")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative, path in files:
            info = zipfile.ZipInfo(relative, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            mode = 0o755 if os.access(path, os.X_OK) else 0o644
            info.external_attr = (0o100000 | mode) << 16
            archive.writestr(info, path.read_bytes(), compresslevel=6)
    os.replace(tmp, target)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
