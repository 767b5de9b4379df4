"""The block of ``.gitignore`` lines the project owns, replaced in place, never duplicated."""

from __future__ import annotations

from pathlib import Path

from .jsonfile import write_text_atomic

BEGIN = "#amplify-do-not-edit-begin"
END = "#amplify-do-not-edit-end"

IGNORED = (
    "amplify/\\#current-cloud-backend",
    "amplify/.config/local-*",
    "amplify/logs",
    "amplify/mock-data",
    "amplify/mock-api-resources",
    "amplify/backend/amplify-meta.json",
    "amplify/backend/.temp",
    "build/",
    "dist/",
    "node_modules/",
    "aws-exports.js",
    "awsconfiguration.json",
    "amplifyconfiguration.json",
    "amplifyconfiguration.dart",
    "amplify-build-config.json",
    "amplify-gradle-config.json",
    "amplifytools.xcconfig",
    ".secret-*",
    "**.sample",
)


def with_amplify_block(text: str) -> str:
    """``text`` with the amplify block replacing any earlier one (or appended once)."""
    block = [BEGIN, *IGNORED, END]
    lines = text.splitlines()
    out: list[str] = []
    inserted = False
    skipping = False
    for line in lines:
        stripped = line.strip()
        if stripped == BEGIN:
            skipping = True
            if not inserted:
                out.extend(block)
                inserted = True
            continue
        if skipping:
            if stripped == END:
                skipping = False
            continue
        out.append(line)
    if not inserted:
        if out and out[-1].strip():
            out.append("")
        out.extend(block)
    return "\n".join(out) + "\n"


def update_gitignore(project_dir: Path) -> Path:
    """Write the amplify block into ``<project_dir>/.gitignore``; return its path."""
    path = Path(project_dir) / ".gitignore"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    updated = with_amplify_block(current)
    if updated != current:
        write_text_atomic(path, updated)
    return path
