"""The frontend on small folders: detection, settings, the Dart file, headless parameters."""

from __future__ import annotations

import json

import pytest
from amplify_core.plugin import UsageError
from amplify_frontend_flutter import plugin
from amplify_frontend_flutter.frontend import DEFAULT_RES_DIR, FlutterFrontend


@pytest.fixture
def frontend() -> FlutterFrontend:
    return FlutterFrontend(context=None)


def test_scan_scores_pubspec_like_gen1(frontend, tmp_path):
    assert frontend.scan(tmp_path) == 0
    (tmp_path / "pubspec.yaml").write_text("name: app\n")
    assert frontend.scan(tmp_path) == 100  # above javascript's 90 for a package.json


def test_detect_defaults_to_lib(frontend, tmp_path):
    assert (
        frontend.detect(tmp_path)
        == {"config": {"ResDir": "./lib/"}}
        == {"config": {"ResDir": DEFAULT_RES_DIR}}
    )


def test_question_and_answers(frontend):
    defaults = frontend.detect(".")
    [question] = frontend.questions(defaults)
    assert (question.id, question.default) == ("ResDir", "./lib/")
    assert question.check("") == "A value is required."
    assert frontend.settings_from_answers(defaults, {"ResDir": "lib/config"}) == {
        "config": {"ResDir": "lib/config"}
    }
    assert frontend.settings_from_answers(defaults, {"config": {"ResDir": "src"}}) == {
        "config": {"ResDir": "src"}
    }
    assert frontend.settings_from_answers(defaults, {}) == defaults


def test_writes_and_removes_the_dart_file(frontend, tmp_path):
    settings = {"config": {"ResDir": "./lib/"}}
    [path] = frontend.write_config_files(tmp_path, settings, {"aws_project_region": "us-east-1"})
    assert path == tmp_path / "lib" / "amplifyconfiguration.dart"
    assert path.read_text().startswith("const amplifyconfig = ''' {\n")
    assert frontend.remove_config_files(tmp_path, settings) == [path]
    assert frontend.remove_config_files(tmp_path, settings) == []


def test_res_dir_stays_inside_the_project(frontend, tmp_path):
    [path] = frontend.write_config_files(tmp_path, {"config": {"ResDir": "/lib"}}, {})
    assert path == tmp_path / "lib" / "amplifyconfiguration.dart"


def test_missing_res_dir_is_a_usage_error(frontend, tmp_path):
    with pytest.raises(UsageError, match="config.ResDir"):
        frontend.write_config_files(tmp_path, {"config": {}}, {})


def test_schema_is_published(register_plugin, amplify_cli):
    register_plugin(plugin)
    result = amplify_cli(["schema", "frontend.flutter"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["$defs"]["FlutterConfig"]["required"] == ["ResDir"]
    assert schema["additionalProperties"] is False
