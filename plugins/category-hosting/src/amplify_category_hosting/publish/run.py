"""``amplify publish`` for one hosting resource: scan, list, plan, upload, invalidate, report.

:func:`publish_folder` takes its clients as arguments (tests hand it sandbox clients);
:func:`publish_resource` is what the category calls: it reads the deployed outputs and the
project's publish settings and makes the clients.
"""

from __future__ import annotations

import bisect
import gc
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from amplify_core.plugin import (
    DEFAULT_PROVIDER,
    AmplifyContext,
    AmplifyError,
    OperationError,
    PublishOptions,
    PublishResult,
    UsageError,
    aws_error,
    describe_aws_error,
)

from ..publish_config import IGNORE_FILE, PublishConfig
from . import manifest as record
from . import progress as progress_display
from . import quick
from .apply import MAX_PART_CONCURRENCY, MAX_WORKERS, ApplyResult, NoProgress, Progress, UploadFailed, apply
from .content import HeaderPolicy
from .hash_cache import CACHE_FILE as HASH_CACHE_FILE
from .hash_cache import HashCache
from .invalidate import create_invalidation, invalidation_paths
from .plan import PublishPlan, plan
from .remote import RemoteObject, list_objects
from .scan import Listing, LocalFile, file_md5, require_index, scan, walk

WORKERS_ENV = "AMPLIFY_PUBLISH_CONCURRENCY"
PARALLEL_HASH_SIZE = 256 * 1024
#: Files the hashing may run ahead of the one waiting to be yielded (big files hash in the pool).
HASH_WINDOW = 32
#: Files walked before the no-change check waits for the record (overlaps its round trip).
WALK_AHEAD = 4096

UPLOADING = "Uploading files."
UPLOADED = "Uploaded files successfully."
UPLOAD_ERROR = "Error has occurred during file upload."
PUBLISHED = "Your app is published successfully."


@dataclass
class PublishReport:
    plan: PublishPlan
    result: ApplyResult | None = None
    invalidation_id: str | None = None
    invalidation_paths: tuple[str, ...] = ()

    def files(self) -> dict[str, tuple[str, ...]]:
        """Keys uploaded, unchanged and deleted (planned ones for a dry run), sorted."""
        uploaded = self.result.uploaded if self.result else [u.key for u in self.plan.uploads]
        deleted = self.result.deleted if self.result else list(self.plan.deletes)
        return {
            "uploaded": tuple(sorted(uploaded)),
            "unchanged": tuple(sorted(self.plan.unchanged)),
            "deleted": tuple(sorted(deleted)),
        }


def workers_from_env(default: int | None = None) -> int | None:
    """``$AMPLIFY_PUBLISH_CONCURRENCY`` (1–64), else ``default`` (``None``: chosen from the work)."""
    raw = os.environ.get(WORKERS_ENV, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 64:
        raise UsageError(f"{WORKERS_ENV} must be a whole number from 1 to 64, not {raw!r}.")
    return int(raw)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The no-change check builds a few small objects per file, none of them in a cycle
    (100,000 files: about a million); as they pile up the cycle collector walks them all again
    and again — a third of the check's time at that size — and can free none. It is paused
    for that stretch only."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _hashed(
    files: Iterable[LocalFile], pool: ThreadPoolExecutor, cache: HashCache, window: int = HASH_WINDOW
) -> Iterator[LocalFile]:
    """``files`` (key order) with their MD5, in the same order: from the cache when size and
    mtime match, else computed — big files in the pool (hashlib releases the GIL), at most
    ``window`` files ahead, small ones here. Each is given to ``cache.store`` as it is yielded."""
    pending: deque[tuple[LocalFile, str | Future[str]]] = deque()
    for item in files:
        digest: str | Future[str] | None = cache.lookup(item)
        if digest is None:
            digest = (
                pool.submit(file_md5, item.path) if item.size >= PARALLEL_HASH_SIZE else file_md5(item.path)
            )
        pending.append((item, digest))
        while pending and (isinstance(pending[0][1], str) or len(pending) > window):
            yield _resolved(*pending.popleft(), cache)
    while pending:
        yield _resolved(*pending.popleft(), cache)


def _resolved(item: LocalFile, digest: str | Future[str], cache: HashCache) -> LocalFile:
    md5 = digest if isinstance(digest, str) else digest.result()
    done = LocalFile(item.key, item.path, item.size, md5, item.mtime_ns)  # 2× faster than replace()
    cache.store(done)
    return done


def _withdraw(s3: Any, bucket: str) -> float:
    """:func:`record.mark_in_doubt`; returns the seconds it took: one small request, the round
    trip the uploads' concurrency is chosen for (:func:`.apply.choose_concurrency`)."""
    started = time.perf_counter()
    record.mark_in_doubt(s3, bucket)
    return time.perf_counter() - started


def _read_bucket(
    s3: Any, bucket: str, deployment_bucket: str | None, *, verify: bool, withdraw: bool
) -> tuple[record.Manifest | None, dict[str, RemoteObject] | None, float | None]:
    """The record of the last publish; when there is none that vouches for the bucket (or
    ``--verify``), the listing too, started at once — and with ``withdraw`` the marker
    deleted beside it, since the bucket is about to be written (a rewrite of the record is all
    that costs if the listing then finds nothing to do). Returns (record, listing or None,
    the withdrawal's seconds or None): each is a round trip on a link with latency, so they
    overlap."""
    last = record.read(s3, deployment_bucket, bucket) if deployment_bucket else None
    if last is not None and not verify:
        return last, None, None
    if last is not None or not withdraw:
        return last, list_objects(s3, bucket), None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="amplify-marker") as side:
        withdrawn = side.submit(_withdraw, s3, bucket)
        remote = list_objects(s3, bucket)
        return None, remote, withdrawn.result()


def _cloud_error(exc: Exception, bucket: str | None, doing: str | None = None) -> AmplifyError:
    """The core's translation of an AWS failure; a missing hosting bucket says to push first."""
    missing = OperationError(
        f"The hosting bucket {bucket} does not exist.",
        hint="Run `amplify push` to deploy the hosting stack, then publish again.",
    )
    translated = aws_error(exc, doing or f"Publishing to {bucket}", by_code={"NoSuchBucket": missing})
    return translated or OperationError(f"{UPLOAD_ERROR} {type(exc).__name__}: {exc}")


def publish_folder(
    console: Any,
    s3: Any,
    bucket: str | None,
    dist_dir: Path,
    *,
    config: PublishConfig | None = None,
    delete: bool = False,
    invalidate: bool = False,
    dry_run: bool = False,
    verify: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
    cloudfront: Callable[[], Any] | None = None,
    distribution_id: str | None = None,
    root_object: str = "index.html",
    deployment_bucket: str | None = None,
    hash_cache: Path | None = None,
    quick_check: Path | None = None,
    allow_missing_index: bool = False,
) -> PublishReport:
    """Make ``bucket`` hold exactly the files of ``dist_dir`` (``--delete``: and nothing else).

    :param bucket: ``None`` only for a dry run before the first push (everything is new).
    :param deployment_bucket: where the record of the last publish lives
        (:mod:`.manifest`); without it every publish lists the bucket.
    :param verify: compare with the bucket's objects even if the record says nothing changed.
    :param hash_cache: the local file that remembers MD5s by size and mtime.
    :param quick_check: where to keep the presigned requests of :mod:`.quick`.
    :param cloudfront: returns the CloudFront client, called only when invalidating.
    :param allow_missing_index: publish a folder without ``root_object`` (else refused).
    :raises OperationError: bad folder (missing, empty, without ``root_object``), unreachable bucket, a failed upload (HTML and
        deletions are then skipped).
    """
    from botocore.exceptions import BotoCoreError, ClientError

    config = config or PublishConfig()
    listing = _listing(dist_dir, config, root_object, allow_missing_index)
    headers = HeaderPolicy(config.cache_rules)
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="amplify-scan")
    in_doubt = False
    round_trip: float | None = None
    try:
        reads = (
            pool.submit(_read_bucket, s3, bucket, deployment_bucket, verify=verify, withdraw=not dry_run)
            if bucket
            else None
        )
        with HashCache(hash_cache, dist_dir) as cache:
            files = list(_hashed(listing.files, pool, cache))
            cache.finish()
        last, remote_listed, round_trip = reads.result() if reads else (None, None, None)
        in_doubt = round_trip is not None
        remote: dict[str, RemoteObject] = {}
        recorded_tags = last.tags() if last is not None else None
        against_record = (
            plan(files, last.as_remote(), headers, delete=delete, recorded_tags=recorded_tags)
            if last is not None
            else None
        )
        listed = False
        vouched = against_record is not None and against_record.empty
        the_plan: PublishPlan
        if against_record is not None and vouched and not verify:
            the_plan = against_record  # nothing changed since the recorded publish: no listing
        else:
            withdrawn = None
            if bucket and not dry_run and not in_doubt and not vouched:
                # The record cannot vouch for the folder: withdraw it beside the listing.
                withdrawn = pool.submit(_withdraw, s3, bucket)
            remote = (
                remote_listed if remote_listed is not None else list_objects(s3, bucket) if bucket else {}
            )
            remote.pop(record.MARKER_KEY, None)
            listed = bool(bucket)
            the_plan = plan(files, remote, headers, delete=delete, recorded_tags=recorded_tags)
            if withdrawn is None and bucket and not dry_run and not in_doubt and not the_plan.empty:
                withdrawn = pool.submit(_withdraw, s3, bucket)  # (--verify found a change)
            if withdrawn is not None:
                # before any upload: the old record no longer vouches for the bucket
                round_trip = withdrawn.result()
                in_doubt = True
    except (BotoCoreError, ClientError) as exc:
        raise _cloud_error(exc, bucket) from exc
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    report = PublishReport(plan=the_plan)
    if dry_run:
        _print_dry_run(console, the_plan, bucket, listing)
        return report
    assert bucket is not None  # only a dry run goes without one (see :param bucket:)
    if the_plan.uploads:
        console.print(UPLOADING)
    try:
        from ..aws import is_local_endpoint

        report.result = apply(
            the_plan,
            s3,
            bucket,
            workers=workers,
            progress=progress or NoProgress(),
            send_md5=not is_local_endpoint(s3.meta.endpoint_url),
            round_trip=round_trip,
        )
    except UploadFailed as exc:
        done = len(exc.result.uploaded)
        raise OperationError(
            f"{UPLOAD_ERROR} {exc}\n{done} of {len(the_plan.uploads)} files were uploaded; "
            "HTML pages and deletions were skipped, so the live site still links to its old assets.",
            hint="Fix the cause and run `amplify publish` again: files already uploaded are skipped.",
        ) from exc.__cause__
    except (BotoCoreError, ClientError) as exc:
        raise _cloud_error(exc, bucket) from exc
    if the_plan.uploads:
        console.print(UPLOADED)
    _print_summary(console, the_plan, report.result)
    migrate = last is not None and last.version != record.VERSION  # an older format: rewrite it
    if deployment_bucket and (listed or migrate):
        if listed:
            local = {f.key: (f.md5, f.size, headers.tag(f.key)) for f in files}
            state = record.final_state(
                remote, local, report.result.uploaded, report.result.deleted, recorded_tags
            )
        else:
            assert last is not None  # not listed: the record proved nothing changed
            state = dict(last.objects)
        if last is None or in_doubt or migrate or dict(last.objects) != state:
            try:
                record.write(s3, deployment_bucket, bucket, state)
            except (BotoCoreError, ClientError) as exc:
                console.warn(
                    f"Could not record this publish ({describe_aws_error(exc)}); the next one lists the bucket."
                )
                deployment_bucket = None
    if quick_check is not None:
        if deployment_bucket and bucket:
            quick.save(quick_check, s3, bucket, deployment_bucket)
        else:
            quick.forget(quick_check)
    if invalidate:
        if not distribution_id:
            console.warn("This hosting has no CloudFront distribution (stage DEV): nothing to invalidate.")
        else:
            paths = invalidation_paths(the_plan.changed_keys(), root_object=root_object)
            try:
                assert cloudfront is not None, "a distribution to invalidate comes with its client"
                report.invalidation_id = create_invalidation(cloudfront(), distribution_id, paths)
            except (BotoCoreError, ClientError) as exc:
                raise _cloud_error(exc, bucket, "The CloudFront invalidation") from exc
            report.invalidation_paths = tuple(paths)
            shown = ", ".join(paths[:5]) + (f" … ({len(paths)} paths)" if len(paths) > 5 else "")
            console.print(
                f"CloudFront invalidation request sent successfully: {report.invalidation_id} ({shown})"
            )
    return report


def _size(n: int) -> str:
    return progress_display.human_bytes(n)


def _print_summary(console: Any, the_plan: PublishPlan, result: ApplyResult) -> None:
    if result.uploaded or result.deleted:
        parts = [
            f"Uploaded {len(result.uploaded)} file{'s' if len(result.uploaded) != 1 else ''} "
            f"({_size(result.uploaded_bytes)})"
        ]
        if result.deleted:
            parts.append(f"deleted {len(result.deleted)}")
        parts.append(f"{len(the_plan.unchanged)} unchanged")
        console.print(", ".join(parts) + ".")
    else:
        count = len(the_plan.unchanged)
        console.print(f"No changes: {'the file is' if count == 1 else f'all {count} files are'} up to date.")
    if the_plan.kept:
        console.print(
            f"{len(the_plan.kept)} object(s) in the bucket are no longer in the folder and were "
            "kept; `amplify publish --delete` removes them."
        )


def _listing(
    dist_dir: Path, config: PublishConfig, root_object: str | None, allow_missing_index: bool
) -> Listing:
    """The folder's files to publish; refused without the index document unless allowed."""
    listing = scan(dist_dir, config.ignore)
    if not allow_missing_index:
        require_index(listing, dist_dir, root_object)
    return listing


def _skip_reason(skipped: Any) -> str:
    if skipped.default:
        return (
            f"never published by default: a local file; add '!{skipped.rule}' to {IGNORE_FILE} to publish it"
        )
    return f"ignore rule {skipped.rule!r} in {IGNORE_FILE}"


def _print_dry_run(console: Any, the_plan: PublishPlan, bucket: str | None, listing: Listing) -> None:
    target = bucket or "(the bucket is not deployed yet)"
    console.print(f"Dry run for {target}: nothing is uploaded or deleted.")
    for skipped in listing.skipped:
        console.print(f"  skip    {skipped.key}  ({_skip_reason(skipped)})")
    for upload in the_plan.uploads:
        console.print(
            f"  upload  {upload.key}  ({upload.reason}, {_size(upload.size)}, "
            f"{upload.content_type}, Cache-Control: {upload.cache_control})"
        )
    for key in the_plan.deletes:
        console.print(f"  delete  {key}")
    console.print(
        f"Would upload {len(the_plan.uploads)} file(s) ({_size(the_plan.upload_bytes)}), delete "
        f"{len(the_plan.deletes)}, leave {len(the_plan.unchanged)} unchanged"
        + (f" and keep {len(the_plan.kept)} not in the folder." if the_plan.kept else ".")
    )


def publish_resource(
    ctx: AmplifyContext,
    resource_name: str,
    resource: dict[str, Any],
    dist_dir: Path,
    options: PublishOptions,
) -> PublishResult:
    """Publish to the deployed resource ``resource`` (its ``amplify-meta.json`` entry)."""
    invalidate, delete, dry_run, verify = options.invalidate, options.delete, options.dry_run, options.verify
    project = ctx.project
    output = resource.get("output") or {}
    bucket = output.get("HostingBucketName")
    if not bucket and not dry_run:
        raise OperationError(
            f"The hosting resource {resource_name} has not been deployed yet.",
            hint="Run `amplify push` (amplify publish pushes first unless --dry-run).",
        )
    # No second try of :func:`publish_if_unchanged` (the workflow asks it before taking the lock):
    # with the SDK loaded, the record read below costs the same round trip and lists nothing
    # when it proves the folder unchanged.
    config = PublishConfig.load(project.root)
    from ..aws import open_clients

    workers = workers_from_env()
    # The pool only bounds the connections: they are opened as the uploads need them.
    pool = (workers or MAX_WORKERS) + MAX_PART_CONCURRENCY
    clients = open_clients(ctx, project, workers=pool) if bucket else None
    site = _site_lookup(clients.endpoint_url, output) if clients and not dry_run else None
    report = publish_folder(
        ctx.console,
        clients.s3 if clients else None,
        bucket,
        dist_dir,
        config=config,
        delete=delete,
        invalidate=invalidate,
        dry_run=dry_run,
        workers=workers,
        progress=None if dry_run else progress_display.for_stream(),
        cloudfront=(lambda: clients.cloudfront) if clients else None,
        distribution_id=output.get("CloudFrontDistributionID"),
        root_object=_root_object(project, resource_name),
        verify=verify,
        deployment_bucket=_deployment_bucket(project),
        hash_cache=project.paths.dot_config / HASH_CACHE_FILE,
        quick_check=None if dry_run else quick.check_path(project.root, project.env_name),
        allow_missing_index=options.allow_missing_index,
    )
    files = report.files()
    result = PublishResult(
        url=_site_url(output),
        uploaded=files["uploaded"],
        unchanged=files["unchanged"],
        deleted=files["deleted"],
        invalidation_id=report.invalidation_id,
        dry_run=dry_run,
    )
    if dry_run:
        return result
    return _announce(ctx, result, clients.endpoint_url if clients else None, output, site)


def publish_if_unchanged(
    ctx: AmplifyContext,
    resource_name: str,
    resource: dict[str, Any],
    dist_dir: Path,
    options: PublishOptions,
) -> PublishResult | None:
    """The publish's result when the record of the last publish (:mod:`.quick`, read without
    the AWS SDK) proves every file up to date and nothing to delete; None when it cannot
    (no record, ``-c``, ``--verify``, ``--dry-run``, or something to do), having printed nothing."""
    project = ctx.project
    output = resource.get("output") or {}
    bucket = output.get("HostingBucketName")
    workers_from_env()  # a bad $AMPLIFY_PUBLISH_CONCURRENCY is exit 2 before anything happens
    if not bucket or options.invalidate or options.verify or options.dry_run:
        return None
    found = _quick_no_change(
        ctx.console,
        quick.check_path(project.root, project.env_name),
        bucket,
        _deployment_bucket(project),
        dist_dir,
        PublishConfig.load(project.root),
        project.paths.dot_config / HASH_CACHE_FILE,
        output,
        delete=options.delete,
        root_object=_root_object(project, resource_name),
        allow_missing_index=options.allow_missing_index,
    )
    if found is None:
        return None
    endpoint, unchanged, site = found
    return _announce(ctx, PublishResult(url=_site_url(output), unchanged=unchanged), endpoint, output, site)


def _deployment_bucket(project: Any) -> str | None:
    return project.amplify_meta().get("providers", {}).get(DEFAULT_PROVIDER, {}).get("DeploymentBucketName")


def _site_url(output: dict[str, Any]) -> str | None:
    return output.get("CloudFrontSecureURL") or output.get("WebsiteURL")


def _site_lookup(endpoint: str | None, output: dict[str, Any]) -> Callable[[], str | None] | None:
    """In the sandbox, the site's own URL asked for now (its ``https://….cloudfront.net`` name
    does not resolve there), to be shown by :func:`_announce`; None elsewhere."""
    from ..aws import is_local_endpoint

    if not endpoint or not is_local_endpoint(endpoint):
        return None
    from ..local_site import sandbox_site_url_soon

    return sandbox_site_url_soon(endpoint, output)


def _announce(
    ctx: AmplifyContext,
    result: PublishResult,
    endpoint: str | None,
    output: dict[str, Any],
    site: Callable[[], str | None] | None,
) -> PublishResult:
    """Say it is published and where it can be seen; in the sandbox, the URLs that resolve
    (``site``: the answer of :func:`_site_lookup`)."""
    ctx.console.print(PUBLISHED)
    if endpoint and site is not None:
        from ..local_site import local_preview_url

        own, preview = site(), local_preview_url(endpoint, output)
        shown = own or preview
        if shown:
            ctx.console.print(shown)
            if own and preview:
                ctx.console.print(f"In a browser also: {preview}")
            return replace(result, url=shown)
    if result.url:
        ctx.console.print(result.url)
    return result


def _quick_no_change(
    console: Any,
    check_path: Path,
    bucket: str,
    deployment_bucket: str | None,
    dist_dir: Path,
    config: PublishConfig,
    hashes: Path,
    output: dict[str, Any],
    *,
    delete: bool,
    root_object: str | None,
    allow_missing_index: bool,
) -> tuple[str, tuple[str, ...], Callable[[], str | None] | None] | None:
    """Report "No changes" without the AWS SDK when :mod:`.quick` can prove it; returns the
    endpoint it used, the keys found up to date and the site's lookup (:func:`_site_lookup`,
    asked beside the record), or None to take the full path."""
    check = quick.load(check_path)
    if check is None or not check.usable(bucket, deployment_bucket):
        return None
    headers = HeaderPolicy(config.cache_rules)
    with (
        _gc_paused(),
        HashCache(hashes, dist_dir) as cache,
        ThreadPoolExecutor(max_workers=2, thread_name_prefix="amplify-scan") as pool,
    ):
        fetched = pool.submit(quick.fetch, check)
        site = _site_lookup(check.endpoint, output)
        files = _hashed(walk(dist_dir, config.ignore), pool, cache)
        ahead: deque[LocalFile] = deque()
        for item in files:  # walk while the record is on its way, a bounded stretch ahead
            ahead.append(item)
            if len(ahead) >= WALK_AHEAD or fetched.done():
                break
        last = fetched.result()
        if last is None:
            return None
        try:
            found = quick.compare(_drained(ahead, files), last, delete=delete, headers=headers)
        finally:
            last.close()
        if found is None or not found.keys:
            return None  # something to do, or an empty folder (the full path says so)
        if root_object and not allow_missing_index and not _has_key(found.keys, root_object):
            return None  # the full path refuses the folder, saying why
        cache.finish()
    count = len(found.keys)
    console.print(f"No changes: {'the file is' if count == 1 else f'all {count} files are'} up to date.")
    if found.kept:
        console.print(
            f"{found.kept} object(s) in the bucket are no longer in the folder and were "
            "kept; `amplify publish --delete` removes them."
        )
    return check.endpoint, tuple(found.keys), site


def _drained(ahead: deque[LocalFile], rest: Iterator[LocalFile]) -> Iterator[LocalFile]:
    """The files walked ahead (freed as they are taken), then the rest of the walk."""
    while ahead:
        yield ahead.popleft()
    yield from rest


def _has_key(keys: list[str], key: str) -> bool:
    """``key`` in the sorted ``keys``."""
    at = bisect.bisect_left(keys, key)
    return at < len(keys) and keys[at] == key


def _root_object(project: Any, resource_name: str) -> str:
    from ..resource import read_resource_settings

    try:
        settings = read_resource_settings(project, resource_name)
    except (UsageError, OSError):
        return "index.html"
    return settings.cloudfront.default_root_object if settings.cloudfront else settings.index_document
