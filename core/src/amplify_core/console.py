"""All user-facing output: results to stdout, diagnostics to stderr, secrets masked."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .redact import redact_text


class Console:
    """Plain-text output that reads well in a terminal and in CI logs."""

    def __init__(self, out=None, err=None):
        self._out = out
        self._err = err

    @property
    def out(self):
        return self._out or sys.stdout

    @property
    def err(self):
        return self._err or sys.stderr

    def print(self, message: str = "") -> None:
        print(redact_text(message), file=self.out, flush=True)

    def info(self, message: str) -> None:
        self.print(message)

    def success(self, message: str) -> None:
        self.print(f"✔ {message}")

    def warn(self, message: str) -> None:
        print(redact_text(f"⚠ {message}"), file=self.err, flush=True)

    def error(self, message: str) -> None:
        print(redact_text(f"✖ {message}"), file=self.err, flush=True)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """A Markdown-style table, as the Gen 1 CLI prints for ``status`` and ``env list``."""
        self.print(render_table(headers, rows))


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(str(cell)))

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    sep = "| " + " | ".join("-" * w for w in widths) + " |"
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])
