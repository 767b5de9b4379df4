"""``amplify publish`` against ``aws s3 sync`` through a link with latency, in one run.

Loopback measures the sandbox, not the tools: real S3 is 20–100 ms from most users. So both
tools talk to the sandbox through :class:`amplify_sandbox.faults.RecordingProxy` on 127.0.0.1,
which adds ``--delays`` milliseconds to every request (default 0, 20 and 50) and the same
again once per new connection (``--handshake-rtts``: a TLS handshake costs a round trip or
two). A request sent with ``Expect: 100-continue`` waits one more delay for the interim answer
before its body may follow, as over a real link (the AWS CLI asks it for every upload; we ask
it only for bodies of 8 MiB or more). The proxy keeps its upstream connections alive and counts
requests, connections and the most requests in flight at once.

Data: 1,000 files of 1–4 KB plus 50 files of 1 MB (fixed seed), the distribution folder of a
javascript project whose build command is a no-op (the build is the user's cost, the same for
every tool). At each delay, ``--runs`` rounds (default 3), interleaved so that load on the
machine hits both tools alike, of four whole-process timings:

* our full publish — an empty bucket, ``amplify publish --yes`` (the push finds no changes);
* our no-change republish — the same command again;
* ``aws s3 sync <dist> s3://<bucket>`` into an empty bucket;
* its no-change re-sync.

**Share of the ceiling**: with ``C`` requests in flight (the most the proxy saw) and ``d``
seconds per request the link carries at most ``C / d`` requests a second; the share is the
rate a command achieved over its whole process (requests ÷ wall time) divided by that.
Before the table comes the sandbox's own rate for small ``PutObject`` requests on loopback
(boto3, 16 threads), so a reader can see whether the server limits the figures.

Needs the AWS CLI (``./dev bench`` installs it from PyPI). Usage::

    python benchmarks/publish.py [--runs N] [--delays 0,20,50] [--keep]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from amplify_core.testing import headless_init_args
from common import Server, sandbox_put_rate

VENV_BIN = Path(sys.executable).parent
AMPLIFY = str(VENV_BIN / "amplify")
AWS = shutil.which("aws", path=str(VENV_BIN)) or shutil.which("aws")

SMALL_FILES, LARGE_FILES = 1000, 50
KB, MB = 1024, 1024 * 1024


def make_dataset(dist: Path) -> tuple[int, int]:
    """The benchmark's files; returns (count, bytes)."""
    rng = random.Random(20261126)
    total = 0
    for i in range(SMALL_FILES):
        size = rng.randint(1 * KB, 4 * KB)
        path = (
            dist
            / "assets"
            / f"d{i // 100:02d}"
            / f"chunk-{i:04d}.{rng.choice(['js', 'css', 'json', 'svg', 'html'])}"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.randbytes(size))
        total += size
    for i in range(LARGE_FILES):
        path = dist / "media" / f"clip-{i:02d}.mp4"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.randbytes(MB))
        total += MB
    (dist / "index.html").write_text("<!doctype html><title>bench</title>", encoding="utf-8")
    return SMALL_FILES + LARGE_FILES + 1, total + len("<!doctype html><title>bench</title>")


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


@dataclass
class Sample:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    server_cpu: list[float] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)
    connections: list[int] = field(default_factory=list)
    peak: list[int] = field(default_factory=list)

    def median(self, name: str) -> float:
        return statistics.median(getattr(self, name))

    def share(self, delay: float) -> float | None:
        """Median of (achieved request rate) ÷ (in flight ÷ delay), per run."""
        if not delay:
            return None
        shares = [
            (r / w) / (p / delay) for r, w, p in zip(self.requests, self.wall, self.peak, strict=True) if p
        ]
        return statistics.median(shares) if shares else None


def _share(sample: Sample, delay: float) -> str:
    share = sample.share(delay)
    return f"{share:.0%} ({max(sample.peak)})" if share is not None else f"— ({max(sample.peak)})"


def run(argv: list[str], *, cwd: Path, env: dict[str, str]) -> None:
    """One untimed set-up command; its output is shown if it fails."""
    proc = subprocess.run(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(
            f"{' '.join(argv)} exited {proc.returncode}:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
        )


def run_timed(
    argv: list[str], *, cwd: Path, env: dict[str, str], proxy, server: Server, sample: Sample
) -> None:
    """Wall and CPU seconds of one command (the child's own, from ``wait4``), the server's CPU
    seconds meanwhile, and the requests, new connections and most in flight the proxy saw."""
    proxy.requests.clear()
    proxy.peak_in_flight = 0
    connections = proxy.connections
    server_before = server.cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}:\n{proc.stderr.read().decode()[-2000:]}")
    sample.wall.append(elapsed)
    sample.cpu.append(usage.ru_utime + usage.ru_stime)
    sample.server_cpu.append(server.cpu() - server_before)
    sample.requests.append(len(proxy.requests))
    sample.connections.append(proxy.connections - connections)
    sample.peak.append(proxy.peak_in_flight)


def empty_bucket(s3, bucket: str) -> None:
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=bucket):
        keys = [{"Key": o["Key"]} for o in page.get("Contents") or []]
        if keys:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": keys, "Quiet": True})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--delays", default="0,20,50", help="milliseconds per request, comma-separated")
    parser.add_argument(
        "--handshake-rtts",
        type=float,
        default=1.0,
        help="delay of a new connection, in request delays (default 1)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    delays = [float(d) / 1000 for d in args.delays.split(",") if d.strip()]
    if AWS is None:
        print("The AWS CLI is not installed: pip install awscli (./dev bench does it).", file=sys.stderr)
        return 2

    import boto3
    from amplify_sandbox.config import client_env
    from amplify_sandbox.credentials import read_keys
    from amplify_sandbox.faults import Fault, RecordingProxy
    from amplify_sandbox.launch import launch

    work = Path(tempfile.mkdtemp(prefix="amplify-bench-publish-"))
    home = work / "home"
    home.mkdir()
    print(f"start: {load()}", flush=True)
    process, state = launch(0, home=home / ".amplify", new_session=False)
    keys = read_keys(home / ".amplify")  # the keys this start issued
    server = Server(process.pid)
    proxy = RecordingProxy(state.endpoint)
    results: dict[float, dict[str, Sample]] = {}
    try:
        s3 = boto3.client(
            "s3",
            endpoint_url=state.endpoint,
            region_name="us-east-1",
            aws_access_key_id=keys.access_key_id,
            aws_secret_access_key=keys.secret_access_key,
            config=boto3.session.Config(max_pool_connections=32),
        )
        rate, server_ms = sandbox_put_rate(s3, server)
        print(
            f"sandbox alone: {rate:.0f} small PutObject/s on loopback, {server_ms:.2f} ms of server CPU each "
            f"({load()})",
            flush=True,
        )
        env = {
            # As on a user's machine, Python may cache bytecode (the warm-up run writes it).
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith("AWS_") and k != "PYTHONDONTWRITEBYTECODE"
            },
            **client_env(state.port, keys),
            "AWS_ENDPOINT_URL": proxy.url,
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "AWS_CONFIG_FILE": str(home / "no-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-credentials"),
            "CI": "true",
        }
        project = work / "site"
        dist = project / "dist"
        count, size = make_dataset(dist)
        (project / "src").mkdir()
        setup = dict(cwd=project, env=env)
        run(
            [AMPLIFY, *headless_init_args("bench", "bench", build="true", start="true")],
            **setup,
        )
        run([AMPLIFY, "hosting", "add", "--stage", "PROD", "--bucket-name", "bench-site", "--yes"], **setup)
        run([AMPLIFY, "publish", "--yes"], **setup)  # deploys the stack; warms caches

        ours_bucket = "bench-site-bench"
        sync_bucket = "bench-aws-sync"
        s3.create_bucket(Bucket=sync_bucket)
        publish = [AMPLIFY, "publish", "--yes"]
        sync = [AWS, "s3", "sync", str(dist), f"s3://{sync_bucket}", "--only-show-errors"]
        for delay in delays:
            proxy.clear()
            if delay:
                proxy.inject(Fault("latency", seconds=delay))
            proxy.connect_delay = delay * args.handshake_rtts
            proxy.continue_delay = delay  # ``Expect: 100-continue`` waits a round trip for its answer
            samples = results[delay] = {k: Sample() for k in ("publish", "republish", "sync", "resync")}
            timed = dict(cwd=project, env=env, proxy=proxy, server=server)
            for _ in range(args.runs):
                empty_bucket(s3, ours_bucket)
                run_timed(publish, **timed, sample=samples["publish"])
                run_timed(publish, **timed, sample=samples["republish"])
                empty_bucket(s3, sync_bucket)
                run_timed(sync, **timed, sample=samples["sync"])
                run_timed(sync, **timed, sample=samples["resync"])
            print(f"{delay * 1000:.0f} ms done ({load()})", flush=True)
        assert s3.list_objects_v2(Bucket=ours_bucket, MaxKeys=1)["KeyCount"], "the publish uploaded nothing"
    finally:
        proxy.close()
        process.terminate()
        process.wait(timeout=15)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(
        f"\n## publish vs aws s3 sync ({count} files, {size / 1e6:.1f} MB; medians of {args.runs}; "
        f"whole processes through a loopback proxy to one sandbox server; {load()})\n"
    )
    print(
        "| delay | case | ours | aws s3 sync | ratio | ours: share of ceiling (in flight) | sync: share (in flight) "
        "| requests ours/sync | connections ours/sync | CPU s ours/sync/server(ours) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for delay, samples in results.items():
        for case, ours, theirs in (("full", "publish", "sync"), ("no change", "republish", "resync")):
            a, b = samples[ours], samples[theirs]
            sa, sb = _share(a, delay), _share(b, delay)
            print(
                f"| {delay * 1000:.0f} ms | {case} | {a.median('wall'):.2f} s | {b.median('wall'):.2f} s "
                f"| {b.median('wall') / a.median('wall'):.1f}× | {sa} | {sb} "
                f"| {a.median('requests'):.0f}/{b.median('requests'):.0f} "
                f"| {a.median('connections'):.0f}/{b.median('connections'):.0f} "
                f"| {a.median('cpu'):.2f}/{b.median('cpu'):.2f}/{a.median('server_cpu'):.2f} |"
            )
    print(
        "\nratio: aws s3 sync's median ÷ ours. Share of ceiling: requests ÷ wall time ÷ (most in flight ÷ delay), "
        "median per run; the whole process counts (start-up, scan, the record), not just the uploads."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
