"""The publish record and the local MD5 cache in their line-per-file format (version 2), tried
with the real ``amplify`` command against the sandbox: the no-change check reads both as
streams beside the folder's walk, so it must see every change whatever the names (keys that
are prefixes of others, unicode, spaces), take over a record older versions wrote, and never
trust a damaged record or cache."""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

import pytest
from amplify_category_hosting.publish.manifest import MARKER_KEY, Manifest, manifest_key
from amplify_core.testing import ProcessResult, headless_init_args, run_amplify
from amplify_sandbox.testing import sandbox_project_env

pytestmark = pytest.mark.slow  # inits and pushes a project first (~5 s)

SITE = {
    "index.html": "<html>home</html>",
    "ab": "a name the folder a is a prefix of",
    "a-b": "dash",
    "a.txt": "dot",
    "a0": "zero",
    "a/b": "inside",
    "a/b c.js": "space",
    "é/ü.txt": "unicode folder",
    "日本.html": "<html>日本</html>",
}


class Site:
    def __init__(self, root: Path, env: dict[str, str], sandbox, proxy):
        self.root, self.env, self.sandbox, self.proxy = root, env, sandbox, proxy

    def amplify(self, *args: str) -> ProcessResult:
        return run_amplify(*args, cwd=self.root, env=self.env, timeout=300)

    def publish(self, *args: str) -> str:
        """``amplify publish --yes``'s output; notes whether the check without the SDK (its
        presigned requests) or a listing of the bucket was used."""
        self.proxy.clear()
        proc = self.amplify("publish", "--yes", *args)
        assert proc.code == 0, proc.out + proc.err
        paths = [r.path for r in self.proxy.requests]
        self.quick = any("Signature=" in p and "publish-manifest" in p for p in paths)
        self.listed = any("list-type=2" in p for p in paths)
        return proc.out

    def write(self, files: dict[str, str]) -> None:
        for key, text in files.items():
            path = self.root / "dist" / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    @property
    def meta(self) -> dict:
        return json.loads((self.root / "amplify/backend/amplify-meta.json").read_text())

    @property
    def bucket(self) -> str:
        return self.meta["hosting"]["S3AndCloudFront"]["output"]["HostingBucketName"]

    @property
    def deployment(self) -> str:
        return self.meta["providers"]["awscloudformation"]["DeploymentBucketName"]

    def objects(self) -> dict[str, str]:
        s3, out = self.sandbox.client("s3"), {}
        for item in s3.list_objects_v2(Bucket=self.bucket).get("Contents", []):
            if item["Key"] != MARKER_KEY:
                body = s3.get_object(Bucket=self.bucket, Key=item["Key"])["Body"].read()
                out[item["Key"]] = body.decode()
        return out

    def local(self) -> dict[str, str]:
        dist = self.root / "dist"
        return {p.relative_to(dist).as_posix(): p.read_text() for p in dist.rglob("*") if p.is_file()}

    def record(self) -> bytes:
        s3 = self.sandbox.client("s3")
        return s3.get_object(Bucket=self.deployment, Key=manifest_key(self.bucket))["Body"].read()

    def put_record(self, body: bytes, nonce: str | None = None) -> None:
        """Replace the record (and, given its ``nonce``, the marker that validates it)."""
        s3 = self.sandbox.client("s3")
        s3.put_object(Bucket=self.deployment, Key=manifest_key(self.bucket), Body=body)
        if nonce is not None:
            s3.put_object(Bucket=self.bucket, Key=MARKER_KEY, Body=nonce.encode())

    @property
    def cache(self) -> Path:
        return self.root / "amplify/.config/local-publish-hashes.txt"


@pytest.fixture
def site(tmp_path: Path, sandbox_server, sandbox_fault_proxy) -> Site:
    env = {**sandbox_project_env(tmp_path, sandbox_server), "AWS_ENDPOINT_URL": sandbox_fault_proxy.url}
    root = tmp_path / "app"
    root.mkdir()
    (root / "src").mkdir()
    result = Site(root, env, sandbox_server, sandbox_fault_proxy)
    for args in (
        headless_init_args(f"hr{uuid.uuid4().hex[:8]}"),
        ["hosting", "add", "--stage", "DEV", "--yes"],
        ["push", "--yes"],
    ):
        proc = result.amplify(*args)
        assert proc.code == 0, f"amplify {args[0]}: {proc.out}{proc.err}"
    return result


def test_every_change_is_seen_whatever_the_names_and_an_older_record_is_taken_over(site: Site):
    site.write(SITE)
    legacy_cache = site.root / "amplify/.config/local-publish-hashes.json"
    legacy_cache.write_text('{"version": 1, "files": {}}')  # what older versions kept
    out = site.publish()
    assert f"Uploaded {len(SITE)} files" in out and site.objects() == site.local()
    assert site.cache.exists() and not legacy_cache.exists()
    assert site.record().startswith(b'{"version":2,')

    out = site.publish()
    assert f"No changes: all {len(SITE)} files are up to date." in out
    assert site.quick and not site.listed, "checked without the SDK, against the record"

    # A record as older versions wrote it (one JSON document), with its marker.
    record = Manifest.from_bytes(site.record())
    assert record is not None
    nonce = uuid.uuid4().hex[:16]
    v1 = {
        "version": 1,
        "nonce": nonce,
        "bucket": site.bucket,
        "objects": {k: list(e) for k, e in record.objects.items()},
    }
    site.put_record(json.dumps(v1).encode(), nonce)
    out = site.publish()
    assert f"No changes: all {len(SITE)} files are up to date." in out and not site.listed
    assert site.record().startswith(b'{"version":2,'), "rewritten in the current format"
    assert hashlib.md5(Manifest.from_bytes(site.record()).nonce.encode()).hexdigest() == (
        site.sandbox.client("s3").head_object(Bucket=site.bucket, Key=MARKER_KEY)["ETag"].strip('"')
    )
    site.publish()
    assert site.quick and not site.listed

    # Changes next to prefix keys: "ab" changed, "a/c" and "a-a" added (sorting between others).
    site.write({"ab": "changed", "a/c": "new", "a-a": "new too"})
    out = site.publish()
    assert "Uploaded 3 files" in out and site.objects() == site.local()
    assert "No changes" in site.publish()

    # A removed file: kept without --delete (and said so), deleted with it.
    (site.root / "dist/a-b").unlink()
    out = site.publish()
    assert "No changes" in out and "1 object(s) in the bucket are no longer in the folder" in out
    out = site.publish("--delete")
    assert "deleted 1" in out and site.objects() == site.local()
    (site.root / "dist/é/ü.txt").write_text("changed in a unicode folder")
    out = site.publish("--delete")
    assert "Uploaded 1 file" in out and site.objects() == site.local()


def test_a_damaged_record_or_cache_means_the_full_path_and_a_right_publish(site: Site):
    site.write(SITE)
    site.publish()
    body = site.record()

    site.put_record(body[: len(body) - len(body.splitlines(keepends=True)[-1])])  # cut at a line's end
    out = site.publish()
    assert f"No changes: all {len(SITE)} files are up to date." in out
    assert site.listed, "a cut-short record is not trusted: the bucket was listed"
    assert Manifest.from_bytes(site.record()) is not None, "and the record is whole again"
    site.publish()
    assert site.quick and not site.listed

    site.put_record(site.record().replace(b"\t", b" ", 1))  # a damaged line
    site.publish("--delete")
    assert site.listed and site.objects() == site.local()

    text = site.cache.read_bytes()
    site.cache.write_bytes(text[: len(text) // 2])  # cut inside a line
    site.write({"a/b": "changed while the cache is damaged"})
    out = site.publish()
    assert "Uploaded 1 file" in out and site.objects() == site.local()
    site.cache.write_bytes(b"\x00garbage\n")
    out = site.publish()
    assert f"No changes: all {len(SITE)} files are up to date." in out and site.quick
    assert site.cache.read_bytes().startswith(b'{"version": 2'), "rewritten"
