"""Publish settings kept at the project root, outside the deployed resource.

* ``amplifyPublishIgnore.json`` — the Gen 1 file: a JSON array of ignore patterns. Here they
  have gitignore semantics relative to the distribution folder (Gen 1 matched them against
  absolute paths, so patterns with a ``/`` rarely worked). Comments (``#…``) and blank
  entries are dropped on load.
* ``amplifyPublishCacheControl.json`` — new: a JSON array of ``{"pattern", "cacheControl"}``
  rules; the last rule that matches a file sets its Cache-Control.

They live outside ``amplify/backend/hosting/`` on purpose: changing what is uploaded must not
make ``amplify status`` report the hosting stack as changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amplify_core.plugin import UsageError, read_json, write_json

from .publish.content import CacheRule

IGNORE_FILE = "amplifyPublishIgnore.json"
CACHE_CONTROL_FILE = "amplifyPublishCacheControl.json"


def check_pattern(pattern: Any) -> str | None:
    if not isinstance(pattern, str) or not pattern.strip():
        return "The pattern must not be empty."
    if pattern.strip().startswith("#"):
        return "A pattern must not start with '#' (that is a comment in gitignore syntax)."
    try:
        import pathspec

        pathspec.GitIgnoreSpec.from_lines([pattern.strip()])
    except Exception as exc:  # noqa: BLE001 - pathspec raises several kinds
        return f"Not a valid gitignore pattern: {exc}"
    return None


def check_cache_control(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "The Cache-Control value must not be empty."
    if any(ch in value for ch in "\r\n"):
        return "The Cache-Control value must be a single line."
    return None


@dataclass
class PublishConfig:
    ignore: list[str] = field(default_factory=list)
    cache_rules: list[CacheRule] = field(default_factory=list)

    @classmethod
    def load(cls, project_root: Path) -> PublishConfig:
        root = Path(project_root)
        raw_ignore = read_json(root / IGNORE_FILE, default=[])
        if not isinstance(raw_ignore, list) or not all(isinstance(p, str) for p in raw_ignore):
            raise UsageError(f"{root / IGNORE_FILE} must be a JSON array of pattern strings.")
        ignore = [p.strip() for p in raw_ignore if p.strip() and not p.strip().startswith("#")]
        raw_rules = read_json(root / CACHE_CONTROL_FILE, default=[])
        rules = []
        if not isinstance(raw_rules, list):
            raise UsageError(f"{root / CACHE_CONTROL_FILE} must be a JSON array.")
        for index, item in enumerate(raw_rules):
            if not (
                isinstance(item, dict)
                and check_pattern(item.get("pattern")) is None
                and check_cache_control(item.get("cacheControl")) is None
            ):
                raise UsageError(
                    f"{root / CACHE_CONTROL_FILE}[{index}]: expected "
                    '{"pattern": "<gitignore pattern>", "cacheControl": "<header value>"}'
                )
            rules.append(CacheRule(item["pattern"].strip(), item["cacheControl"].strip()))
        return cls(ignore, rules)

    def save(self, project_root: Path) -> None:
        """Write both files (4-space JSON for the Gen 1 one); an empty list removes the file."""
        root = Path(project_root)
        for path, data in (
            (root / IGNORE_FILE, list(self.ignore)),
            (
                root / CACHE_CONTROL_FILE,
                [{"pattern": r.pattern, "cacheControl": r.value} for r in self.cache_rules],
            ),
        ):
            if data:
                write_json(path, data)
            elif path.exists():
                path.unlink()
