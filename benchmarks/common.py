"""Shared measuring for the benchmarks: whole-process wall time and peak memory.

Each command runs ``runs`` times after one warm-up; we report the median wall time, the median
CPU time (user + system) and the largest peak RSS seen (from ``wait4``'s rusage, so only that
child is counted), with the machine's load average. On a machine shared with others the wall
time moves with the load (with 8 runnable processes on 2 cores a command waits for a core most
of its life); its CPU time barely does. Compare the ratios printed within one run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
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
    cpu_s: float | None = None

    def row(self) -> str:
        cpu = f"{self.cpu_s:.3f} s" if self.cpu_s is not None else "—"
        return f"| {self.label} | {self.median_s:.3f} s | {cpu} | {self.peak_mib:.0f} MiB | {self.runs} |"


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


LAST_CPU: list[float] = [0.0]


#: Runs the command as its own child and reports that child's rusage on the fd it is given. Measured directly,
#: a child's peak RSS would include this process's (Linux carries the parent's high-water mark
#: over fork and exec into ``ru_maxrss``), so a benchmark holding a big seeded record would
#: report it as the command's; this small wrapper is the parent instead.
_WRAPPER = """
import os, sys
report = int(sys.argv[1])
pid = os.fork()
if pid == 0:
    os.close(report)
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
os.write(report, f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}".encode())
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""


def run_once(
    argv: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB and exit code of one run (its CPU seconds in ``LAST_CPU``)."""
    read, write = os.pipe()
    started = time.perf_counter()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-S", "-c", _WRAPPER, str(write), *argv],
            cwd=cwd,
            env=USER_ENV if env is None else env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(write,),
        )
    finally:
        os.close(write)
    code = proc.wait()
    elapsed = time.perf_counter() - started
    with os.fdopen(read, "rb") as pipe:
        cpu, maxrss = pipe.read().split()
    LAST_CPU[0] = float(cpu)
    return elapsed, int(maxrss) / 1024, code


def measure(
    label: str,
    argv: Sequence[str],
    *,
    runs: int = 15,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> Measurement:
    run_once(argv, cwd=cwd, env=env)  # warm the file cache
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        elapsed, peak, code = run_once(argv, cwd=cwd, env=env)
        if check and code != 0:
            raise SystemExit(f"{label}: {' '.join(argv)} exited {code}")
        times.append(elapsed)
        peaks.append(peak)
        cpus.append(LAST_CPU[0])
    return Measurement(label, statistics.median(times), max(peaks), runs, statistics.median(cpus))


def print_table(title: str, rows: Sequence[Measurement]) -> None:
    print(f"\n## {title} ({load()})\n")
    print("| what | median wall | median CPU | peak memory | runs |")
    print("|---|---|---|---|---|")
    for m in rows:
        print(m.row())


class Server:
    """The sandbox process, for its CPU seconds (user + system) from /proc."""

    def __init__(self, pid: int):
        self.pid = pid

    def cpu(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sandbox_put_rate(
    s3, server: Server, count: int = 1000, threads: int = 16, bucket: str = "bench-put-rate"
) -> tuple[float, float]:
    """Small ``PutObject`` requests per second the sandbox serves on loopback, and its CPU
    milliseconds per request (boto3 in this process, ``threads`` at once)."""
    s3.create_bucket(Bucket=bucket)
    body = b"x" * 2048

    def put(i: int) -> None:
        s3.put_object(Bucket=bucket, Key=f"k{i:05d}", Body=body)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(put, range(100)))  # warm the connection pool
        before = server.cpu()
        started = time.perf_counter()
        list(pool.map(put, range(count)))
    elapsed = time.perf_counter() - started
    return count / elapsed, (server.cpu() - before) / count * 1000
