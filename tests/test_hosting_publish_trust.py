"""Publish you can trust, tried with the real ``amplify`` command against the sandbox (through
the fault-injecting proxy where a fault or an interrupt is needed): files of every size,
a publish record that never claims more than the bucket holds, no secrets in the project,
no local files (``.env``, ``.git/``) in the bucket, and no site without its index page.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from amplify_core.testing import AMPLIFY, headless_init_args, run_amplify
from amplify_core.testing import ProcessResult as Result
from amplify_sandbox.testing import (  # noqa: F401 - fixtures
    sandbox_fault_proxy,
    sandbox_project_env,
    sandbox_server,
    sigint_default,
)

MIB = 1 << 20

pytestmark = pytest.mark.slow  # each test inits and pushes a project first (~5 s)


@dataclass
class Site:
    """A project with DEV hosting, pushed, whose build is the folder ``dist``."""

    root: Path
    env: dict[str, str]
    sandbox: object
    proxy: object

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    def amplify(self, *args: str, extra_env: dict[str, str] | None = None) -> Result:
        return run_amplify(*args, cwd=self.root, env={**self.env, **(extra_env or {})}, timeout=300)

    def ok(self, *args: str, extra_env: dict[str, str] | None = None) -> Result:
        result = self.amplify(*args, extra_env=extra_env)
        assert result.code == 0, f"amplify {' '.join(args)} exited {result.code}:\n{result.text}"
        return result

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [AMPLIFY, *args],
            cwd=self.root,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=sigint_default,
        )

    @property
    def bucket(self) -> str:
        meta = json.loads((self.root / "amplify/backend/amplify-meta.json").read_text())
        return meta["hosting"]["S3AndCloudFront"]["output"]["HostingBucketName"]

    def s3(self):
        return self.sandbox.client("s3")

    def objects(self) -> dict[str, bytes]:
        """Every object of the hosting bucket but the publish marker, with its bytes."""
        s3, out = self.s3(), {}
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket):
            for item in page.get("Contents", []):
                if item["Key"] != ".amplify-publish":
                    out[item["Key"]] = s3.get_object(Bucket=self.bucket, Key=item["Key"])["Body"].read()
        return out

    def write(self, files: dict[str, bytes | str]) -> None:
        for key, content in files.items():
            path = self.dist / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode() if isinstance(content, str) else content)

    def local(self) -> dict[str, bytes]:
        return {
            p.relative_to(self.dist).as_posix(): p.read_bytes()
            for p in sorted(self.dist.rglob("*"))
            if p.is_file()
        }


def _init(root: Path, env: dict[str, str]) -> None:
    root.mkdir(parents=True)
    (root / "src").mkdir()
    name = f"ht{uuid.uuid4().hex[:8]}"
    for args in (
        headless_init_args(name),
        ["hosting", "add", "--stage", "DEV", "--yes"],
        ["push", "--yes"],
    ):
        proc = run_amplify(*args, cwd=root, env=env, timeout=300)
        assert proc.code == 0, f"amplify {args[0]}: {proc.out}{proc.err}"


@pytest.fixture
def site(tmp_path: Path, sandbox_server, sandbox_fault_proxy) -> Site:  # noqa: F811
    """A pushed DEV hosting project whose ``amplify`` commands go through the fault proxy."""
    env = {**sandbox_project_env(tmp_path, sandbox_server), "AWS_ENDPOINT_URL": sandbox_fault_proxy.url}
    root = tmp_path / "app"
    _init(root, env)
    return Site(root, env, sandbox_server, sandbox_fault_proxy)


def uploads_to(site: Site) -> list:
    """Writes to the hosting bucket (the deployment lock's PUT/DELETE go to another bucket)."""
    return [
        r
        for r in site.proxy.requests
        if r.method in ("PUT", "POST") and r.path.startswith(f"/{site.bucket}/")
    ]


def test_large_files_publish_with_their_headers_and_republish_uploads_nothing(site: Site):
    nine = os.urandom(9 * MIB)
    forty = os.urandom(40 * MIB + 123)
    site.write({"index.html": "<html>big</html>", "media/clip.mp4": nine, "data/archive.zip": forty})
    first = site.ok("publish", "--yes")
    assert "Uploaded 3 files" in first.out
    s3 = site.s3()
    for key, body, kind in (
        ("media/clip.mp4", nine, "video/mp4"),
        ("data/archive.zip", forty, "application/zip"),
    ):
        head = s3.head_object(Bucket=site.bucket, Key=key)
        assert head["ContentType"] == kind and head["CacheControl"] == "public, max-age=0, must-revalidate"
        assert head["ETag"].strip('"').endswith("-" + str(-(-len(body) // (8 * MIB)))), "multipart"
        got = s3.get_object(Bucket=site.bucket, Key=key)["Body"].read()
        assert hashlib.md5(got).digest() == hashlib.md5(body).digest(), key

    site.proxy.requests.clear()
    again = site.ok("publish", "--yes")
    assert "No changes: all 3 files are up to date." in again.out
    assert not uploads_to(site)

    site.proxy.requests.clear()
    verified = site.ok("publish", "--verify", "--yes")  # compares with the bucket's multipart ETags
    assert "No changes: all 3 files are up to date." in verified.out
    assert not uploads_to(site)


def _put_of(key: str):
    return lambda seen: seen.method == "PUT" and seen.path.split("?")[0].endswith("/" + key)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_an_interrupted_publish_is_rechecked_so_reverting_restores_every_object(site: Site, sig):
    v1 = {"index.html": "<html>v1</html>", **{f"assets/a{i}.js": f"v1 {i}" for i in range(8)}}
    site.write(v1)
    site.ok("publish", "--yes")

    site.write({key: value.replace("v1", "v2") for key, value in v1.items()})
    gate = site.proxy.hold(_put_of("assets/a7.js"))
    proc = site.start("publish", "--yes")
    try:
        assert gate.arrived.wait(120), "the publish never reached the held upload"
        os.kill(proc.pid, sig)
        if sig == signal.SIGKILL:
            proc.wait(30)
        gate.release()  # the held request reaches the sandbox as if it had been in flight
        assert gate.done.wait(30)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == (130 if sig == signal.SIGINT else -signal.SIGKILL), out + err
    changed = [k for k, v in site.objects().items() if b"v2" in v]
    assert changed, "the interrupted publish had uploaded part of v2"

    site.write(v1)
    reverted = site.ok("publish", "--yes")
    assert "No changes:" not in reverted.out
    assert f"Uploaded {len(changed)} file" in reverted.out
    assert site.objects() == site.local()
    assert "No changes: all 9 files are up to date." in site.ok("publish", "--yes").out


def test_a_session_token_never_lands_in_the_project(site: Site):
    token = "IQoJb3JpZ2luX2VjE" + uuid.uuid4().hex  # looks like an STS session token
    temporary = {"AWS_SESSION_TOKEN": token}
    site.write({"index.html": "<html>t</html>", "app.js": "1"})
    site.ok("publish", "--yes", extra_env=temporary)
    site.proxy.requests.clear()
    again = site.ok("publish", "--yes", extra_env=temporary)
    assert "No changes: all 2 files are up to date." in again.out
    assert not [r for r in site.proxy.requests if "list-type=2" in r.path], "the quick check was used"

    holding = [p for p in site.root.rglob("*") if p.is_file() and token.encode() in p.read_bytes()]
    assert holding == []
    cached = [p for p in (Path(site.env["AMPLIFY_HOME"]) / "publish-check").iterdir()]
    assert len(cached) == 1 and token in cached[0].read_text()
    assert cached[0].stat().st_mode & 0o777 == 0o600 and cached[0].parent.stat().st_mode & 0o777 == 0o700


def test_local_files_stay_out_of_the_bucket_and_a_folder_without_its_index_is_refused(site: Site):
    site.write(
        {
            "app.js": "1",
            ".env": "SECRET_KEY=hunter2",
            ".env.production": "API_KEY=abc",
            ".git/config": "[remote]",
            ".DS_Store": "x",
            ".well-known/assetlinks.json": "[]",
        }
    )
    missing = site.amplify("publish", "--yes")
    assert missing.code == 1, missing.text
    assert f"The distribution folder {site.dist} has no index.html" in missing.err
    assert "--allow-missing-index" in missing.err and "Traceback" not in missing.text
    assert site.objects() == {}

    site.write({"index.html": "<html>ok</html>"})
    dry = site.ok("publish", "--dry-run", "--yes")
    assert "  skip    .env  (never published by default" in dry.out
    assert "  skip    .git/  (never published by default" in dry.out
    assert "add '!.env.*' to amplifyPublishIgnore.json" in dry.out
    assert site.objects() == {}

    site.ok("publish", "--yes")
    assert sorted(site.objects()) == [".well-known/assetlinks.json", "app.js", "index.html"]

    (site.root / "amplifyPublishIgnore.json").write_text(json.dumps(["!.env.production"]))
    site.ok("publish", "--yes")
    assert ".env.production" in site.objects(), "a user rule publishes a skipped file"

    (site.dist / "index.html").unlink()
    (site.dist / "404.html").write_text("<html>gone</html>")
    allowed = site.ok("publish", "--allow-missing-index", "--yes")
    assert "404.html" in site.objects() and "Uploaded 1 file" in allowed.out
    assert "--allow-missing-index" in site.ok("publish", "--help").out


def test_publish_survives_bursts_of_throttles(site: Site):
    from amplify_sandbox.faults import Fault

    site.write(
        {
            "index.html": "<html>t</html>",
            "big.bin": os.urandom(17 * MIB),
            **{f"a{i}.css": str(i) for i in range(12)},
        }
    )
    small = Fault(
        "throttle",
        match=lambda seen: seen.method == "PUT" and "partNumber=" not in seen.path,
        burst=5,
        every=1000,
        times=5,
    )
    parts = Fault("throttle", match=lambda seen: "partNumber=" in seen.path, burst=5, every=1000, times=5)
    site.proxy.inject(small, parts)
    published = site.ok("publish", "--yes")
    assert "Uploaded 14 files" in published.out
    assert (small.fired, parts.fired) == (5, 5)
    site.proxy.clear()
    assert site.objects() == site.local()


def test_ctrl_c_during_a_multipart_upload_aborts_it_and_the_rerun_completes(site: Site):
    site.write({"index.html": "<html>m</html>", "big.bin": os.urandom(20 * MIB)})
    gate = site.proxy.hold(lambda seen: seen.method == "PUT" and "partNumber=2" in seen.path)
    proc = site.start("publish", "--yes")
    try:
        assert gate.arrived.wait(120), "the publish never reached the second part"
        proc.send_signal(signal.SIGINT)
        gate.release()
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, out + err
    assert "Traceback" not in err
    assert site.s3().list_multipart_uploads(Bucket=site.bucket).get("Uploads", []) == []
    assert "big.bin" not in site.objects()

    site.ok("publish", "--yes")
    assert site.objects() == site.local()
