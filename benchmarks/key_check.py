"""What the sandbox's key check costs: small PutObject requests per second and server CPU per
request, with the check on (as shipped) and off (``request_auth.check`` replaced by a no-op).

    .venv/bin/python benchmarks/key_check.py [--runs 3] [--count 2000] [--threads 8]

Both servers are the real ``amplify_sandbox.server`` process on a free loopback port; boto3 in
this process signs with the keys each start issued. Runs alternate on/off so machine load
drifts affect both alike; the medians are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import Server, sandbox_put_rate

STARTER = (
    "import sys, amplify_sandbox.request_auth as auth\n"
    "if sys.argv[1] == 'off':\n"
    "    auth.check = lambda environ: None\n"
    "from amplify_sandbox.server import main\n"
    "sys.exit(main(sys.argv[2:]))\n"
)


def start(mode: str, home: Path) -> tuple[subprocess.Popen, object, object]:
    from amplify_sandbox.credentials import read_keys
    from amplify_sandbox.state import query_status, read_state

    env = {**os.environ, "AMPLIFY_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-c", STARTER, mode, "--port", "0", "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = read_state(home)
        if state is not None and state.pid == process.pid and query_status(state, timeout=2):
            return process, state, read_keys(home)
        time.sleep(0.05)
    process.kill()
    raise SystemExit(f"the {mode} server did not start")


def put_rate(state, keys, pid: int, count: int, threads: int) -> tuple[float, float]:
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=state.endpoint,
        region_name="us-east-1",
        aws_access_key_id=keys.access_key_id,
        aws_secret_access_key=keys.secret_access_key,
        config=boto3.session.Config(max_pool_connections=threads * 2),
    )
    return sandbox_put_rate(s3, Server(pid), count, threads, bucket="bench-key-check")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
    for _ in range(args.runs):
        for mode in ("on", "off"):
            home = Path(tempfile.mkdtemp(prefix=f"amplify-bench-keys-{mode}-"))
            process, state, keys = start(mode, home)
            try:
                results[mode].append(put_rate(state, keys, process.pid, args.count, args.threads))
            finally:
                process.terminate()
                process.wait(timeout=30)
    for mode, samples in results.items():
        rate = statistics.median(r for r, _ in samples)
        cpu = statistics.median(c for _, c in samples)
        print(
            f"key check {mode:>3}: {rate:6.0f} PutObject/s ({args.threads} threads), {cpu:.3f} ms server CPU each"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
