"""build() and start(): the configured command, from the project root, failures as exit 1."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from amplify_core.errors import OperationError


def settings(build="true", start="true", dist="build"):
    return {
        "framework": "none",
        "config": {"SourceDir": "src", "DistributionDir": dist, "BuildCommand": build, "StartCommand": start},
    }


def test_failing_build_names_the_command_and_its_exit_code(frontend, tmp_path):
    with pytest.raises(OperationError) as caught:
        frontend.build(tmp_path, settings(build="echo building; exit 3"))
    assert caught.value.exit_code == 1
    assert caught.value.message == "The build command `echo building; exit 3` failed with exit code 3."


def test_failing_start_says_start(frontend, tmp_path):
    with pytest.raises(OperationError, match=r"^The start command `false` failed with exit code 1\.$"):
        frontend.start(tmp_path, settings(start="false"))


def test_a_command_killed_by_a_signal_says_so(frontend, tmp_path):
    with pytest.raises(OperationError, match="was stopped by SIGTERM"):
        frontend.build(tmp_path, settings(build="kill -TERM $$"))


def test_commands_run_from_the_project_root(frontend, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    project = tmp_path / "project"
    project.mkdir()
    frontend.build(project, settings(build="pwd > built-here.txt"))
    frontend.start(project, settings(start="pwd > started-here.txt"))
    assert (project / "built-here.txt").read_text().strip() == os.path.realpath(project)
    assert (project / "started-here.txt").read_text().strip() == os.path.realpath(project)


def test_missing_project_folder_is_an_operation_error(frontend, tmp_path):
    with pytest.raises(OperationError, match="Could not run the build command"):
        frontend.build(tmp_path / "gone", settings())


def test_dist_dir_is_relative_to_the_project(frontend, tmp_path):
    assert frontend.dist_dir(tmp_path, settings(dist="dist/app")) == tmp_path / "dist" / "app"
    assert frontend.dist_dir(tmp_path, settings(dist="/")) == tmp_path


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_example_web_app_builds_offline_into_its_dist_dir(frontend, web_app, tmp_path):
    project = tmp_path / "web-app"
    shutil.copytree(web_app, project, ignore=shutil.ignore_patterns("build", "node_modules", "amplify"))
    settings_ = frontend.detect(project)
    frontend.write_config_files(project, settings_, {"aws_project_region": "us-east-1"})
    frontend.build(project, settings_)
    dist = frontend.dist_dir(project, settings_)
    assert dist == project / "build"
    names = sorted(str(p.relative_to(dist)) for p in dist.rglob("*") if p.is_file())
    assert [n for n in names if not n.startswith("static/")] == [
        "404.html",
        "index.html",
        "manifest.webmanifest",
        "robots.txt",
    ]
    static = [n for n in names if n.startswith("static/")]
    assert [re.sub(r"\.[0-9a-f]{8}\.", ".<hash>.", n) for n in static] == [
        "static/amplifyconfiguration.json",
        "static/app.<hash>.js",
        "static/aws-exports.js",
        "static/styles.<hash>.css",
    ]
    index = (dist / "index.html").read_text()
    assert f'src="/{static[1]}"' in index and f'href="/{static[3]}"' in index
    assert (dist / "404.html").read_text() == index


def test_a_windows_build_command_elsewhere_says_what_to_change(frontend, tmp_path):
    # Gen 1 on Windows writes npm.cmd (as two of the real Gen 1 projects have it).
    with pytest.raises(OperationError) as caught:
        frontend.build(tmp_path, settings(build="npm.cmd run-script build"))
    assert caught.value.message == "The build command `npm.cmd run-script build` failed with exit code 127."
    assert "`npm.cmd` is the Windows name of `npm`" in caught.value.hint
    assert "amplify configure project" in caught.value.hint
