"""The local listing (ignore patterns, links, errors) and the pure upload plan."""

from __future__ import annotations

import hashlib
import os

import pytest
from amplify_category_hosting.publish.content import CacheRule, HeaderPolicy
from amplify_category_hosting.publish.plan import candidate_part_sizes, plan
from amplify_category_hosting.publish.remote import RemoteObject
from amplify_category_hosting.publish.scan import LocalFile, multipart_etag, scan, with_md5
from amplify_core.errors import OperationError


def keys(files):
    return [f.key for f in files]


def test_ignore_patterns_have_gitignore_semantics_relative_to_the_folder(tmp_path, make_dist):
    dist = make_dist(
        tmp_path / "dist",
        {
            "index.html": "i",
            "a.js": "a",
            "a.js.map": "m",
            "sub/b.js.map": "m",
            "drafts/x.html": "d",
            "sub/drafts/y.html": "y",
            "docs/guide.md": "g",
            "docs/keep.md": "k",
            ".well-known/assetlinks.json": "{}",
        },
    )
    listing = scan(dist, ["*.map", "/drafts", "docs/*", "!docs/keep.md", "# a comment", ""])
    assert [(s.key, s.rule) for s in listing.skipped] == [
        ("a.js.map", "*.map"),
        ("docs/guide.md", "docs/*"),
        ("drafts/", "/drafts"),
        ("sub/b.js.map", "*.map"),
    ]
    assert keys(listing.files) == [
        ".well-known/assetlinks.json",
        "a.js",
        "docs/keep.md",
        "index.html",
        "sub/drafts/y.html",
    ]


def test_local_files_are_skipped_by_default_unless_a_rule_includes_them(tmp_path, make_dist):
    dist = make_dist(
        tmp_path / "dist",
        {
            "index.html": "i",
            ".env": "KEY=secret",
            ".env.local": "K=v",
            ".env.public": "P=1",
            ".git/config": "[core]",
            "sub/.git": "gitdir: ../../.git/modules/sub",
            "sub/a.js": "a",
            ".svn/entries": "x",
            "deep/.hg/store": "x",
            ".DS_Store": "x",
            "img/Thumbs.db": "x",
            ".well-known/security.txt": "Contact: x",
            ".environment.js": "not a .env file",
        },
    )
    assert keys(scan(dist).files) == [".environment.js", ".well-known/security.txt", "index.html", "sub/a.js"]
    listing = scan(dist, ["!.env.public"])
    assert ".env.public" in listing.keys() and ".env.local" not in listing.keys()
    assert {(s.key, s.rule, s.default) for s in listing.skipped} == {
        (".DS_Store", ".DS_Store", True),
        (".env", ".env", True),
        (".env.local", ".env.*", True),
        (".git/", ".git", True),
        (".svn/", ".svn", True),
        ("deep/.hg/", ".hg", True),
        ("img/Thumbs.db", "Thumbs.db", True),
        ("sub/.git", ".git", True),
    }


def test_a_link_out_of_the_folder_is_an_error_and_one_inside_is_followed(tmp_path, make_dist):
    dist = make_dist(tmp_path / "dist", {"index.html": "i", "real/a.js": "a"})
    os.symlink(dist / "real", dist / "alias")
    assert keys(scan(dist).files) == ["alias/a.js", "index.html", "real/a.js"]
    secret = make_dist(tmp_path / "outside", {"credentials": "secret"})
    os.symlink(secret / "credentials", dist / "leak")
    with pytest.raises(OperationError, match="outside the distribution folder"):
        scan(dist)
    assert keys(scan(dist, ["leak"]).files) == ["alias/a.js", "index.html", "real/a.js"]


def test_missing_and_empty_folders_are_errors(tmp_path):
    with pytest.raises(OperationError, match="Cannot find the distribution folder"):
        scan(tmp_path / "nope")
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    with pytest.raises(OperationError, match="The distribution folder is empty"):
        scan(tmp_path / "empty")


def local(key, content=b"x"):
    return LocalFile(key, "/dev/null", len(content), hashlib.md5(content).hexdigest())


def remote(key, content=b"x"):
    return RemoteObject(key, len(content), hashlib.md5(content).hexdigest())


def test_plan_uploads_new_and_changed_files_big_assets_first_root_index_last():
    files = [
        local("index.html", b"new"),
        local("about/index.html"),
        local("static/a.js"),
        local("static/b.css", b"changed"),
        local("same.txt"),
    ]
    bucket = {
        r.key: r
        for r in [remote("index.html", b"old"), remote("same.txt"), remote("static/b.css"), remote("gone.js")]
    }
    result = plan(files, bucket, HeaderPolicy())
    assert [(u.key, u.reason) for u in result.uploads] == [
        ("static/b.css", "changed"),
        ("static/a.js", "new"),
        ("about/index.html", "new"),
        ("index.html", "changed"),
    ]
    assert result.unchanged == ("same.txt",)
    assert result.deletes == () and result.kept == ("gone.js",)
    assert plan(files, bucket, HeaderPolicy(), delete=True).deletes == ("gone.js",)


def test_nothing_changed_means_an_empty_plan():
    files = [local("index.html"), local("a.js")]
    result = plan(files, {f.key: remote(f.key) for f in files}, HeaderPolicy(), delete=True)
    assert result.empty and len(result.unchanged) == 2


def test_multipart_etags_are_recomputed_with_the_likely_part_size(tmp_path):
    path = tmp_path / "big.bin"
    data = os.urandom(3 * 1024 * 1024 + 5)
    path.write_bytes(data)
    part = 1024 * 1024
    etag = multipart_etag(str(path), part)
    assert etag.endswith("-4")
    assert part in candidate_part_sizes(len(data), 4)
    [item] = with_md5([LocalFile("big.bin", str(path), len(data))])
    same = plan([item], {"big.bin": RemoteObject("big.bin", len(data), etag)}, HeaderPolicy())
    assert same.uploads == () and same.unchanged == ("big.bin",)
    other = plan([item], {"big.bin": RemoteObject("big.bin", len(data), "0" * 32 + "-4")}, HeaderPolicy())
    assert [u.reason for u in other.uploads] == ["changed"]


def _record(files, extra=None):
    """A version 2 record of ``files`` (plus ``extra`` objects), opened as the quick check
    reads it: the header, then a stream of lines."""
    import io

    from amplify_category_hosting.publish.manifest import Manifest, read_header
    from amplify_category_hosting.publish.quick import Record

    objects = {f.key: (f.md5, f.size, HeaderPolicy().tag(f.key)) for f in files} | (extra or {})
    stream = io.BytesIO(Manifest("n", "site", objects).to_bytes())
    return Record(stream, read_header(stream.readline()))


def test_the_quick_check_needs_a_fresh_record_that_matches_every_file(tmp_path):
    import time

    from amplify_category_hosting.publish.quick import QuickCheck, compare, load

    files = [local("app.js", b"b"), local("index.html", b"a")]
    stale = {"old.js": (None, 3, None)}

    def same(record_files, local_files, delete=False, headers=HeaderPolicy()):
        found = compare(local_files, _record(record_files, stale), delete=delete, headers=headers)
        return found and (found.keys, found.kept)

    assert same(files, files) == (["app.js", "index.html"], 1)
    assert not same(files, files, delete=True), "--delete has a stale object to remove"
    assert not same(files, [files[0], local("index.html", b"changed")])
    assert not same(files[:1], files), "a file the record does not hold"
    rule = HeaderPolicy([CacheRule("*.js", "public, max-age=60")])
    assert not same(files, files, headers=rule), "a new Cache-Control rule"
    check = QuickCheck("site", "deploy", "u1", "u2", "http://127.0.0.1:1", time.time() + 3600)
    assert check.usable("site", "deploy") and not check.usable("other", "deploy")
    assert not QuickCheck("site", "deploy", "u1", "u2", "e", time.time() + 60).usable("site", "deploy")
    (tmp_path / "broken.json").write_text("{")
    assert load(tmp_path / "broken.json") is None and load(tmp_path / "missing.json") is None


def test_the_walk_and_both_files_share_one_key_order_whatever_the_names(tmp_path, make_dist):
    """Prefix relations ("a" / "a-b" / "a.txt" / "a/b"), unicode, spaces, tabs and newlines in
    names: the walk yields sorted keys, and the record and the cache round-trip them."""
    from amplify_category_hosting.publish.hash_cache import HashCache
    from amplify_category_hosting.publish.manifest import Manifest
    from amplify_category_hosting.publish.quick import compare
    from amplify_category_hosting.publish.scan import walk

    names = [
        "a-b",
        "a.txt",
        "a/b",
        "a/b c",
        "a0",
        "ab/c",
        "é/x",
        "z",
        "\u00e9.txt",
        "日本.html",
        "tab\there",
        "new\nline",
        '"quoted',
        "a/.hidden/x",
        "ä/ö/ü",
    ]
    dist = make_dist(tmp_path / "dist", {name: name for name in names})
    walked = with_md5(list(walk(dist)))
    keys = [f.key for f in walked]
    assert keys == sorted(names) and len(keys) == len(names)

    objects = {f.key: (f.md5, f.size, "t") for f in walked}
    assert Manifest.from_bytes(Manifest("n", "b", objects).to_bytes()).objects == objects
    found = compare(walked, _record(walked), delete=True, headers=HeaderPolicy())
    assert found is not None and found.keys == keys and found.kept == 0
    for gone in ("a-b", "a/b", "é/x", "z"):  # a key missing on either side is a difference
        others = [f for f in walked if f.key != gone]
        assert compare(others, _record(walked), delete=True, headers=HeaderPolicy()) is None
        assert compare(walked, _record(others), delete=False, headers=HeaderPolicy()) is None

    cache_file = tmp_path / "hashes.txt"
    for _ in range(2):
        with HashCache(cache_file, dist) as cache:
            assert [cache.lookup(f) for f in walked] in ([None] * len(walked), [f.md5 for f in walked])
            for f in walked:
                cache.store(f)
            cache.finish()
    with HashCache(cache_file, dist) as cache:
        assert [cache.lookup(f) for f in walked] == [f.md5 for f in walked], "every name remembered"


def test_a_damaged_record_or_cache_is_never_trusted(tmp_path, make_dist):
    import io

    from amplify_category_hosting.publish.hash_cache import HashCache
    from amplify_category_hosting.publish.manifest import Manifest, read_header
    from amplify_category_hosting.publish.quick import Record, compare

    dist = make_dist(tmp_path / "dist", {f"f{i}.js": str(i) for i in range(5)})
    files = with_md5(scan(dist).files)
    body = Manifest("n", "site", {f.key: (f.md5, f.size, None) for f in files}).to_bytes()
    lines = body.splitlines(keepends=True)
    for damaged in (
        b"".join(lines[:-1]),  # cut short at a line's end: the count says so
        body[:-5],  # cut inside a line
        b"".join([lines[0], lines[2], lines[1], *lines[3:]]),  # out of order
        b"".join([lines[0], lines[1], lines[1], *lines[2:-1]]),  # a key twice
    ):
        stream = io.BytesIO(damaged)
        found = compare(
            files, Record(stream, read_header(stream.readline())), delete=False, headers=HeaderPolicy()
        )
        assert found is None
        assert Manifest.from_bytes(damaged) is None

    cache_file = tmp_path / "hashes.txt"
    with HashCache(cache_file, dist) as cache:
        for f in files:
            cache.lookup(f)
            cache.store(f)
        cache.finish()
    text = cache_file.read_bytes()
    cache_file.write_bytes(
        text[: text.index(b"f2.js")] + b"f2.js\t1\tnot-a-number\n" + text[text.index(b"f3.js") :]
    )
    with HashCache(cache_file, dist) as cache:
        assert [cache.lookup(f) is not None for f in files] == [True, True, False, False, False]
        for f in files:
            cache.store(f)
        cache.finish()
    with HashCache(cache_file, dist) as cache:
        assert all(cache.lookup(f) == f.md5 for f in files), "rewritten whole"
