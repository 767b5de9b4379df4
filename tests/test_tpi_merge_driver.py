"""team-provider-info.json merges by environment (issue 13, item 7), with real git and the
real ``amplify`` command against the sandbox: two teammates (two homes, two clones of one
origin) add environments ``test`` and ``qa`` on their own branches; the merge is clean.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest
from amplify_core.testing import AMPLIFY
from amplify_sandbox.testing import sandbox_server  # noqa: F401 - session fixture

GENERAL = json.dumps({"awscloudformation": {"configLevel": "general"}})
FRONTEND = json.dumps(
    {
        "frontend": "javascript",
        "framework": "none",
        "config": {
            "SourceDir": "src",
            "DistributionDir": "dist",
            "BuildCommand": "true",
            "StartCommand": "true",
        },
    }
)
TPI = "amplify/team-provider-info.json"


def teammate_env(tmp_path: Path, who: str, sandbox_server) -> dict[str, str]:  # noqa: F811
    home = tmp_path / f"home-{who}"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_", "GIT_"))}
    env.update(sandbox_server.env())
    env.update(
        {
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "CI": "true",
            "AWS_CONFIG_FILE": str(home / "no-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-creds"),
            "GIT_AUTHOR_NAME": who,
            "GIT_AUTHOR_EMAIL": f"{who}@example.com",
            "GIT_COMMITTER_NAME": who,
            "GIT_COMMITTER_EMAIL": f"{who}@example.com",
            "GIT_CONFIG_GLOBAL": str(home / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
        }
    )
    return env


def run(cwd: Path, env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    command = [AMPLIFY, *args[1:]] if args[0] == "amplify" else list(args)
    result = subprocess.run(
        command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300
    )
    if check:
        assert result.returncode == 0, (
            f"{' '.join(args)}: {result.returncode}\n{result.stdout}{result.stderr}"
        )
    return result


@pytest.mark.slow
def test_two_teammates_add_test_and_qa_on_branches_and_merge_cleanly(tmp_path: Path, sandbox_server):  # noqa: F811
    alice, bob = (teammate_env(tmp_path, who, sandbox_server) for who in ("alice", "bob"))
    origin = tmp_path / "origin.git"
    run(tmp_path, alice, "git", "init", "-q", "--bare", "-b", "main", str(origin))

    app = tmp_path / "alice-app"
    (app / "dist").mkdir(parents=True)
    (app / "dist" / "index.html").write_text("<!doctype html><title>team</title>")
    run(app, alice, "git", "init", "-q", "-b", "main")
    run(
        app,
        alice,
        "amplify",
        "init",
        "--yes",
        "--amplify",
        json.dumps({"projectName": f"team{uuid.uuid4().hex[:6]}", "envName": "dev"}),
        "--providers",
        GENERAL,
        "--frontend",
        FRONTEND,
    )
    assert "merge=amplify-team-provider-info" in (app / ".gitattributes").read_text()
    driver = run(app, alice, "git", "config", "--get", "merge.amplify-team-provider-info.driver").stdout
    assert driver.rstrip().endswith("merge-driver merge %O %A %B %P")
    run(app, alice, "git", "add", "-A")
    run(app, alice, "git", "commit", "-qm", "amplify init")
    run(app, alice, "git", "remote", "add", "origin", str(origin))
    run(app, alice, "git", "push", "-q", "origin", "main")

    run(app, alice, "git", "checkout", "-q", "-b", "test")
    run(app, alice, "amplify", "env", "add", "test", "--yes", "--providers", GENERAL)
    run(app, alice, "git", "commit", "-qam", "env test")
    run(app, alice, "git", "push", "-q", "origin", "test")

    clone = tmp_path / "bob-app"
    run(tmp_path, bob, "git", "clone", "-q", str(origin), str(clone))
    run(clone, bob, "git", "checkout", "-q", "-b", "qa")
    run(clone, bob, "amplify", "pull", "--yes")  # attaches the clone to dev, registers the driver
    run(clone, bob, "amplify", "env", "add", "qa", "--yes", "--providers", GENERAL)
    run(clone, bob, "git", "commit", "-qam", "env qa")
    run(clone, bob, "git", "fetch", "-q", "origin")

    # Without the driver git's line merge conflicts on these two versions.
    versions = {}
    for rev in ("main", "qa", "origin/test"):
        versions[rev] = tmp_path / f"tpi-{rev.replace('/', '-')}.json"
        versions[rev].write_text(run(clone, bob, "git", "show", f"{rev}:{TPI}").stdout)
    plain = run(
        clone,
        bob,
        "git",
        "merge-file",
        "-p",
        str(versions["qa"]),
        str(versions["main"]),
        str(versions["origin/test"]),
        check=False,
    )
    assert plain.returncode > 0 and "<<<<<<<" in plain.stdout

    merged = run(clone, bob, "git", "merge", "--no-edit", "origin/test", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    tpi = json.loads((clone / TPI).read_text())
    assert sorted(tpi) == ["dev", "qa", "test"]
    for env_name in ("dev", "qa", "test"):
        assert tpi[env_name]["awscloudformation"]["StackName"].split("-")[2] == env_name
    assert run(clone, bob, "git", "status", "--porcelain").stdout == ""
    run(clone, bob, "amplify", "env", "checkout", "test", "--yes")  # the merged file is one amplify reads
