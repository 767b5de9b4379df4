"""Scan scores and defaults, including a project that is also an npm package."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
from amplify_core.lazy import resolve


def test_example_android_app_is_detected_with_the_default_res_dir(frontend, android_app):
    assert frontend.scan(android_app) == 100
    assert frontend.detect(android_app) == {"config": {"ResDir": "app/src/main/res"}}
    assert (android_app / "app/src/main/res").is_dir()


@pytest.mark.parametrize("build_file", ["build.gradle", "build.gradle.kts"])
def test_a_gradle_build_file_alone_is_enough(frontend, tmp_path, build_file):
    (tmp_path / build_file).write_text("")
    assert frontend.scan(tmp_path) == 100


def test_other_folders_score_zero(frontend, tmp_path):
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "build.gradle").mkdir()  # a folder, not the build file
    assert frontend.scan(tmp_path) == 0


def installed_frontends():
    """Every installed frontend, loaded the way the core loads them (the plugins never import
    each other)."""
    found = {}
    for ep in entry_points(group="amplify.frontends"):
        [info] = ep.load().amplify_frontends()
        found[info.name] = resolve(info.factory)(None)
    return found


def test_a_gradle_project_with_a_package_json_is_an_android_app(tmp_path):
    frontends = installed_frontends()
    if "javascript" not in frontends:
        pytest.skip("amplify-frontend-javascript is not installed")
    (tmp_path / "build.gradle").write_text("")
    (tmp_path / "package.json").write_text('{"devDependencies": {"react": "18"}}')
    scores = {name: f.scan(tmp_path) for name, f in frontends.items()}
    assert max(scores, key=scores.get) == "android"
    assert scores["android"] > scores["javascript"] > 0
