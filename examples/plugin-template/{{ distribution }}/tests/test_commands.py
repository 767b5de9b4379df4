"""``amplify {{ name }} …`` run in-process, the way a user runs it."""

from __future__ import annotations

from {{ package }} import plugin


def test_listed_in_help(register_plugin, amplify_cli):
    register_plugin(plugin)
    result = amplify_cli(["--help"])
    assert result.exit_code == 0
    assert "{{ name }}" in result.stdout


def test_status(register_plugin, amplify_cli, tmp_path):
    register_plugin(plugin)
    result = amplify_cli(["{{ name }}", "status"], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "{{ name }}: active in" in result.stdout
    assert "no amplify project" in result.stdout
