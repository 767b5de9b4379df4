"""``#current-cloud-backend.zip``: the deployed state of an environment, packed and unpacked.

The archive holds the ``#current-cloud-backend`` folder as Gen 1 packs it (build output and
``node_modules`` left out, except the ``build`` folders of api/storage/auth/custom that Gen 1
keeps). Entries carry a fixed timestamp, so the same folder always gives the same bytes.
Extraction refuses any entry that would land outside the target folder.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
KEEP_BUILD = {"api", "storage", "auth", "custom"}


def _included(rel: PurePosixPath) -> bool:
    parts = rel.parts
    if "node_modules" in parts or (parts and parts[0] == "types"):
        return False
    if len(parts) > 3 and parts[2] in ("build", "dist"):
        return parts[0] in KEEP_BUILD and parts[2] == "build"
    return True


def pack(folder: Path) -> bytes:
    """The zip archive of ``folder`` (deterministic)."""
    folder = Path(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = PurePosixPath(path.relative_to(folder).as_posix())
            if not _included(rel):
                continue
            info = zipfile.ZipInfo(str(rel), date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def unpack(data: bytes, dest: Path) -> list[Path]:
    """Extract ``data`` into ``dest``; return the files written."""
    dest = Path(dest).resolve()
    written = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            target = (dest / info.filename).resolve()
            if dest not in target.parents:
                raise ValueError(f"unsafe path in {info.filename!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
            written.append(target)
    return written
