"""Shared measuring for the benchmarks: whole-process wall time and peak memory.

Each command runs ``runs`` times after one warm-up; we report the median wall time and the
largest peak RSS seen (from ``wait4``'s rusage, so only that child is counted). Compare the
ratios printed within one run; absolute numbers move with the machine's load.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
#: Children run as on a user's machine, where Python caches bytecode (the warm-up run writes
#: it); with ``PYTHONDONTWRITEBYTECODE`` set every run would recompile our editable sources.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Measurement:
    label: str
    median_s: float
    peak_mib: float
    runs: int

    def row(self) -> str:
        return f"| {self.label} | {self.median_s:.3f} s | {self.peak_mib:.0f} MiB | {self.runs} |"


def run_once(argv: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB and exit code of one run."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), cwd=cwd, env=USER_ENV if env is None else env, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def measure(label: str, argv: Sequence[str], *, runs: int = 15, cwd: Path | None = None,
            env: dict[str, str] | None = None, check: bool = True) -> Measurement:
    run_once(argv, cwd=cwd, env=env)  # warm the file cache
    times, peaks = [], []
    for _ in range(runs):
        elapsed, peak, code = run_once(argv, cwd=cwd, env=env)
        if check and code != 0:
            raise SystemExit(f"{label}: {' '.join(argv)} exited {code}")
        times.append(elapsed)
        peaks.append(peak)
    return Measurement(label, statistics.median(times), max(peaks), runs)


def print_table(title: str, rows: Sequence[Measurement]) -> None:
    print(f"\n## {title}\n")
    print("| what | median wall | peak memory | runs |")
    print("|---|---|---|---|")
    for m in rows:
        print(m.row())
