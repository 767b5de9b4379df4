"""Bad headless input: exit 2, a message naming the flag and the problem, nothing on disk."""

from __future__ import annotations

import time


def assert_untouched(folder):
    assert not (folder / "amplify").exists()
    assert not (folder / ".gitignore").exists()


def test_malformed_json_names_flag_and_position(run_amplify, tmp_path):
    result = run_amplify("init", "--amplify", "{not json", "--yes")
    assert result.code == 2
    assert "--amplify" in result.err
    assert "line 1 column 2" in result.err
    assert_untouched(tmp_path)


def test_missing_parameter_file_is_named(run_amplify, tmp_path):
    result = run_amplify("init", "--amplify", "@missing.json", "--yes")
    assert result.code == 2
    assert "missing.json" in result.err and "--amplify" in result.err
    assert_untouched(tmp_path)


def test_json_from_file_and_stdin_is_validated(run_amplify, tmp_path):
    (tmp_path / "amplify.json").write_text('{"projectName": "x", "envName": "NOPE"}')
    from_file = run_amplify("init", "--amplify", "@amplify.json", "--yes")
    assert from_file.code == 2
    assert "--amplify.envName: 'NOPE' does not match" in from_file.err
    from_stdin = run_amplify("init", "--amplify", "-", "--yes", stdin='{"defaultEditor": "notepad"}')
    assert from_stdin.code == 2
    assert "--amplify.defaultEditor" in from_stdin.err
    assert_untouched(tmp_path)


def test_every_problem_is_listed_with_its_path(run_amplify, tmp_path):
    result = run_amplify("init", "--amplify", '{"projectName": 5, "envName": "Dev1", "extra": true}', "--yes")
    assert result.code == 2
    assert "--amplify.projectName: 5 is not of type 'string'" in result.err
    assert "--amplify.envName" in result.err
    assert "'extra' was unexpected" in result.err
    assert_untouched(tmp_path)


def test_unknown_frontend_lists_installed_ones(run_amplify, tmp_path):
    result = run_amplify("init", "--frontend", '{"frontend": "flutterish"}', "--yes")
    assert result.code == 2
    assert "'flutterish' is not an installed frontend" in result.err
    assert_untouched(tmp_path)


def test_only_one_flag_may_read_stdin(run_amplify, tmp_path):
    result = run_amplify("init", "--amplify", "-", "--frontend", "-", "--yes", stdin="{}")
    assert result.code == 2
    assert "Only one parameter can read standard input" in result.err


def test_secret_values_are_not_echoed(run_amplify, tmp_path):
    secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"
    bad = '{"awscloudformation": {"secretAccessKey": "' + secret + '", '
    result = run_amplify("init", "--providers", bad, "--yes")
    assert result.code == 2
    assert secret not in result.err + result.out


def test_no_terminal_fails_at_once_listing_what_is_needed(run_amplify, tmp_path):
    started = time.monotonic()
    result = run_amplify("init", timeout=20)
    assert time.monotonic() - started < 20
    assert result.code == 2
    for needed in ("projectName", "envName", "defaultEditor", "frontend"):
        assert needed in result.err
    assert_untouched(tmp_path)


def test_ci_true_never_prompts_even_with_a_terminal_like_stdin(run_amplify, tmp_path):
    result = run_amplify("init", "--amplify", '{"projectName": "demo"}', env={"CI": "true"})
    assert result.code == 2
    assert "envName" in result.err and "projectName" not in result.err.split("Provide these values")[1]


def test_schema_command_prints_and_lists(run_amplify):
    listed = run_amplify("schema")
    assert listed.code == 0 and "amplify" in listed.out.split() and "codegen" in listed.out.split()
    import json

    schema = json.loads(run_amplify("schema", "amplify").out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["properties"]["envName"]["pattern"] == "^[a-z]{2,10}$"
    assert "default" not in schema["properties"]["envName"]  # no misleading "default": null
    assert run_amplify("schema", "nope").code == 2
