"""Pure rules: bucket names, TTLs, Content-Type and Cache-Control."""

from __future__ import annotations

import pytest
from amplify_category_hosting.publish.content import (
    IMMUTABLE,
    NO_CACHE,
    REVALIDATE,
    CacheRule,
    HeaderPolicy,
    content_type,
    default_cache_control,
)
from amplify_category_hosting.validation import (
    check_bucket_name,
    check_ttl,
    check_ttl_order,
    default_bucket_name,
)


@pytest.mark.parametrize(
    "name, ok",
    [
        ("my-site-1", True),
        ("a.b.c", True),
        ("abc", True),
        ("ab", False),
        ("a" * 64, False),
        ("My-Site", False),
        ("-site", False),
        ("site-", False),
        ("my..site", False),
        ("my.-site", False),
        ("192.168.1.1", False),
        ("xn--site", False),
        ("site_name", False),
        ("site-s3alias", False),
    ],
)
def test_bucket_names_follow_s3_rules(name, ok):
    assert (check_bucket_name(name) is None) is ok


def test_the_env_suffix_counts_towards_63_characters():
    assert check_bucket_name("a" * 60) is None
    assert "environment suffix" in check_bucket_name("a" * 60, suffix="-prod")


def test_default_bucket_name_is_lower_cased_not_stripped():
    name = default_bucket_name("MyApp", "20260101120000")
    assert name == "myapp-20260101120000-hostingbucket" and check_bucket_name(name, suffix="-dev") is None


def test_ttls_are_whole_numbers_in_order():
    assert check_ttl("60") is None and check_ttl(0) is None
    assert check_ttl("1.5") and check_ttl("-1") and check_ttl(True) and check_ttl("abc")
    assert check_ttl_order(0, 86400, 31536000) is None
    assert "min ≤ default ≤ max" in check_ttl_order(100, 10, 1000)


@pytest.mark.parametrize(
    "key, expected",
    [
        ("index.html", "text/html; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("mod.mjs", "text/javascript; charset=utf-8"),
        ("s.css", "text/css; charset=utf-8"),
        ("data.json", "application/json"),
        ("app.js.map", "application/json"),
        ("logo.svg", "image/svg+xml"),
        ("m.wasm", "application/wasm"),
        ("f.woff2", "font/woff2"),
        ("site.webmanifest", "application/manifest+json"),
        (".well-known/apple-app-site-association", "application/json"),
        (".well-known/assetlinks.json", "application/json"),
        ("README", "application/octet-stream"),
    ],
)
def test_content_types_of_web_files(key, expected):
    assert content_type(key) == expected


@pytest.mark.parametrize(
    "key, expected",
    [
        ("index.html", NO_CACHE),
        ("docs/page.html", NO_CACHE),
        ("sw.js", NO_CACHE),
        ("manifest.webmanifest", NO_CACHE),
        ("static/app.b4bb678c.js", IMMUTABLE),
        ("assets/index-DiwrgTda.js", IMMUTABLE),
        ("static/media/logo.6ce24c58023cc2f8fd88fe9d219db6c6.svg", IMMUTABLE),
        ("robots.txt", REVALIDATE),
        ("jquery-3.6.0.min.js", REVALIDATE),
        ("react-dom.production.min.js", REVALIDATE),
    ],
)
def test_default_cache_control(key, expected):
    assert default_cache_control(key) == expected


def test_cache_rules_use_gitignore_patterns_and_the_last_match_wins():
    policy = HeaderPolicy(
        [
            CacheRule("*.png", "public, max-age=600"),
            CacheRule("/img/hero.png", "no-store"),
            CacheRule("fonts/", "public, max-age=31536000, immutable"),
        ]
    )
    assert policy.cache_control("a/b/pic.png") == "public, max-age=600"
    assert policy.cache_control("img/hero.png") == "no-store"
    assert policy.cache_control("x/img/hero.png") == "public, max-age=600"
    assert policy.cache_control("fonts/a.woff2") == IMMUTABLE
    assert policy.cache_control("index.html") == NO_CACHE


@pytest.mark.parametrize("workers", [1, 4, 32])
def test_hosting_clients_retry_like_every_other_client_of_the_project(
    register_plugin, amplify_context, workers
):
    import amplify_provider_awscloudformation.plugin as aws
    from amplify_category_hosting.aws import client_config

    register_plugin(aws, name="awscloudformation", kind="provider")
    provider = amplify_context.provider("awscloudformation")
    shared = provider.client_config()
    config = client_config(provider, workers)
    assert config.retries == shared.retries == {"mode": "standard", "max_attempts": 10}
    assert config.connect_timeout == shared.connect_timeout
    assert config.max_pool_connections >= workers + 4
    assert config.request_checksum_calculation == "when_required"
