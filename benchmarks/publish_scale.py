"""``amplify publish`` at scale: tens of thousands of files (issue 17, item 3).

Targets on this machine: a no-change republish of 20,000 files under 1 s and of 100,000
under 4 s, peak memory flat in the number of files, and a full publish of 20,000 files bound
by the link, not by our CPU (reported as our CPU seconds per 1,000 files; the sandbox's own
CPU is shown apart, as it shares the cores).

* ``--full`` files (default 20,000, 100–1,000 bytes each) are published for real into an
  empty bucket on the sandbox (loopback), then republished unchanged ``--runs`` times.
* For ``--seeded`` sizes (default 10,000 and 100,000) uploading every file to the sandbox
  would take minutes, so the benchmark leaves the bucket as such a publish would: the
  publish record (:mod:`amplify_category_hosting.publish.manifest`) and the presigned check
  (:mod:`~amplify_category_hosting.publish.quick`) are written directly; the objects
  themselves are not, which the no-change path never looks at. The warm-up run fills the
  local MD5 cache, as the publish before it would have.

Usage::

    python benchmarks/publish_scale.py [--runs N] [--full 20000] [--seeded 10000,100000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

from amplify_core.testing import headless_init_args
from common import LAST_CPU, USER_ENV, VENV_BIN, load, measure, print_table, run_once

AMPLIFY = str(VENV_BIN / "amplify")
BUCKET = "bench-site-bench"


def make_files(dist: Path, count: int) -> None:
    """``count`` small files, 200 to a folder, plus ``index.html`` (fixed seed)."""
    shutil.rmtree(dist, ignore_errors=True)
    rng = random.Random(count)
    for i in range(count - 1):
        path = dist / "assets" / f"d{i // 200:04d}" / f"f{i:06d}.{('js', 'css', 'json', 'svg')[i % 4]}"
        if i % 200 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.randbytes(rng.randint(100, 1000)))
    (dist / "index.html").write_text("<!doctype html><title>scale</title>", encoding="utf-8")


def seed_record(s3, project: Path, dist: Path, deployment_bucket: str) -> None:
    """Leave the record and check a publish of ``dist`` would have left (objects aside)."""
    from amplify_category_hosting.publish import manifest, quick
    from amplify_category_hosting.publish.content import HeaderPolicy

    headers = HeaderPolicy()
    objects = {}
    for path in dist.rglob("*"):
        if path.is_file():
            key = path.relative_to(dist).as_posix()
            data = path.read_bytes()
            objects[key] = (hashlib.md5(data, usedforsecurity=False).hexdigest(), len(data), headers.tag(key))
    manifest.write(s3, deployment_bucket, BUCKET, objects)
    quick.save(quick.check_path(project, "bench"), s3, BUCKET, deployment_bucket)


def empty_bucket(s3, bucket: str) -> None:
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys = [{"Key": o["Key"]} for o in page.get("Contents") or []]
        for start in range(0, len(keys), 1000):
            s3.delete_objects(Bucket=bucket, Delete={"Objects": keys[start : start + 1000], "Quiet": True})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--full", type=int, default=20_000, help="files published for real (0: skip)")
    parser.add_argument(
        "--seeded", default="10000,100000", help="file counts republished from a seeded record"
    )
    args = parser.parse_args()
    seeded = [int(n) for n in args.seeded.split(",") if n.strip()]

    import boto3
    from amplify_sandbox.config import client_env
    from amplify_sandbox.credentials import read_keys
    from amplify_sandbox.launch import launch

    work = Path(tempfile.mkdtemp(prefix="amplify-bench-scale-"))
    home = work / "home"
    home.mkdir()
    print(f"start: {load()}", flush=True)
    process, state = launch(0, home=home / ".amplify", new_session=False)
    keys = read_keys(home / ".amplify")  # the keys this start issued
    rows, notes = [], []
    try:
        env = {
            **{k: v for k, v in USER_ENV.items() if not k.startswith("AWS_")},
            **client_env(state.port, keys),
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "AWS_CONFIG_FILE": str(home / "no-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-credentials"),
            "CI": "true",
        }
        os.environ["AMPLIFY_HOME"] = env["AMPLIFY_HOME"]  # where quick.check_path keeps the check
        project = work / "site"
        dist = project / "dist"
        make_files(dist, 2)
        (project / "src").mkdir()
        for argv in (
            [AMPLIFY, *headless_init_args("bench", "bench", build="true", start="true")],
            [AMPLIFY, "hosting", "add", "--stage", "DEV", "--bucket-name", "bench-site", "--yes"],
            [AMPLIFY, "publish", "--yes"],
        ):
            _, _, code = run_once(argv, cwd=project, env=env)
            if code:
                raise SystemExit(f"set-up failed: {' '.join(argv)} exited {code}")
        meta = json.loads((project / "amplify" / "backend" / "amplify-meta.json").read_text())
        deployment_bucket = meta["providers"]["awscloudformation"]["DeploymentBucketName"]
        s3 = boto3.client(
            "s3",
            endpoint_url=state.endpoint,
            region_name="us-east-1",
            aws_access_key_id=keys.access_key_id,
            aws_secret_access_key=keys.secret_access_key,
        )
        publish = [AMPLIFY, "publish", "--yes"]

        if args.full:
            make_files(dist, args.full)
            empty_bucket(s3, BUCKET)
            server_before = _cpu(process.pid)
            wall, peak, code = run_once(publish, cwd=project, env=env)
            if code:
                raise SystemExit(f"the full publish of {args.full} files exited {code}")
            cpu = LAST_CPU[0]
            server = _cpu(process.pid) - server_before
            notes.append(
                f"full publish of {args.full:,} files: {wall:.1f} s wall, our CPU {cpu:.1f} s "
                f"({cpu / args.full * 1000:.2f} s per 1,000 files), the sandbox's {server:.1f} s "
                f"({server / args.full * 1000:.2f} s per 1,000), peak {peak:.0f} MiB, "
                f"{args.full / wall:.0f} files/s ({load()})"
            )
            print(notes[-1], flush=True)
            rows.append(
                measure(
                    f"no-change republish, {args.full:,} files", publish, runs=args.runs, cwd=project, env=env
                )
            )
            print(rows[-1].row(), f"({load()})", flush=True)
        for count in seeded:
            make_files(dist, count)
            seed_record(s3, project, dist, deployment_bucket)
            rows.append(
                measure(
                    f"no-change republish, {count:,} files (seeded record)",
                    publish,
                    runs=args.runs,
                    cwd=project,
                    env=env,
                )
            )
            print(rows[-1].row(), f"({load()})", flush=True)
    finally:
        process.terminate()
        process.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)
    print_table("amplify publish at scale", rows)
    for note in notes:
        print(f"\n{note}")
    return 0


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    sys.exit(main())
