"""Process-wide state of one ``amplify`` run: the loaded plugins and the context factory.

Commands call :func:`context` to get an :class:`~amplify_core.context.AmplifyContext`.
Tests (and ``amplify_core.testing``) install their own plugin set or prompter here instead
of scanning entry points.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the context pulls in pydantic models; commands that need it import it
    from pathlib import Path

    from ..context import AmplifyContext
    from ..plugins.registry import PluginSet
    from ..prompts.prompter import Prompter

_plugins: PluginSet | None = None
_prompter_override: Prompter | None = None

#: Top-level words owned by the core; a plugin may not take them.
CORE_COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("amplify_core.cli.commands.init:app", "Initialize a new project, or a new environment of one."),
    "configure": (
        "amplify_core.cli.commands.configure:app",
        "Change the project's name, editor, frontend or AWS profile.",
    ),
    "status": ("amplify_core.cli.commands.status:app", "Show what a push would change (no network)."),
    "push": ("amplify_core.cli.commands.push:app", "Deploy local backend changes to the cloud."),
    "pull": (
        "amplify_core.cli.commands.pull:app",
        "Attach this folder to an environment in the cloud, or refresh it.",
    ),
    "publish": (
        "amplify_core.cli.commands.publish:app",
        "Push, build the frontend and upload it to hosting.",
    ),
    "run": ("amplify_core.cli.commands.run:app", "Push, then run the frontend's start command."),
    "delete": (
        "amplify_core.cli.commands.delete:app",
        "Delete every environment in the cloud and the project's local Amplify files.",
    ),
    "env": (
        "amplify_core.cli.commands.env:app",
        "Manage environments: add, list, get, checkout, pull, remove, import.",
    ),
    "merge-driver": (
        "amplify_core.cli.commands.merge_driver:app",
        "The git merge driver for team-provider-info.json.",
    ),
    "plugin": ("amplify_core.cli.commands.plugin:app", "List, verify, scaffold and pin plugins."),
    "schema": ("amplify_core.cli.commands.schema:app", "Print the JSON Schema of a headless parameter."),
}


def plugins() -> PluginSet:
    """The plugins of this process, discovered on first use."""
    global _plugins
    if _plugins is None:
        from ..plugins.loader import load_plugins

        _plugins = load_plugins(reserved_commands=frozenset(CORE_COMMANDS))
    return _plugins


def core_version() -> str:
    from .. import __version__

    return __version__


def version_lines() -> list[str]:
    """What ``amplify --version`` prints: the core's version, then each active plugin's."""
    lines = [f"amplify-cli-core {core_version()}"]
    lines += [f"{dist} {version} ({name})" for name, dist, version in plugins().active_versions()]
    return lines


def use_plugins(plugin_set: PluginSet | None) -> None:
    """Replace the discovered plugins (tests, embedding); ``None`` forgets them."""
    global _plugins
    _plugins = plugin_set


def use_prompter(prompter: Prompter | None) -> None:
    """Answer every prompt with ``prompter`` (tests); ``None`` restores the default choice."""
    global _prompter_override
    _prompter_override = prompter


def context(*, yes: bool = False, cwd: Path | None = None) -> AmplifyContext:
    """A fresh context for one command."""
    from pathlib import Path

    from ..context import AmplifyContext
    from ..prompts.prompter import make_prompter

    prompter = _prompter_override or make_prompter(yes=yes)
    return AmplifyContext(plugins=plugins(), prompter=prompter, cwd=cwd or Path.cwd(), yes=yes)
