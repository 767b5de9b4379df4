"""Entry point of the ``amplify`` console script.

The root group (:mod:`amplify_core.cli.root`) lists core and plugin commands from their
descriptors and imports a command's typer app only when that command runs, so ``--help``
stays fast; ``--version`` alone is answered before typer is even imported. Both word orders
work: ``amplify add hosting`` is ``amplify hosting add``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from ..errors import AmplifyError, Interrupted
from ..plugins.guard import DEBUG_ENV, failure_line, plugin_of, print_traceback
from ..plugins.registry import OFFICIAL_PACKAGES, PluginSet
from . import runtime

#: ``amplify --version`` alone: answered without typer (the root group answers it elsewhere).
VERSION_ARGS = (["--version"], ["-v"])

#: ``amplify <verb> <group>`` → ``amplify <group> <verb>``.
VERBS = {"add": "add", "update": "configure", "configure": "configure", "remove": "remove", "mock": "mock"}

#: Verbs of one group only, as Gen 1 accepts them in both orders (``amplify list env``).
GROUP_VERBS = {"env": {"add", "list", "ls", "get", "checkout", "pull", "import", "remove"}}


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
    if args in VERSION_ARGS:  # no pins, no hooks and no typer: just the lines
        print("\n".join(runtime.version_lines()))
        return 0
    import typer

    from ..command_hooks import command_hooks
    from ..plugins.pins import check_before_command
    from .root import build_root

    root = build_root(plugin_set)
    groups = set(root.entries) | set(root.aliases) | set(OFFICIAL_PACKAGES)
    args = reorder(args, groups)
    try:
        check_before_command(args, plugin_set)  # pinned plugin versions, in a project that has pins
        try:
            with (
                _interruptible(),
                command_hooks(args, version=runtime.core_version()),
            ):  # amplify/hooks/pre-*, post-*
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
    from .. import __version__

    record = plugin_of(exc, plugin_set)
    if record is not None:
        return failure_line(record, exc, "its code")
    return (
        f"unexpected error: {type(exc).__name__}: {exc} (a bug in amplify-cli-core {__version__}: "
        "please report it; --debug shows the traceback)"
    )
