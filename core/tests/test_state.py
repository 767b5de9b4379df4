"""Project state: atomic writes, the .gitignore block, root discovery, unknown keys kept."""

from __future__ import annotations

import json
import os

import pytest
from amplify_core.errors import ProjectError, UsageError
from amplify_core.state.gitignore import BEGIN, END, update_gitignore, with_amplify_block
from amplify_core.state.jsonfile import read_json, write_json
from amplify_core.state.models import BackendConfig, LocalAwsInfo, ProjectConfig, TeamProviderInfo
from amplify_core.state.paths import find_project_root
from amplify_core.state.project import Project


def test_write_json_is_atomic_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "a" / "file.json"
    write_json(target, {"b": 1, "a": [1, 2]})
    assert target.read_text() == '{\n  "b": 1,\n  "a": [\n    1,\n    2\n  ]\n}\n'
    os.chmod(target, 0o600)
    write_json(target, {"x": 1}, sort_keys=True)
    assert json.loads(target.read_text()) == {"x": 1}
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.json"]


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "file.json"
    write_json(target, {"old": True})
    with pytest.raises(TypeError):
        write_json(target, {"bad": object()})
    assert json.loads(target.read_text()) == {"old": True}
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


def test_read_json_names_the_file_and_position(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": 1,,}')
    with pytest.raises(UsageError) as err:
        read_json(bad)
    assert str(bad) in err.value.message and "line 1" in err.value.message
    assert read_json(tmp_path / "none.json", default={}) == {}


def test_gitignore_block_is_replaced_in_place_never_duplicated(tmp_path):
    (tmp_path / ".gitignore").write_text(f"node_modules\n{BEGIN}\nold-line\n{END}\n*.log\n")
    update_gitignore(tmp_path)
    update_gitignore(tmp_path)
    text = (tmp_path / ".gitignore").read_text()
    assert text.count(BEGIN) == 1 and text.count(END) == 1
    assert "old-line" not in text
    lines = text.splitlines()
    assert lines[0] == "node_modules" and lines[-1] == "*.log"
    assert "amplify/\\#current-cloud-backend" in lines
    assert with_amplify_block("").startswith(BEGIN)


def test_project_root_is_found_by_walking_up(tmp_path):
    root = tmp_path / "app"
    (root / "amplify" / ".config").mkdir(parents=True)
    write_json(
        root / "amplify" / ".config" / "project-config.json",
        {"projectName": "app", "version": "3.1", "frontend": "ios", "providers": ["awscloudformation"]},
    )
    deep = root / "src" / "components"
    deep.mkdir(parents=True)
    assert find_project_root(deep) == root.resolve()
    assert find_project_root(tmp_path) is None
    with pytest.raises(ProjectError):
        Project.find(tmp_path)


def test_models_keep_unknown_keys(tmp_path):
    gen1 = {
        "projectName": "myapp",
        "version": "3.1",
        "frontend": "javascript",
        "javascript": {"framework": "react", "config": {"SourceDir": "src"}},
        "providers": ["awscloudformation"],
        "whyContinueWithGen1": "Prefer not to answer",
    }
    config = ProjectConfig.model_validate(gen1)
    assert config.model_dump(exclude_none=True) == gen1
    assert config.frontend_settings() == {"framework": "react", "config": {"SourceDir": "src"}}
    switched = config.with_frontend("ios", {"config": {}})
    assert "javascript" not in switched.model_dump() and switched.model_dump()["ios"] == {"config": {}}

    tpi = {"dev": {"awscloudformation": {"Region": "us-east-1"}, "categories": {}, "future": 1}}
    assert TeamProviderInfo.model_validate(tpi).model_dump(exclude_none=True) == tpi
    aws = {"dev": {"configLevel": "project", "useProfile": True, "profileName": "default", "x": 2}}
    assert LocalAwsInfo.model_validate(aws).model_dump(exclude_none=True) == aws
    backend = {
        "hosting": {
            "S3AndCloudFront": {
                "service": "S3AndCloudFront",
                "providerPlugin": "awscloudformation",
                "extra": [1],
            }
        }
    }
    assert BackendConfig.model_validate(backend).model_dump(exclude_none=True) == backend


def test_team_provider_info_is_written_sorted(tmp_path):
    project = Project(tmp_path)
    project.save_team_provider_info({"prod": {"b": 1, "a": 2}, "dev": {}})
    text = project.paths.team_provider_info.read_text()
    assert text.index('"dev"') < text.index('"prod"') and text.index('"a"') < text.index('"b"')
