"""``amplify init`` in the Flutter example picks this frontend and writes the Dart file."""

from __future__ import annotations

import json
import os

import pytest
from amplify_core.testing import run_amplify
from amplify_frontend_flutter import plugin

AMPLIFY = json.dumps({"projectName": "flutterapp", "envName": "dev", "defaultEditor": "vscode"})
FRONTEND = json.dumps({"frontend": "flutter", "config": {"ResDir": "./lib/"}})
EXPECTED = """const amplifyconfig = ''' {
    "UserAgent": "aws-amplify-cli/2.0",
    "Version": "1.0"
}''';
"""


def test_headless_init_writes_the_dart_config(register_plugin, in_memory_cloud, amplify_cli, flutter_app):
    register_plugin(plugin)
    result = amplify_cli(
        [
            "init",
            "--yes",
            "--amplify",
            AMPLIFY,
            "--frontend",
            FRONTEND,
            "--providers",
            '{"awscloudformation": {}}',
        ],
        cwd=flutter_app,
    )
    assert result.exit_code == 0, result.output
    assert (flutter_app / "lib" / "amplifyconfiguration.dart").read_text() == EXPECTED
    config = json.loads((flutter_app / "amplify" / ".config" / "project-config.json").read_text())
    assert config["frontend"] == "flutter"
    assert config["flutter"] == {"config": {"ResDir": "./lib/"}}
    assert "amplifyconfiguration.dart" in (flutter_app / ".gitignore").read_text()


def test_init_yes_picks_flutter_over_javascript(register_plugin, in_memory_cloud, amplify_cli, flutter_app):
    javascript = pytest.importorskip("amplify_frontend_javascript.plugin")
    register_plugin(plugin)
    register_plugin(javascript, kind="frontend", name="javascript")
    (flutter_app / "package.json").write_text('{"name": "tooling"}')  # javascript scores 90 for it
    result = amplify_cli(["init", "--yes", "--amplify", AMPLIFY], cwd=flutter_app)
    assert result.exit_code == 0, result.output
    config = json.loads((flutter_app / "amplify" / ".config" / "project-config.json").read_text())
    assert config["frontend"] == "flutter"
    assert (flutter_app / "lib" / "amplifyconfiguration.dart").is_file()


def test_incomplete_config_is_refused_before_anything_is_written(
    register_plugin, in_memory_cloud, amplify_cli, flutter_app
):
    register_plugin(plugin)
    frontend = json.dumps({"frontend": "flutter", "config": {}})
    result = amplify_cli(["init", "--yes", "--amplify", AMPLIFY, "--frontend", frontend], cwd=flutter_app)
    assert result.exit_code == 2
    assert "--frontend.config: 'ResDir' is a required property" in result.stderr
    assert not (flutter_app / "amplify").exists()


def test_prompts_are_answered_by_question_id(register_plugin, in_memory_cloud, amplify_cli, flutter_app):
    register_plugin(plugin)
    answers = {
        "projectName": "flutterapp",
        "envName": "dev",
        "defaultEditor": "vscode",
        "frontend": "flutter",
        "acceptDefaults": False,
        "ResDir": "lib/generated",
    }
    result = amplify_cli(
        ["init", "--providers", '{"awscloudformation": {}}'], answers=answers, cwd=flutter_app
    )
    assert result.exit_code == 0, result.output
    assert "ResDir" in result.asked
    assert (flutter_app / "lib" / "generated" / "amplifyconfiguration.dart").is_file()


@pytest.mark.slow
def test_real_init_against_the_sandbox(request, flutter_app, tmp_path):
    """The installed plugin, the real provider and the real ``amplify`` command, on local AWS."""
    from importlib.metadata import PackageNotFoundError, distribution

    from amplify_core.testing import sandbox_fixture

    for needed in ("amplify-frontend-flutter", "amplify-provider-awscloudformation"):
        try:
            distribution(needed)
        except PackageNotFoundError:
            pytest.skip(f"{needed} is not installed")
    server = sandbox_fixture(request, "sandbox_server")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
    env.update(server.env())
    env.update(
        {
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "CI": "true",
            "AWS_CONFIG_FILE": str(home / "none"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "none"),
        }
    )
    done = run_amplify(
        "init",
        "--yes",
        "--amplify",
        AMPLIFY,
        "--frontend",
        FRONTEND,
        "--providers",
        json.dumps({"awscloudformation": {"configLevel": "general"}}),
        cwd=flutter_app,
        env=env,
        timeout=180,
    )
    assert done.code == 0, done.out + done.err
    assert (flutter_app / "lib" / "amplifyconfiguration.dart").read_text() == EXPECTED
