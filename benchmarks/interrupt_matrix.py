"""Interrupt matrix (issue 11): SIGINT / SIGKILL at 0.1 s steps through init, env add, push
(and publish), then a rerun of the same command; count what is left over.

Run by hand (not part of the test suite; it takes minutes)::

    .venv/bin/python benchmarks/interrupt_matrix.py [--step 0.1] [--commands init,env-add,push,publish]

For every (command, signal, delay) it makes a fresh project against one local sandbox server,
starts the real ``amplify`` command, sends the signal after the delay, waits, then reruns the
command without any flag. It reports per command and signal:

- runs: interrupted runs (those that finished before the signal count as "finished early");
- exit codes of the interrupted runs (SIGINT must give 130, or 0 if it finished);
- reruns that finished (exit 0);
- orphans: live root stacks of the environment not named by team-provider-info.json
  (and environments with more than one root stack);
- locks left: deployment-lock.json still present after the rerun;
- silent locks: a lock left by the interrupted run that its rerun neither released nor named.

Delays run from 0.1 s up to the command's uninterrupted duration (measured first).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

from amplify_core.testing import headless_init_args

AMPLIFY = str(Path(sys.executable).with_name("amplify"))
LOCK_KEY = "deployment-lock.json"


class Bench:
    def __init__(self, work: Path):
        from amplify_sandbox.testing import start_sandbox_process

        self.work = work
        self.server = start_sandbox_process(work / "sandbox-home")
        self.home = work / "home"
        self.home.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
        env.update(self.server.env())
        env.update(
            {
                "HOME": str(self.home),
                "AMPLIFY_HOME": str(self.home / ".amplify"),
                "CI": "true",
                "AWS_CONFIG_FILE": str(self.home / "none"),
                "AWS_SHARED_CREDENTIALS_FILE": str(self.home / "none"),
            }
        )
        self.env = env
        self.cfn = self.server.client("cloudformation")
        self.s3 = self.server.client("s3")

    def close(self) -> None:
        self.server.stop()

    # -- projects ----------------------------------------------------------------------

    def run(self, root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [AMPLIFY, *args],
            cwd=root,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def init_args(self, name: str) -> list[str]:
        return [
            *headless_init_args(name),
        ]

    def fresh(self, command: str) -> tuple[Path, str, list[str]]:
        """A project ready for ``command``; returns (folder, project name, the command's args)."""
        name = f"im{uuid.uuid4().hex[:8]}"
        root = self.work / name
        (root / "src").mkdir(parents=True)
        (root / "dist").mkdir()
        (root / "dist" / "index.html").write_text("<html>hi</html>")
        if command == "init":
            return root, name, self.init_args(name)
        assert self.run(root, *self.init_args(name)).returncode == 0
        if command == "env-add":
            return root, name, ["env", "add", "test", "--yes"]
        assert self.run(root, "hosting", "add", "--stage", "DEV", "--yes").returncode == 0
        if command == "push":
            return root, name, ["push", "--yes"]
        return root, name, ["publish", "--yes"]

    # -- what is left ------------------------------------------------------------------

    def root_stacks(self, name: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for page in self.cfn.get_paginator("list_stacks").paginate():
            for s in page["StackSummaries"]:
                parts = s["StackName"].split("-")
                if (
                    s["StackName"].startswith(f"amplify-{name}-")
                    and len(parts) == 4
                    and s["StackStatus"] != "DELETE_COMPLETE"
                ):
                    found[parts[2]].append(s["StackName"])
        return found

    def recorded(self, root: Path) -> dict[str, str]:
        try:
            tpi = json.loads((root / "amplify" / "team-provider-info.json").read_text())
        except (OSError, ValueError):
            return {}
        return {env: (v.get("awscloudformation") or {}).get("StackName", "") for env, v in tpi.items()}

    def orphans(self, root: Path, name: str) -> int:
        recorded = set(self.recorded(root).values())
        return sum(1 for stacks in self.root_stacks(name).values() for s in stacks if s not in recorded)

    def locks(self, name: str) -> int:
        count = 0
        for stacks in self.root_stacks(name).values():
            for stack in stacks:
                try:
                    self.s3.head_object(Bucket=f"{stack}-deployment", Key=LOCK_KEY)
                    count += 1
                except Exception:  # noqa: BLE001 - no lock (or no bucket)
                    pass
        return count


def _default_sigint() -> None:
    """A shell's background job ignores SIGINT, and children inherit that: undo it, so the
    ``amplify`` under test gets Python's own Ctrl-C handling, as in a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def duration(bench: Bench, command: str) -> float:
    root, _name, args = bench.fresh(command)
    started = time.monotonic()
    done = bench.run(root, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", type=float, default=0.1)
    parser.add_argument("--commands", default="init,env-add,push,publish")
    parser.add_argument("--signals", default="INT,KILL")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="amplify-interrupts-"))
    bench = Bench(work)
    totals: dict[tuple[str, str], Counter] = defaultdict(Counter)
    try:
        for command in options.commands.split(","):
            limit = duration(bench, command)
            print(f"{command}: uninterrupted {limit:.1f} s", flush=True)
            for sig_name in options.signals.split(","):
                sig = getattr(signal, f"SIG{sig_name}")
                delay = options.step
                while delay < limit + options.step:
                    row = totals[(command, sig_name)]
                    root, name, args = bench.fresh(command)
                    proc = subprocess.Popen(
                        [AMPLIFY, *args],
                        cwd=root,
                        env=bench.env,
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE,
                        text=True,
                        preexec_fn=_default_sigint,
                    )
                    time.sleep(delay)
                    early = proc.poll() is not None
                    if not early:
                        proc.send_signal(sig)
                    out, err = proc.communicate(timeout=300)
                    row["runs"] += 1
                    row["finished early"] += early
                    row[f"exit {proc.returncode}"] += 1
                    if sig_name == "INT" and "Traceback" in err:
                        row["tracebacks"] += 1
                    left_lock = bench.locks(name)
                    if proc.returncode == 0:  # the signal came too late to stop it: nothing to rerun
                        row["completed anyway"] += 1
                        row["orphans"] += bench.orphans(root, name)
                        row["locks left"] += left_lock
                        delay = round(delay + options.step, 3)
                        shutil.rmtree(root, ignore_errors=True)
                        continue
                    rerun = bench.run(root, *args)
                    if rerun.returncode == 0 or (command == "init" and "already initialized" in rerun.stderr):
                        row["reruns finished"] += 1
                    else:
                        row["reruns failed"] += 1
                        print(
                            f"  {command} SIG{sig_name} @{delay:.1f}s rerun exit {rerun.returncode}: "
                            f"{(rerun.stderr.strip().splitlines() or [''])[-1][:200]}",
                            flush=True,
                        )
                    row["orphans"] += bench.orphans(root, name)
                    row["envs with >1 stack"] += sum(
                        1 for s in bench.root_stacks(name).values() if len(s) > 1
                    )
                    after = bench.locks(name)
                    row["locks left"] += after
                    if left_lock and after and rerun.returncode == 0:
                        row["silent locks"] += 1
                    delay = round(delay + options.step, 3)
                    shutil.rmtree(root, ignore_errors=True)
                print(f"  SIG{sig_name}: {dict(totals[(command, sig_name)])}", flush=True)
    finally:
        bench.close()
        shutil.rmtree(work, ignore_errors=True)
    print("\ncommand  signal  counts")
    for (command, sig_name), row in totals.items():
        print(f"{command:8} {sig_name:6}  " + ", ".join(f"{k}={v}" for k, v in sorted(row.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
