"""``amplify publish`` against ``aws s3 sync`` on one sandbox server, in one run.

Data: 1,000 files of 1–4 KB plus 50 files of 1 MB (fixed seed), the distribution folder of a
javascript project whose build command is a no-op (the build is the user's cost, the same for
every tool). Four whole-process timings, medians of ``--runs`` (default 5), interleaved so
that load on the machine hits both tools alike:

* our full publish — an empty bucket, ``amplify publish --yes`` (the push finds no changes);
* our no-change republish — the same command again;
* ``aws s3 sync <dist> s3://<bucket>`` into an empty bucket;
* its no-change re-sync.

Needs the AWS CLI (``./dev bench`` installs it from PyPI). Usage::

    python benchmarks/publish.py [--runs N] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
        path = dist / "assets" / f"d{i // 100:02d}" / f"chunk-{i:04d}.{rng.choice(['js', 'css', 'json', 'svg', 'html'])}"
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


SERVER_PID: int | None = None


def server_cpu() -> float:
    """CPU seconds the sandbox server has used so far (user + system)."""
    if SERVER_PID is None:
        return 0.0
    fields = Path(f"/proc/{SERVER_PID}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(argv: list[str], *, cwd: Path, env: dict[str, str], cpu: dict[str, list[float]] | None = None,
        key: str = "") -> float:
    """Wall seconds of one command; with ``cpu``, also its own and the server's CPU seconds."""
    server_before = server_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    out, err = proc.stdout.read(), proc.stderr.read()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}:\n{out[-2000:]}\n{err[-2000:]}")
    if cpu is not None:
        cpu.setdefault(key + ":client", []).append(usage.ru_utime + usage.ru_stime)
        cpu.setdefault(key + ":server", []).append(server_cpu() - server_before)
    return elapsed


def empty_bucket(s3, bucket: str) -> None:
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=bucket):
        keys = [{"Key": o["Key"]} for o in page.get("Contents") or []]
        if keys:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": keys, "Quiet": True})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if AWS is None:
        print("The AWS CLI is not installed: pip install awscli (./dev bench does it).", file=sys.stderr)
        return 2

    from amplify_sandbox.config import client_env
    from amplify_sandbox.launch import launch

    work = Path(tempfile.mkdtemp(prefix="amplify-bench-publish-"))
    home = work / "home"
    home.mkdir()
    process, state = launch(0, home=home / ".amplify", new_session=False)
    global SERVER_PID
    SERVER_PID = process.pid
    try:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
            **client_env(state.port),
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
        frontend = {"frontend": "javascript", "framework": "none", "config": {
            "SourceDir": "src", "DistributionDir": "dist", "BuildCommand": "true", "StartCommand": "true"}}
        run([AMPLIFY, "init", "--yes", "--amplify", json.dumps({"projectName": "bench", "envName": "bench"}),
             "--frontend", json.dumps(frontend), "--providers", json.dumps({"awscloudformation": {"configLevel": "general"}})],
            cwd=project, env=env)
        run([AMPLIFY, "hosting", "add", "--stage", "PROD", "--bucket-name", "bench-site", "--yes"], cwd=project, env=env)
        run([AMPLIFY, "publish", "--yes"], cwd=project, env=env)  # deploys the stack; warms caches

        import boto3

        s3 = boto3.client("s3", endpoint_url=state.endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
        ours_bucket = "bench-site-bench"
        sync_bucket = "bench-aws-sync"
        s3.create_bucket(Bucket=sync_bucket)
        publish = [AMPLIFY, "publish", "--yes"]
        sync = [AWS, "s3", "sync", str(dist), f"s3://{sync_bucket}", "--only-show-errors"]

        timings: dict[str, list[float]] = {k: [] for k in ("publish", "republish", "sync", "resync")}
        cpu: dict[str, list[float]] = {}
        for _ in range(args.runs):
            empty_bucket(s3, ours_bucket)
            timings["publish"].append(run(publish, cwd=project, env=env, cpu=cpu, key="publish"))
            timings["republish"].append(run(publish, cwd=project, env=env, cpu=cpu, key="republish"))
            empty_bucket(s3, sync_bucket)
            timings["sync"].append(run(sync, cwd=project, env=env, cpu=cpu, key="sync"))
            timings["resync"].append(run(sync, cwd=project, env=env, cpu=cpu, key="resync"))
        objects = s3.list_objects_v2(Bucket=ours_bucket, MaxKeys=1)["KeyCount"]
        assert objects, "the publish uploaded nothing"
    finally:
        process.terminate()
        process.wait(timeout=15)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    med = {k: statistics.median(v) for k, v in timings.items()}
    print(f"\n## publish vs aws s3 sync ({count} files, {size / 1e6:.1f} MB; medians of {args.runs}; "
          f"whole processes on one sandbox server)\n")
    print("| what | median | min | max | CPU: command | CPU: sandbox server |")
    print("|---|---|---|---|---|---|")
    labels = {
        "publish": "amplify publish (empty bucket)",
        "republish": "amplify publish, nothing changed",
        "sync": "aws s3 sync (empty bucket)",
        "resync": "aws s3 sync, nothing changed",
    }
    for key, label in labels.items():
        print(f"| {label} | {med[key]:.2f} s | {min(timings[key]):.2f} s | {max(timings[key]):.2f} s "
              f"| {statistics.median(cpu[key + ':client']):.2f} s | {statistics.median(cpu[key + ':server']):.2f} s |")
    full_ratio = med["sync"] / med["publish"]
    nochange_ratio = med["resync"] / med["republish"]
    print(f"\nfull publish: {full_ratio:.2f}x faster than aws s3 sync (target ≥ 1.2x)")
    print(f"no-change republish: {nochange_ratio:.2f}x faster than aws s3 sync re-sync (target ≥ 2x)")
    print("\nCPU columns: the command's own CPU (user + system) and the sandbox server's during it, "
          "medians. moto serves one request at a time per GIL, so an upload of many small files is "
          "bound by the server's CPU per request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
