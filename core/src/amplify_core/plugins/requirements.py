"""What a plugin distribution's ``Requires-Dist`` says of the core: one reading for discovery
(is this core version excluded?) and for ``plugin verify`` (is there a bound at all?).

A small pattern splits a requirement into name, specifier and marker; ``packaging`` judges
the specifier, and a marker only when there is one. ``packaging.requirements``' full parser
would cost every start-up its import, for requirements that are nearly all ``name>=x,<y``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from packaging.specifiers import SpecifierSet

#: The core's distribution name, as plugins depend on it.
CORE_DISTRIBUTION = "amplify-cli-core"

_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9._-]+)\s*(\[[^\]]*\])?\s*\(?([^;)]*)\)?\s*(?:;(.*))?$")


@dataclass(frozen=True)
class CoreRequirement:
    """One requirement on the core. ``specifier`` is None when it cannot be read."""

    text: str
    specifier: SpecifierSet | None

    def excludes(self, version: str) -> bool:
        return self.specifier is not None and not self.specifier.contains(version, prereleases=True)

    def has_upper_bound(self) -> bool:
        return self.specifier is not None and any(
            spec.operator in ("<", "<=", "==", "~=", "===") for spec in self.specifier
        )


def core_requirements(requires: Iterable[str]) -> list[CoreRequirement]:
    """The requirements in ``requires`` that name the core and apply to a plain install (no
    marker, or one true here without extras: ``extra == "testing"`` does not apply)."""
    found = []
    for text in requires:
        match = _REQUIREMENT.match(text)
        if not match or match.group(1).replace("_", "-").replace(".", "-").lower() != CORE_DISTRIBUTION:
            continue
        if match.group(4) and not _marker_holds(match.group(4)):
            continue
        found.append(CoreRequirement(text, _specifier(match.group(3).strip())))
    return found


def _marker_holds(marker: str) -> bool:
    from packaging.markers import InvalidMarker, Marker

    try:
        return Marker(marker.strip()).evaluate({"extra": ""})
    except InvalidMarker:
        return False


def _specifier(text: str) -> SpecifierSet | None:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    if text.startswith("@"):
        return SpecifierSet()  # a direct reference (``name @ file:///…``): no version bound
    try:
        return SpecifierSet(text)
    except InvalidSpecifier:
        return None
