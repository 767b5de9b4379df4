"""Entry point of the ``amplify`` console script.

The root group lists core and plugin commands from their descriptors and imports a
command's typer app only when that command runs, so ``--help`` and ``--version`` stay fast.
Both word orders work: ``amplify add hosting`` is ``amplify hosting add``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
import typer.core
import typer.main

from .. import __version__
from ..command_hooks import command_hooks
from ..errors import AmplifyError, Interrupted, PluginError
from ..lazy import resolve
from ..plugins.guard import DEBUG_ENV, failure_line, plugin_of, print_traceback
from ..plugins.pins import check_before_command
from ..plugins.registry import OFFICIAL_PACKAGES, PluginSet
from . import runtime

#: Gen 1's short forms of core commands.
CORE_ALIASES = {"ls": "status"}

#: ``amplify <verb> <group>`` → ``amplify <group> <verb>``.
VERBS = {"add": "add", "update": "configure", "configure": "configure", "remove": "remove", "mock": "mock"}

#: Verbs of one group only, as Gen 1 accepts them in both orders (``amplify list env``).
GROUP_VERBS = {"env": {"add", "list", "ls", "get", "checkout", "pull", "import", "remove"}}


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
    typer.echo(f"amplify-cli-core {__version__}")
    for name, dist, version in runtime.plugins().active_versions():
        typer.echo(f"{dist} {version} ({name})")
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


def reorder(args: Sequence[str], groups: set[str]) -> list[str]:
    """``add hosting …`` → ``hosting add …``, ``list env`` → ``env list``; anything else unchanged."""
    args = list(args)
    if len(args) >= 2 and args[0] in GROUP_VERBS.get(args[1], ()):
        return [args[1], args[0], *args[2:]]
    if len(args) >= 2 and args[0] in VERBS and args[1] in groups and args[1] not in VERBS:
        return [args[1], VERBS[args[0]], *args[2:]]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``amplify``; returns (and exits with) the documented exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    code = run(args)
    if argv is None:
        sys.exit(code)
    return code


def _interruptible() -> contextlib.AbstractContextManager[None]:
    """The console script's switch to "Ctrl-C raises KeyboardInterrupt" for the command's own
    work (``_amplify_entry``); a no-op when ``amplify`` runs in another program's process."""
    entry = sys.modules.get("_amplify_entry")
    return entry.interruptible() if entry is not None else contextlib.nullcontext()


def run(args: list[str]) -> int:
    args = take_debug_flag(args)
    plugin_set = runtime.plugins()
    for record in plugin_set.problems:
        print(record.problem_line(), file=sys.stderr)
    root = build_root(plugin_set)
    groups = set(root.entries) | set(root.aliases) | set(OFFICIAL_PACKAGES)
    args = reorder(args, groups)
    try:
        check_before_command(args, plugin_set)  # pinned plugin versions, in a project that has pins
        try:
            with _interruptible(), command_hooks(args, version=__version__):  # amplify/hooks/pre-*, post-*
                result = root.main(args=args, prog_name="amplify", standalone_mode=False)
                if result == Interrupted.exit_code:  # typer turns Ctrl-C into Exit(130), returned
                    raise Interrupted()
        except (KeyboardInterrupt, typer.Abort):
            raise Interrupted() from None
    except AmplifyError as exc:
        from ..console import Console

        Console().error(exc.message if not exc.hint else f"{exc.message}\n{exc.hint}")
        return exc.exit_code
    except typer.TyperException as exc:  # typer's usage errors: already worded for the user
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:
            print(f"Error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # noqa: BLE001 - a bug: one line naming whose, traceback behind --debug
        print_traceback(exc)
        print(f"amplify: {unexpected_line(exc, plugin_set)}", file=sys.stderr)
        return 1
    return result if isinstance(result, int) else 0


def take_debug_flag(args: list[str]) -> list[str]:
    """``--debug`` is accepted anywhere before ``--`` (``amplify push --debug``); drop it, note it."""
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[:end]:
        return args
    os.environ[DEBUG_ENV] = "1"
    return [a for a in args[:end] if a != "--debug"] + args[end:]


def unexpected_line(exc: BaseException, plugin_set: PluginSet) -> str:
    """Name the plugin whose code raised ``exc``, or say it is the core's bug."""
    record = plugin_of(exc, plugin_set)
    if record is not None:
        return failure_line(record, exc, "its code")
    return (
        f"unexpected error: {type(exc).__name__}: {exc} (a bug in amplify-cli-core {__version__}: "
        "please report it; --debug shows the traceback)"
    )
