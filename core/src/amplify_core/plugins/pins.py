"""Plugin version pins: ``"plugins"`` in ``amplify/.config/project-config.json``.

``{"plugins": {"amplify-category-hosting": "==0.1.0"}}`` says which distributions this project
needs, with PEP 440 specifiers. ``amplify plugin pin`` writes the installed versions; before
every command run inside the project, :func:`check_before_command` compares the pins with
what is installed and stops with exit 2, naming each plugin, both versions and the
``pip install`` that fixes it — so a CI image with other plugin versions fails at once
instead of half-way through a deployment.

This module is imported on every run: it imports only the standard library until it finds
a project that has pins.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PluginError, UsageError

#: Set to 1 to run one command despite mismatched pins (for instance to debug a CI image).
IGNORE_ENV = "AMPLIFY_IGNORE_PLUGIN_PINS"
#: Commands that must work while pins are broken: ``amplify plugin pin`` repairs them.
EXEMPT_COMMANDS = frozenset({"plugin"})
HELP_FLAGS = frozenset({"-h", "--help"})
TOP_LEVEL_ONLY = frozenset({"-v", "--version"})
CONFIG_LOCATION = "amplify/.config/project-config.json"


@dataclass(frozen=True)
class PinProblem:
    distribution: str
    wanted: str
    installed: str | None
    reason: str | None = None

    def line(self) -> str:
        if self.reason:
            return f"{self.distribution}: pinned {self.wanted!r}: {self.reason}"
        if self.installed is None:
            return f"{self.distribution}: pinned {self.wanted}, not installed"
        return f"{self.distribution}: pinned {self.wanted}, installed {self.installed}"


def applies_to(args: Sequence[str]) -> bool:
    """Whether ``amplify <args>`` should check pins: not for help, version or ``plugin …``."""
    if not args or args[0] in TOP_LEVEL_ONLY or args[0] in EXEMPT_COMMANDS:
        return False
    if HELP_FLAGS.intersection(args):
        return False
    return os.environ.get(IGNORE_ENV, "").lower() not in ("1", "true", "yes")


def check_before_command(args: Sequence[str], plugin_set: Any = None, cwd: Path | None = None) -> None:
    """Raise a PluginError (exit 2) if the project around ``cwd`` pins other plugin versions."""
    if not applies_to(args):
        return
    from ..state.paths import ProjectPaths, find_project_root

    root = find_project_root(cwd or Path.cwd())
    if root is None:
        return
    pins = read_pins(ProjectPaths(root).project_config)
    if not pins:
        return
    problems = find_problems(pins, plugin_set)
    if problems:
        raise pin_error(problems)


def read_pins(project_config: Path) -> dict[str, str]:
    """The ``plugins`` map of a project-config.json (empty when absent)."""
    from ..state.jsonfile import read_json

    data = read_json(project_config, default={})
    pins = data.get("plugins") if isinstance(data, dict) else None
    if pins is None:
        return {}
    if not isinstance(pins, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in pins.items()
    ):
        raise UsageError(
            f'{CONFIG_LOCATION}: "plugins" must map distribution names to version specifiers, '
            'e.g. {"amplify-category-hosting": "==0.1.0"}'
        )
    return pins


def installed_version(distribution: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def find_problems(pins: Mapping[str, str], plugin_set: Any = None) -> list[PinProblem]:
    """Every pin that the installed distributions do not satisfy, sorted by name."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    problems = []
    for dist, wanted in sorted(pins.items()):
        try:
            spec = SpecifierSet(wanted)
        except InvalidSpecifier:
            problems.append(
                PinProblem(dist, wanted, installed_version(dist), "not a valid version specifier")
            )
            continue
        installed = installed_version(dist)
        if installed is None or not spec.contains(installed, prereleases=True):
            problems.append(PinProblem(dist, wanted, installed))
            continue
        broken = _failed_record(plugin_set, dist)
        if broken is not None:
            problems.append(
                PinProblem(
                    dist,
                    wanted,
                    installed,
                    f"installed {installed} but it could not be loaded ({broken.status.value}: {broken.reason})",
                )
            )
    return problems


def _failed_record(plugin_set: Any, dist: str) -> Any:
    if plugin_set is None:
        return None
    from .records import Status

    key = _normalize(dist)
    for record in plugin_set.records:
        if _normalize(record.distribution) == key and record.status not in (Status.ACTIVE, Status.DISABLED):
            return record
    return None


def _normalize(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def install_argument(dist: str, wanted: str) -> str:
    """``'amplify-category-hosting==0.0.1'`` — quoted, since ``<`` and ``>`` mean something to a shell."""
    return f"'{dist}{wanted}'" if "'" not in wanted else shlex.quote(f"{dist}{wanted}")


def pin_error(problems: list[PinProblem]) -> PluginError:
    lines = "\n".join(f"  - {p.line()}" for p in problems)
    fixable = [p for p in problems if p.reason is None]
    hints = []
    if fixable:
        hints.append(
            "Fix: pip install " + " ".join(install_argument(p.distribution, p.wanted) for p in fixable)
        )
    if len(fixable) < len(problems):
        hints.append(
            f"Correct the entries above in {CONFIG_LOCATION}, or reinstall the plugins that fail to load."
        )
    hints.append(
        f"Or pin what is installed instead: amplify plugin pin  (to run once regardless: {IGNORE_ENV}=1)"
    )
    return PluginError(
        f'This project pins plugin versions ({CONFIG_LOCATION} "plugins") that are not installed:\n{lines}',
        hint="\n".join(hints),
    )


def installed_pins(plugin_set: Any, *, official: bool = False) -> dict[str, str]:
    """``{distribution: "==version"}`` of every active third-party plugin's distribution.

    The official plugins move with the ``amplify-cli`` release that pins them, so they are
    left out unless ``official`` is true (``amplify plugin pin --all``).
    """
    from .records import Status
    from .registry import OFFICIAL_PACKAGES
    from .requirements import CORE_DISTRIBUTION

    skip = {"unknown", CORE_DISTRIBUTION} | (set() if official else set(OFFICIAL_PACKAGES.values()))
    pins = {}
    for record in plugin_set.records:
        if record.status is Status.ACTIVE and record.distribution not in skip:
            pins[record.distribution] = f"=={record.version}"
    return dict(sorted(pins.items()))
