"""The frontend on small project folders, and through ``amplify schema``."""

from __future__ import annotations

import json

from {{ package }} import plugin
from {{ package }}.frontend import CONFIG_FILE, MARKER, {{ class_name }}Frontend


def test_scan_recognises_the_marker(tmp_path):
    frontend = {{ class_name }}Frontend(context=None)
    assert frontend.scan(tmp_path) == 0
    (tmp_path / MARKER).write_text("{}")
    assert frontend.scan(tmp_path) == 100


def test_writes_and_removes_the_config_file(tmp_path):
    frontend = {{ class_name }}Frontend(context=None)
    settings = frontend.detect(tmp_path)
    [path] = frontend.write_config_files(tmp_path, settings, {"aws_project_region": "us-east-1"})
    assert path == tmp_path / CONFIG_FILE
    assert json.loads(path.read_text()) == {"aws_project_region": "us-east-1"}
    assert frontend.remove_config_files(tmp_path, settings) == [path]
    assert not path.exists()


def test_answers_become_settings():
    frontend = {{ class_name }}Frontend(context=None)
    defaults = frontend.detect(".")
    assert [q.id for q in frontend.questions(defaults)] == ["ConfigDir"]
    settings = frontend.settings_from_answers(defaults, {"ConfigDir": "config"})
    assert settings == {"config": {"ConfigDir": "config"}}


def test_schema_is_published(register_plugin, amplify_cli):
    register_plugin(plugin)
    result = amplify_cli(["schema", "frontend.{{ name }}"])
    assert result.exit_code == 0, result.output
    assert "ConfigDir" in json.loads(result.stdout)["$defs"]["{{ class_name }}Config"]["properties"]
