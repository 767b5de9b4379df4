"""Paths a frontend takes from its settings stay inside the project (issue 11, item 7).

``SourceDir``, ``DistributionDir`` (javascript) and ``ResDir`` (android) that lead out of the
project through ``..`` or a symlink are refused with exit 2 naming the key, with nothing
changed: at init (headless JSON), at configure, and when a cloned repository's
``project-config.json`` holds them (init joining an environment, push, publish).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import JS_CONFIG, init_args, make_app


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stacks(sandbox_server) -> set[str]:
    cfn = sandbox_server.client("cloudformation")
    return {s["StackName"] for s in cfn.describe_stacks()["Stacks"]}


def buckets(sandbox_server) -> set[str]:
    return {b["Name"] for b in sandbox_server.client("s3").list_buckets()["Buckets"]}


def set_frontend_config(project: Path, **changes: str) -> None:
    path = project / "amplify" / ".config" / "project-config.json"
    data = json.loads(path.read_text())
    data["javascript"]["config"].update(changes)
    path.write_text(json.dumps(data, indent=2))


def refused(result, key: str) -> None:
    assert result.code == 2, result.text
    assert key in result.err and "outside the project" in result.err, result.err
    assert "Traceback" not in result.text


@pytest.mark.parametrize("key", ["SourceDir", "DistributionDir"])
def test_init_refuses_a_folder_outside_the_project(env, tmp_path, sandbox_server, key):
    app = make_app(tmp_path / "app")
    (tmp_path / "outside").mkdir()
    before, clouds = tree(app), (stacks(sandbox_server), buckets(sandbox_server))
    result = env.run(*init_args("escape", {**JS_CONFIG, key: "../outside"}), cwd=app)
    refused(result, key)
    assert tree(app) == before and not (app / "amplify").exists()
    assert list((tmp_path / "outside").iterdir()) == []
    assert (stacks(sandbox_server), buckets(sandbox_server)) == clouds


def test_init_refuses_a_symlink_that_leads_out(env, tmp_path, sandbox_server):
    app = make_app(tmp_path / "app")
    outside = tmp_path / "outside"
    outside.mkdir()
    (app / "web").symlink_to(outside, target_is_directory=True)
    clouds = stacks(sandbox_server)
    result = env.run(*init_args("escape", {**JS_CONFIG, "SourceDir": "web/src"}), cwd=app)
    refused(result, "SourceDir")
    assert not (app / "amplify").exists() and list(outside.iterdir()) == []
    assert stacks(sandbox_server) == clouds


def test_android_res_dir_outside_the_project_is_refused(env, tmp_path):
    app = tmp_path / "droid"
    app.mkdir()
    (app / "build.gradle").write_text("// android\n")
    result = env.run(
        "init",
        "--yes",
        "--amplify",
        json.dumps({"projectName": "droid", "envName": "dev", "defaultEditor": "code"}),
        "--frontend",
        json.dumps({"frontend": "android", "config": {"ResDir": "../../res"}}),
        "--providers",
        json.dumps({"awscloudformation": {"configLevel": "general"}}),
        cwd=app,
    )
    refused(result, "ResDir")
    assert sorted(p.name for p in app.iterdir()) == ["build.gradle"]


def test_configure_refuses_a_folder_outside_the_project(env, project):
    before = tree(project)
    frontend = {
        "frontend": "javascript",
        "framework": "none",
        "config": {**JS_CONFIG, "DistributionDir": "../outside"},
    }
    result = env.run("configure", "project", "--frontend", json.dumps(frontend), "--yes", cwd=project)
    refused(result, "DistributionDir")
    assert tree(project) == before


def test_a_cloned_project_config_that_leads_out_is_refused_at_use(env, project, tmp_path, sandbox_server):
    """DistributionDir "../outside" and a dist symlink: publish, push and init of the
    clone refuse before any change; fixing it with configure works."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("<html>not the project's</html>")
    added = env.run("hosting", "add", "--stage", "DEV", "--yes", cwd=project)
    assert added.code == 0, added.text
    set_frontend_config(project, DistributionDir="../outside")
    before, clouds = tree(project), (stacks(sandbox_server), buckets(sandbox_server))
    for args in (
        ["publish", "--yes"],
        ["push", "--yes"],
        ["init", "--yes", "--amplify", json.dumps({"envName": "dev"})],
    ):
        refused(env.run(*args, cwd=project), "DistributionDir")
    assert tree(project) == before
    assert (stacks(sandbox_server), buckets(sandbox_server)) == clouds

    (project / "dist").rename(project / "dist-real")
    (project / "dist").symlink_to(outside, target_is_directory=True)
    set_frontend_config(project, DistributionDir="dist")
    refused(env.run("publish", "--yes", cwd=project), "DistributionDir")
    assert (stacks(sandbox_server), buckets(sandbox_server)) == clouds

    (project / "dist").unlink()
    (project / "dist-real").rename(project / "dist")
    set_frontend_config(project, SourceDir="../outside")
    frontend = {"frontend": "javascript", "framework": "none", "config": JS_CONFIG}
    fixed = env.run("configure", "project", "--frontend", json.dumps(frontend), "--yes", cwd=project)
    assert fixed.code == 0, fixed.text
    assert sorted(p.name for p in outside.iterdir()) == ["index.html"]
