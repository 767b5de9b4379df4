"""One exception type per kind of failure; each carries the exit code the CLI returns.

Plugins raise these (never ``SystemExit``) so the core prints one clear line and exits with
the documented code: 2 for bad input (nothing was changed), 1 for a failed operation,
130 for an interrupt.
"""


class AmplifyError(Exception):
    """Base of every expected failure: printed without a traceback."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(AmplifyError):
    """Bad usage or bad input: a malformed parameter, an unknown name, a wrong folder."""

    exit_code = 2


class MissingInputError(UsageError):
    """A value is needed but no prompt may run (no terminal, ``CI=true``, or ``--yes``)."""

    def __init__(self, missing: list[str], *, hint: str | None = None):
        self.missing = list(missing)
        listed = "\n".join(f"  - {m}" for m in self.missing)
        super().__init__(
            f"Cannot prompt: standard input is not a terminal (or CI=true). Provide these values:\n{listed}",
            hint=hint or "Pass them as headless parameters, or add --yes to accept defaults.",
        )


class ProjectError(UsageError):
    """The folder is not an Amplify project, or is one when it must not be."""


class PluginError(UsageError):
    """A plugin that the command needs is missing, failed to load or is pinned to another version."""


class OperationError(AmplifyError):
    """The operation itself failed (a cloud error, a failed build, nothing to publish)."""

    exit_code = 1


class Interrupted(AmplifyError):
    """The user pressed Ctrl-C."""

    exit_code = 130

    def __init__(self, message: str = "Interrupted."):
        super().__init__(message)
