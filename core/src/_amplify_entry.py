"""The first module the ``amplify`` console script runs: Ctrl-C and closed pipes, from the start.

It sits outside the ``amplify_core`` package on purpose: importing that package (pluggy,
importlib.metadata), click and the plugins takes a few hundred milliseconds, and a Ctrl-C
during those imports used to end in a KeyboardInterrupt traceback. This module imports only
built-ins, installs its SIGINT handler at import time, and only then imports the CLI.

- While modules and plugins load (before a command runs, and after it returned), Ctrl-C
  prints one line and exits 130 at once: nothing has started, so nothing needs cleaning up
  (and no KeyboardInterrupt can surface in a ``__del__`` as an "Exception ignored" traceback).
- While the command runs (:func:`interruptible`), Ctrl-C raises KeyboardInterrupt as usual,
  so ``finally`` blocks (locks, temporary files) run; the CLI turns it into exit 130 and one
  line.
- A process started with SIGINT ignored (a background job of a shell without job control)
  keeps ignoring it.
- A reader that closes the pipe early (``amplify status | head -1``) ends the run quietly.

The interpreter's own start-up (``site`` and other packages' ``.pth`` files, a few
milliseconds before this module) is out of any package's reach.
"""

import os
import sys

try:  # the built-in half of ``signal``: importing ``signal`` itself pulls in enum (~10 ms)
    import _signal as signal
except ImportError:  # pragma: no cover - an interpreter without it
    import signal

INTERRUPTED_LINE = "✖ Interrupted.\n"
EXIT_INTERRUPTED = 130


def _exit_interrupted(_signum=None, _frame=None):
    """SIGINT while nothing is running: one line, exit 130, no traceback, no clean-up needed."""
    try:
        os.write(2, INTERRUPTED_LINE.encode())
    except OSError:
        pass
    os._exit(EXIT_INTERRUPTED)


if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a background job keeps ignoring it
    signal.signal(signal.SIGINT, _exit_interrupted)

import threading  # noqa: E402 - only once the handler above is in place
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402


def main():
    """The console script's ``main``: run ``amplify`` with the process-wide guards above."""
    from amplify_core.cli.app import run

    try:
        code = run(sys.argv[1:])
        sys.stdout.flush()
    except KeyboardInterrupt:
        _exit_interrupted()
    except BrokenPipeError:
        _quiet_stdout()
        code = 1
    _skip_final_collections()
    sys.exit(code)


def _skip_final_collections():
    """The run is over: what it allocated (the AWS SDK's models alone are hundreds of
    thousands of objects) is freed by reference counts at exit, and the cycle collector's
    passes over all of it during interpreter shutdown only cost time (~40 ms once botocore
    has loaded). ``atexit`` handlers and finalizers still run."""
    import gc

    gc.disable()
    gc.freeze()


@contextmanager
def interruptible() -> Iterator[None]:
    """Inside the block (a command's own work), Ctrl-C raises KeyboardInterrupt so that its
    ``finally`` blocks run; outside, it exits at once. Does nothing unless this module's
    handler is the current one (``amplify`` run in-process by tests or another program)."""
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signal.SIGINT) is not _exit_interrupted
    ):
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, _exit_interrupted)


def _quiet_stdout():
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
