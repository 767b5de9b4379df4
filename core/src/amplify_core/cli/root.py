"""The root ``amplify`` group: typer's group whose subcommands are plugin and core typer apps.

Kept apart from :mod:`amplify_core.cli.app` so that ``amplify --version`` answers without
importing typer (about a third of a start-up).
"""

from __future__ import annotations

import os
from typing import Any

import typer
import typer.core
import typer.main

from ..errors import PluginError
from ..lazy import resolve
from ..plugins.guard import DEBUG_ENV
from ..plugins.registry import OFFICIAL_PACKAGES, PluginSet
from . import runtime

#: Gen 1's short forms of core commands.
CORE_ALIASES = {"ls": "status"}


class AmplifyGroup(typer.core.TyperGroup):
    """typer's group whose subcommands are typer apps named by ``"module:app"`` strings.

    Built by :func:`build_root` (typer constructs it); :meth:`attach` gives it the plugins.
    Its help is typer's plain layout (no rich), written from the descriptors' summaries.
    """

    plugin_set: PluginSet
    entries: dict[str, tuple[str, str]]
    aliases: dict[str, str]

    def attach(self, plugin_set: PluginSet) -> None:
        self.plugin_set = plugin_set
        self.entries = dict(runtime.CORE_COMMANDS)
        self.aliases = dict(CORE_ALIASES)
        for name, registered in plugin_set.commands.items():
            info = registered.info
            self.entries.setdefault(info.name, (info.app, info.summary))
            if name != info.name:
                self.aliases[name] = info.name

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(self.entries)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        name = self.aliases.get(cmd_name, cmd_name)
        entry = self.entries.get(name)
        if entry is None:
            package = OFFICIAL_PACKAGES.get(name)
            if package:
                from ..plugins.install import install_command

                raise PluginError(
                    f"The command '{cmd_name}' is provided by {package}, which is not installed.",
                    hint=f"Install it: {install_command(package)}",
                )
            return None
        try:
            app = resolve(entry[0])
        except Exception as exc:  # noqa: BLE001 - a broken command must not take the CLI down
            raise PluginError(f"The command '{name}' failed to load: {type(exc).__name__}: {exc}") from None
        if not isinstance(app, typer.Typer):
            raise PluginError(f"The command '{name}' is a {type(app).__name__}, not a typer.Typer.")
        command = typer.main.get_command(app)
        command.name = name
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List commands from their descriptors' summaries, without importing them."""
        rows = []
        for name in self.list_commands(ctx):
            summary = self.entries[name][1]
            aliases = [a for a, target in self.aliases.items() if target == name]
            label = f"{name} ({', '.join(aliases)})" if aliases else name
            rows.append((label, summary))
        with formatter.section("Commands"):
            formatter.write_dl(rows)
        formatter.write_paragraph()
        formatter.write_text("Both word orders work: 'amplify add hosting' = 'amplify hosting add'.")


def _print_version(value: bool) -> None:
    if not value:
        return
    for line in runtime.version_lines():
        typer.echo(line)
    raise typer.Exit(0)


def _root_callback(
    version: bool = typer.Option(
        False,
        "--version",
        "-v",
        is_eager=True,
        expose_value=False,
        callback=_print_version,
        help="Print the core and plugin versions and exit.",
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show the traceback of an unexpected error (also AMPLIFY_DEBUG=1)."
    ),
) -> None:
    """amplify for Python: the Amplify CLI workflow as a slim core plus plugins."""
    if debug:
        os.environ[DEBUG_ENV] = "1"


def build_root(plugin_set: PluginSet) -> AmplifyGroup:
    """The root ``amplify`` group for the given plugins."""
    app = typer.Typer(
        name="amplify",
        cls=AmplifyGroup,
        rich_markup_mode=None,
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root_callback)
    root = typer.main.get_command(app)
    assert isinstance(root, AmplifyGroup)
    root.attach(plugin_set)
    return root
