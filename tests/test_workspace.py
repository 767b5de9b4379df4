"""The installed workspace as a new user sees it after the README's setup command."""

from __future__ import annotations

import json

from amplify_core.testing import ProcessResult, run_amplify

OFFICIAL = {
    "javascript": "amplify-frontend-javascript",
    "android": "amplify-frontend-android",
    "ios": "amplify-frontend-ios",
    "awscloudformation": "amplify-provider-awscloudformation",
    "hosting": "amplify-category-hosting",
    "auth": "amplify-category-auth",
    "function": "amplify-category-function",
    "api": "amplify-category-api",
    "sandbox": "amplify-sandbox",
}


def amplify(*args: str) -> ProcessResult:
    return run_amplify(*args, timeout=60)


def test_help_lists_the_whole_command_tree():
    result = amplify("--help")
    assert result.code == 0, result.err
    commands = {
        line.split()[0]
        for line in result.out.split("Commands:")[1].splitlines()
        if line.startswith("  ") and line.split()
    }
    for name in (
        "init",
        "configure",
        "status",
        "push",
        "publish",
        "run",
        "env",
        "hosting",
        "auth",
        "api",
        "function",
        "plugin",
        "sandbox",
        "schema",
        "awscloudformation",
    ):
        assert name in commands, f"{name} missing from amplify --help"


def test_the_official_plugins_are_active_with_versions():
    rows = json.loads(amplify("plugin", "list", "--json").out)["plugins"]
    active = {r["name"]: r for r in rows if r["status"] == "active"}
    for name, dist in OFFICIAL.items():
        assert name in active, f"{name} is not active: {rows}"
        assert active[name]["distribution"] == dist
        assert active[name]["version"]


def test_version_lists_core_and_plugins():
    out = amplify("--version").out
    assert out.startswith("amplify-cli-core ")
    for dist in set(OFFICIAL.values()):
        assert dist in out
