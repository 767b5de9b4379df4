"""Scan scores: an Xcode project folder or a Podfile."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
from amplify_core.lazy import resolve


def test_example_ios_app_is_detected(frontend, ios_app):
    assert frontend.scan(ios_app) == 100
    assert frontend.detect(ios_app) == {"config": {}}


def test_an_xcodeproj_folder_alone_is_enough(frontend, tmp_path):
    (tmp_path / "My App.xcodeproj").mkdir()
    assert frontend.scan(tmp_path) == 100


def test_a_podfile_alone_is_enough(frontend, tmp_path):
    (tmp_path / "Podfile").write_text("platform :ios, '15.0'\n")
    assert frontend.scan(tmp_path) == 100


def test_other_folders_score_zero(frontend, tmp_path):
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "notes.xcodeproj").write_text("")  # a file, not an Xcode project folder
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "App.xcodeproj").mkdir()  # only the root counts
    assert frontend.scan(tmp_path) == 0
    assert frontend.scan(tmp_path / "missing") == 0


def test_an_xcode_project_with_a_package_json_is_an_ios_app(tmp_path):
    frontends = {}
    for ep in entry_points(group="amplify.frontends"):  # loaded as the core loads them
        [info] = ep.load().amplify_frontends()
        frontends[info.name] = resolve(info.factory)(None)
    if "javascript" not in frontends:
        pytest.skip("amplify-frontend-javascript is not installed")
    (tmp_path / "App.xcodeproj").mkdir()
    (tmp_path / "package.json").write_text("{}")
    scores = {name: f.scan(tmp_path) for name, f in frontends.items()}
    assert max(scores, key=scores.get) == "ios"
    assert scores["ios"] > scores["javascript"] > 0
