"""Running the user's build and start commands.

They are shell command lines from ``project-config.json`` (``npm run-script build``), run from
the project root (Gen 1 used the current folder, a known bug) with their output streamed to
the terminal as it comes. A failure becomes an :class:`OperationError` (exit 1) that names the
command and how it ended, never a traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from amplify_core.plugin import OperationError


def run_command(command: str, cwd: Path, *, what: str, interactive: bool = False) -> None:
    """Run ``command`` with a shell in ``cwd``; raise ``OperationError`` unless it exits 0.

    :param what: ``"build"`` or ``"start"``, for the messages.
    :param interactive: let the command read the terminal (a dev server may ask questions),
        if there is one. Otherwise standard input is empty, so the command can never wait for
        input that will not come.
    """
    reads_terminal = interactive and os.isatty(0)
    try:
        completed = subprocess.run(
            command,
            shell=True,
            cwd=cwd,
            stdin=None if reads_terminal else subprocess.DEVNULL,
            check=False,
        )
    except OSError as exc:
        raise OperationError(f"Could not run the {what} command `{command}` in {cwd}: {exc}") from exc
    if completed.returncode != 0:
        raise OperationError(
            f"The {what} command `{command}` {_how_it_ended(completed.returncode)}.",
            hint=_windows_name_hint(command, completed.returncode),
        )


def _windows_name_hint(command: str, returncode: int) -> str | None:
    """Gen 1 on Windows writes ``npm.cmd run-script build``; elsewhere that name does not exist."""
    program = command.split(maxsplit=1)[0] if command.strip() else ""
    if returncode != 127 or os.name == "nt" or not program.lower().endswith(".cmd"):
        return None
    return (
        f"`{program}` is the Windows name of `{program[:-4]}`: the project was set up on Windows. "
        "Change the command with `amplify configure project` (or in amplify/.config/project-config.json)."
    )


def _how_it_ended(returncode: int) -> str:
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"was stopped by {name}"
    return f"failed with exit code {returncode}"
