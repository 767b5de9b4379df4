"""Publishing against the in-process sandbox (moto with amplify's extensions): a PROD stack
deployed from our template, then real uploads, republishes, deletions and invalidations."""

from __future__ import annotations

import io
import json
import os

import pytest
from amplify_category_hosting.publish import apply as apply_module
from amplify_category_hosting.publish.content import CacheRule
from amplify_category_hosting.publish.run import publish_folder
from amplify_category_hosting.publish_config import PublishConfig
from amplify_category_hosting.settings import HostingSettings
from amplify_category_hosting.templates import build_template
from amplify_core.console import Console
from amplify_core.errors import OperationError

SITE = {
    "index.html": "<html>home</html>",
    "about/index.html": "<html>about</html>",
    "static/app.b4bb678c.js": "console.log(1)",
    "static/styles.a5e1401e.css": "body{}",
    "robots.txt": "User-agent: *",
    "manifest.webmanifest": "{}",
    "m.wasm": b"\0asm",
    ".well-known/apple-app-site-association": "{}",
}


@pytest.fixture
def prod(sandbox_inprocess):
    """A deployed PROD hosting stack: its outputs, and S3 / CloudFront clients."""
    cfn = sandbox_inprocess.client("cloudformation")
    template = build_template(HostingSettings.for_stage("PROD"))
    cfn.create_stack(
        StackName="hosting",
        TemplateBody=json.dumps(template),
        Parameters=[
            {"ParameterKey": "bucketName", "ParameterValue": "site"},
            {"ParameterKey": "env", "ParameterValue": "dev"},
        ],
    )
    outputs = {
        o["OutputKey"]: o["OutputValue"]
        for o in cfn.describe_stacks(StackName="hosting")["Stacks"][0]["Outputs"]
    }
    return outputs, sandbox_inprocess.client("s3"), sandbox_inprocess.client("cloudfront")


def run(prod, dist, **kwargs):
    outputs, s3, cloudfront = prod
    out = io.StringIO()
    report = publish_folder(
        Console(out=out, err=out),
        s3,
        outputs["HostingBucketName"],
        dist,
        cloudfront=lambda: cloudfront,
        distribution_id=outputs["CloudFrontDistributionID"],
        **kwargs,
    )
    return report, out.getvalue()


def test_publish_sets_headers_then_republishes_incrementally(prod, tmp_path, make_dist):
    outputs, s3, cloudfront = prod
    dist = make_dist(tmp_path / "dist", SITE)
    report, text = run(prod, dist)
    assert len(report.result.uploaded) == len(SITE)
    assert report.result.uploaded[-1] == "index.html", "the root page goes last"
    bucket = outputs["HostingBucketName"]
    heads = {key: s3.head_object(Bucket=bucket, Key=key) for key in SITE}
    assert {k: (h["ContentType"], h["CacheControl"]) for k, h in heads.items()} == {
        "index.html": ("text/html; charset=utf-8", "no-cache"),
        "about/index.html": ("text/html; charset=utf-8", "no-cache"),
        "static/app.b4bb678c.js": ("text/javascript; charset=utf-8", "public, max-age=31536000, immutable"),
        "static/styles.a5e1401e.css": ("text/css; charset=utf-8", "public, max-age=31536000, immutable"),
        "robots.txt": ("text/plain; charset=utf-8", "public, max-age=0, must-revalidate"),
        "manifest.webmanifest": ("application/manifest+json", "no-cache"),
        "m.wasm": ("application/wasm", "public, max-age=0, must-revalidate"),
        ".well-known/apple-app-site-association": ("application/json", "no-cache"),
    }

    report, text = run(prod, dist)
    assert report.result.uploaded == [] and "No changes: all 8 files are up to date." in text

    (dist / "robots.txt").write_text("User-agent: *\nDisallow: /admin")
    (dist / "manifest.webmanifest").unlink()
    report, text = run(prod, dist, delete=True)
    assert report.result.uploaded == ["robots.txt"]
    assert report.result.deleted == ["manifest.webmanifest"]
    assert "Uploaded 1 file" in text and "deleted 1" in text
    listed = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert listed == set(SITE) - {"manifest.webmanifest"}


def test_without_delete_stale_objects_are_kept_and_reported(prod, tmp_path, make_dist):
    dist = make_dist(tmp_path / "dist", {"index.html": "a", "old.js": "x"})
    run(prod, dist)
    (dist / "old.js").unlink()
    report, text = run(prod, dist)
    assert report.plan.kept == ("old.js",) and "`amplify publish --delete` removes them" in text


def test_invalidation_covers_changed_paths_or_everything(prod, tmp_path, make_dist):
    outputs, s3, cloudfront = prod
    dist = make_dist(tmp_path / "dist", SITE)
    run(prod, dist)
    (dist / "index.html").write_text("<html>v2</html>")
    report, text = run(prod, dist, invalidate=True)
    assert report.invalidation_paths == ("/", "/index.html")
    assert f"CloudFront invalidation request sent successfully: {report.invalidation_id}" in text
    many = {f"page{i}.html": str(i) for i in range(20)}
    make_dist(dist, many)
    report, _ = run(prod, dist, invalidate=True)
    assert report.invalidation_paths == ("/*",)
    report, _ = run(prod, dist, invalidate=True)
    assert report.result.uploaded == [] and report.invalidation_paths == ("/*",), "-c with no change: all"
    listed = cloudfront.list_invalidations(DistributionId=outputs["CloudFrontDistributionID"])
    assert listed["InvalidationList"]["Quantity"] == 3


def test_big_files_go_up_in_parts_and_are_recognised_afterwards(prod, tmp_path, make_dist):
    outputs, s3, _ = prod
    dist = make_dist(tmp_path / "dist", {"index.html": "i", "video.mp4": os.urandom(9 * 1024 * 1024)})
    report, _ = run(prod, dist)
    head = s3.head_object(Bucket=outputs["HostingBucketName"], Key="video.mp4")
    assert head["ETag"].strip('"').endswith("-2") and head["ContentType"] == "video/mp4"
    report, _ = run(prod, dist)
    assert report.result.uploaded == []


def test_a_failed_upload_stops_before_any_html(prod, tmp_path, make_dist, monkeypatch):
    dist = make_dist(tmp_path / "dist", SITE)
    real = apply_module.upload_one

    def failing(s3, bucket, upload, **kwargs):
        if upload.key == "robots.txt":
            raise RuntimeError("network down")
        return real(s3, bucket, upload, **kwargs)

    monkeypatch.setattr(apply_module, "upload_one", failing)
    with pytest.raises(OperationError, match="Error has occurred during file upload. robots.txt") as caught:
        run(prod, dist, workers=1)
    assert "HTML pages and deletions were skipped" in caught.value.message
    outputs, s3, _ = prod
    listed = {o["Key"] for o in s3.list_objects_v2(Bucket=outputs["HostingBucketName"]).get("Contents", [])}
    assert not any(key.endswith(".html") for key in listed)


def test_dry_run_changes_nothing(prod, tmp_path, make_dist):
    outputs, s3, _ = prod
    dist = make_dist(tmp_path / "dist", {"index.html": "i", "a.js": "a", "b.map": "m"})
    report, text = run(prod, dist, dry_run=True, config=PublishConfig(ignore=["*.map"]))
    assert [u.key for u in report.plan.uploads] == ["a.js", "index.html"]
    assert "upload  index.html  (new" in text and "Would upload 2 file(s)" in text
    assert "Contents" not in s3.list_objects_v2(Bucket=outputs["HostingBucketName"])


def test_the_record_of_the_last_publish_spares_the_listing_until_the_bucket_changes(
    prod, tmp_path, make_dist
):
    outputs, s3, _ = prod
    bucket = outputs["HostingBucketName"]
    s3.create_bucket(Bucket="deployment")
    listings = []
    s3.meta.events.register("before-call.s3.ListObjectsV2", lambda **kw: listings.append(1))
    dist = make_dist(tmp_path / "dist", SITE)
    cache = tmp_path / "hashes.json"

    def go(**kwargs):
        return run(prod, dist, deployment_bucket="deployment", hash_cache=cache, **kwargs)

    report, _ = go()
    assert len(report.result.uploaded) == len(SITE) and len(listings) == 1
    report, text = go()
    assert report.result.uploaded == [] and len(listings) == 1, "nothing changed: no listing"
    assert "No changes" in text and cache.exists()

    (dist / "robots.txt").write_text("changed")
    report, _ = go()
    assert report.result.uploaded == ["robots.txt"] and len(listings) == 2

    s3.delete_object(Bucket=bucket, Key="m.wasm")  # behind the record's back
    report, _ = go()
    assert report.result.uploaded == [] and len(listings) == 2
    report, _ = go(verify=True)
    assert report.result.uploaded == ["m.wasm"] and len(listings) == 3

    rules = PublishConfig(cache_rules=[CacheRule("*.txt", "public, max-age=60")])
    report, _ = go(config=rules)
    assert [(u.key, u.reason) for u in report.plan.uploads] == [("robots.txt", "headers")]
    assert s3.head_object(Bucket=bucket, Key="robots.txt")["CacheControl"] == "public, max-age=60"
    report, _ = go(config=rules)
    assert report.result.uploaded == [] and len(listings) == 4

    for key in [*SITE, ".amplify-publish"]:  # emptied by hand: the marker goes too
        s3.delete_object(Bucket=bucket, Key=key)
    report, _ = go(delete=True)
    assert len(report.result.uploaded) == len(SITE) and report.result.deleted == []
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert keys == set(SITE) | {".amplify-publish"}, "--delete never removes the marker"


def _proxied_s3_with_chunks(sandbox_server, sandbox_fault_proxy, dist, bucket: str, count: int):
    """An S3 client through the fault proxy (pool sized as a publish sizes it), ``bucket``
    made, and ``dist`` filled with ``count`` small files: ``index.html`` and asset chunks."""
    from amplify_category_hosting.aws import client_config
    from amplify_category_hosting.publish.apply import MAX_PART_CONCURRENCY, MAX_WORKERS

    s3 = sandbox_server.client(
        "s3",
        endpoint_url=sandbox_fault_proxy.url,
        config=client_config(None, MAX_WORKERS + MAX_PART_CONCURRENCY),
    )
    s3.create_bucket(Bucket=bucket)
    (dist / "assets").mkdir(parents=True)
    for i in range(count - 1):
        (dist / "assets" / f"chunk-{i:03d}.js").write_text(f"console.log({i})")
    (dist / "index.html").write_text("<html></html>")
    return s3


def test_many_small_files_go_up_on_many_kept_alive_connections(sandbox_server, sandbox_fault_proxy, tmp_path):
    """Behind a link with latency the uploads overlap: one connection per 16 files (10 here,
    more than a fixed pool of 8), each opened once and kept alive for all its files."""
    from amplify_sandbox.faults import Fault

    dist = tmp_path / "dist"
    s3 = _proxied_s3_with_chunks(sandbox_server, sandbox_fault_proxy, dist, "many-small-files", 160)
    sandbox_fault_proxy.clear()
    sandbox_fault_proxy.inject(Fault("latency", seconds=0.02))
    connections = sandbox_fault_proxy.connections
    out = io.StringIO()
    report = publish_folder(Console(out=out, err=out), s3, "many-small-files", dist)
    assert len(report.result.uploaded) == 160
    assert 8 < sandbox_fault_proxy.peak_in_flight <= 10
    assert sandbox_fault_proxy.connections - connections <= 10


def test_without_a_record_the_listing_and_the_withdrawal_overlap_and_precede_every_upload(
    sandbox_server, sandbox_fault_proxy, tmp_path
):
    """A publish the record cannot vouch for lists the bucket and withdraws the marker at once
    (one round trip instead of two on a link with latency), and uploads nothing before the
    withdrawal is answered: an interrupted publish never leaves a record vouching for it."""
    import threading
    import time

    s3 = sandbox_server.client("s3", endpoint_url=sandbox_fault_proxy.url)
    s3.create_bucket(Bucket="overlap-site")
    s3.create_bucket(Bucket="overlap-deployment")
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<html></html>")
    (dist / "app.js").write_text("console.log(1)")
    sandbox_fault_proxy.clear()
    listing = sandbox_fault_proxy.hold(lambda seen: seen.method == "GET" and "list-type=2" in seen.path)
    out = io.StringIO()
    outcome: dict = {}

    def publish() -> None:
        try:
            outcome["report"] = publish_folder(
                Console(out=out, err=out), s3, "overlap-site", dist, deployment_bucket="overlap-deployment"
            )
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome["error"] = exc

    worker = threading.Thread(target=publish)
    worker.start()
    try:
        assert listing.arrived.wait(30), "the bucket was never listed"
        deadline = time.monotonic() + 30
        seen = lambda: [str(r) for r in sandbox_fault_proxy.requests]  # noqa: E731
        while not any(r.startswith("DELETE /overlap-site/.amplify-publish") for r in seen()):
            assert time.monotonic() < deadline, f"no withdrawal while the listing was held: {seen()}"
            time.sleep(0.01)
        assert not any(r.startswith("PUT /overlap-site/") for r in seen()), "an upload before the listing"
    finally:
        listing.release()
        worker.join(60)
    assert "error" not in outcome, outcome.get("error")
    requests = [str(r) for r in sandbox_fault_proxy.requests]
    withdrawal = next(
        i for i, r in enumerate(requests) if r.startswith("DELETE /overlap-site/.amplify-publish")
    )
    uploads = [
        i for i, r in enumerate(requests) if r.startswith("PUT /overlap-site/") and ".amplify" not in r
    ]
    assert len(uploads) == 2 and min(uploads) > withdrawal
    assert sorted(outcome["report"].result.uploaded) == ["app.js", "index.html"]


@pytest.mark.parametrize("lost", ["record", "marker"])
def test_a_record_written_by_halves_never_vouches_for_the_bucket(
    sandbox_server, sandbox_fault_proxy, tmp_path, lost
):
    """The record and its marker go up at once (one round trip). If either request fails, the
    publish warns and the next one does not trust what is left: it lists the bucket and finds
    the change, instead of saying "No changes" over a bucket it has not seen."""
    from amplify_sandbox.faults import Fault
    from botocore.config import Config

    s3 = sandbox_server.client(
        "s3", endpoint_url=sandbox_fault_proxy.url, config=Config(retries={"max_attempts": 1})
    )
    site, deployment = f"halves-{lost}-site", f"halves-{lost}-deployment"
    s3.create_bucket(Bucket=site)
    s3.create_bucket(Bucket=deployment)
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<html>one</html>")
    listings: list[int] = []
    s3.meta.events.register("before-call.s3.ListObjectsV2", lambda **kw: listings.append(1))

    def go() -> tuple[object, str]:
        out = io.StringIO()
        report = publish_folder(Console(out=out, err=out), s3, site, dist, deployment_bucket=deployment)
        return report, out.getvalue()

    go()
    assert go()[0].result.uploaded == [] and len(listings) == 1, "a whole record vouches"

    (dist / "index.html").write_text("<html>two</html>")
    target = f"/{deployment}/" if lost == "record" else f"/{site}/.amplify-publish"
    sandbox_fault_proxy.inject(
        Fault("server_error", match=lambda seen: seen.method == "PUT" and seen.path.startswith(target))
    )
    report, text = go()
    assert report.result.uploaded == ["index.html"] and "Could not record this publish" in text
    sandbox_fault_proxy.clear()

    # What each half left behind would hide this change if it were trusted: the old record
    # (if only the new marker landed) lists the reverted page as published; the new record
    # (if only it landed) lists the page as the bucket had it before the hand edit.
    if lost == "record":
        (dist / "index.html").write_text("<html>one</html>")
    else:
        s3.put_object(Bucket=site, Key="index.html", Body=b"<html>changed by hand</html>")
    report, text = go()
    assert len(listings) == 3, "half a record must not spare the listing"
    assert report.result.uploaded == ["index.html"] and "No changes" not in text
    assert s3.get_object(Bucket=site, Key="index.html")["Body"].read() == (dist / "index.html").read_bytes()


def test_threads_cover_the_measured_round_trip_and_no_more():
    """Many small files want many connections, but only as many as the link's round trip
    needs: more would queue behind our own CPU. A short round trip keeps a floor of 16."""
    from amplify_category_hosting.publish.apply import choose_concurrency
    from amplify_category_hosting.publish.plan import Upload

    def files(n: int) -> list[Upload]:
        return [Upload(f"f{i}", f"/dist/f{i}", 100, "0" * 32, "text/plain", "", "new") for i in range(n)]

    many = files(2000)
    assert choose_concurrency(many)[0] == 64, "no measurement: chosen from the work alone"
    assert choose_concurrency(many, round_trip=0.0004)[0] == 16
    assert choose_concurrency(many, round_trip=0.0215)[0] == 22
    assert choose_concurrency(many, round_trip=0.05)[0] == 50
    assert choose_concurrency(many, round_trip=0.3)[0] == 64
    assert choose_concurrency(files(40), round_trip=0.3)[0] == 3, "few files: few connections"
    assert choose_concurrency(many, round_trip=0.05, workers=7)[0] == 7, "$AMPLIFY_PUBLISH_CONCURRENCY wins"


@pytest.mark.parametrize("latency, fewest, most", [(0.0, 10, 16), (0.03, 28, 40)])
def test_the_uploads_in_flight_follow_the_links_round_trip(
    sandbox_server, sandbox_fault_proxy, tmp_path, latency, fewest, most
):
    """800 small files: on loopback 16 at a time (a burst of 50 would only queue behind the
    CPU), 30 ms away about 32 — the round trip of the marker's withdrawal decides."""
    from amplify_sandbox.faults import Fault

    bucket, dist = f"round-trip-{int(latency * 1000)}", tmp_path / "dist"
    s3 = _proxied_s3_with_chunks(sandbox_server, sandbox_fault_proxy, dist, bucket, 800)
    sandbox_fault_proxy.clear()
    if latency:
        sandbox_fault_proxy.inject(Fault("latency", seconds=latency))
    sandbox_fault_proxy.peak_in_flight = 0
    out = io.StringIO()
    report = publish_folder(Console(out=out, err=out), s3, bucket, dist)
    assert len(report.result.uploaded) == 800
    assert fewest <= sandbox_fault_proxy.peak_in_flight <= most
