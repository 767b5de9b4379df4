"""``amplify_core.testing``, the opt-in pytest plugin for plugin authors, tested as they use it."""

from __future__ import annotations

import sys
import types

import pytest
from amplify_core import hookimpl
from amplify_core.cli import runtime
from amplify_core.context import Outcome
from amplify_core.descriptors import CommandInfo
from amplify_core.plugins.loader import load_plugins
from amplify_core.plugins.records import Status
from amplify_core.prompts.question import Question

pytest_plugins = ["pytester", "amplify_core.testing"]


def make_plugin(name: str = "demo", **hooks) -> types.ModuleType:
    module = types.ModuleType(f"fake_{name.replace('-', '_')}_plugin")
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))
    return module


def ask_command(name: str = "ask"):
    """A plugin adding ``amplify <name>`` that asks two questions and echoes standard input."""
    import typer

    app = typer.Typer(name=name)

    @app.callback()
    def main():
        """Ask things."""

    @app.command()
    def go(read_stdin: bool = typer.Option(False, "--stdin")):
        ctx = runtime.context()
        answers = ctx.prompter.ask(
            [
                Question(id="colour", message="Colour?", flag="--colour"),
                Question(id="size", message="Size?", default="M", flag="--size"),
            ]
        )
        ctx.console.print(f"{answers['colour']}/{answers['size']}")
        if read_stdin:
            ctx.console.print(sys.stdin.read().strip())

    return make_plugin(name, amplify_commands=lambda: [CommandInfo(name=name, summary="asks", app=app)])


def test_not_loaded_unless_asked_for(pytester):
    pytester.makepyfile("def test_x(amplify_cli):\n    pass\n")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'amplify_cli' not found*"])


def test_opt_in_from_conftest(pytester):
    pytester.makeconftest('pytest_plugins = ["amplify_core.testing"]\n')
    pytester.makepyfile(
        "def test_x(amplify_cli, plugin_set):\n"
        "    assert plugin_set.records == []\n"
        "    assert amplify_cli(['plugin', 'list', '--json']).exit_code == 0\n"
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_plugin_set_is_fresh_and_installed(plugin_set, plugin_manager):
    assert runtime.plugins() is plugin_set
    assert plugin_manager is plugin_set.pm
    assert plugin_set.records == [] and plugin_manager.get_plugins() == set()


def test_register_plugin_goes_through_the_loader(register_plugin, plugin_set, amplify_cli):
    record = register_plugin(ask_command(), name="asker")
    assert (record.name, record.kind, record.distribution, record.status) == (
        "asker",
        "util",
        "test",
        Status.ACTIVE,
    )
    assert "ask" in plugin_set.commands
    assert "ask" in amplify_cli(["--help"]).stdout
    register_plugin.undo()
    assert plugin_set.commands == {} and plugin_set.records == [] and plugin_set.pm.get_plugins() == set()


def test_refused_plugins_fail_the_test_unless_expected(register_plugin, pytester):
    bad = make_plugin("bad", amplify_post_psuh=lambda context: None)
    record = register_plugin(bad, expect_active=False)
    assert record.status is Status.INCOMPATIBLE
    assert "unknown hook(s) amplify_post_psuh" in record.reason
    pytester.makeconftest('pytest_plugins = ["amplify_core.testing"]\n')
    pytester.makepyfile(
        "import types\nfrom amplify_core import hookimpl\n"
        "def test_x(register_plugin):\n"
        "    m = types.ModuleType('m')\n"
        "    m.amplify_commands = hookimpl(lambda: [1])\n"
        "    register_plugin(m)\n"
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*plugin 'm' (test 0.0.0) registered an invalid descriptor*"])


def test_everything_is_undone_after_a_test(pytester):
    pytester.makeconftest('pytest_plugins = ["amplify_core.testing"]\n')
    pytester.makepyfile(
        "import types\nfrom amplify_core import hookimpl\nfrom amplify_core.cli import runtime\n"
        "def test_one(register_plugin, amplify_cli):\n"
        "    m = types.ModuleType('m')\n"
        "    m.amplify_post_push = hookimpl(lambda context, command, result: None)\n"
        "    register_plugin(m)\n"
        "    amplify_cli(['--version'], answers={'a': 1})\n"
        "def test_two():\n"
        "    assert runtime._plugins is None and runtime._prompter_override is None\n"
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_cli_answers_by_question_id(register_plugin, amplify_cli, tmp_path):
    register_plugin(ask_command())
    result = amplify_cli(["ask", "go"], answers={"colour": "red", "size": "L"}, cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.asked) == (0, "red/L\n", ["colour", "size"])


def test_cli_never_prompts_without_answers(register_plugin, amplify_cli):
    register_plugin(ask_command())
    result = amplify_cli("ask go")
    assert result.exit_code == 2
    assert "colour: Colour? (--colour)" in result.stderr and "size: Size? (--size)" in result.stderr


def test_cli_stdin_cwd_and_env_are_restored(register_plugin, amplify_cli, tmp_path, monkeypatch):
    import os

    register_plugin(ask_command())
    monkeypatch.setenv("AMPLIFY_TEST_VAR", "outer")
    before = os.getcwd()
    result = amplify_cli(
        ["ask", "go", "--stdin"],
        answers={"colour": "c", "size": "s"},
        stdin="piped\n",
        cwd=tmp_path,
        env={"AMPLIFY_TEST_VAR": "inner", "AMPLIFY_OTHER": None},
    )
    assert result.stdout == "c/s\npiped\n"
    assert os.getcwd() == before and os.environ["AMPLIFY_TEST_VAR"] == "outer"


def test_cli_reports_bad_usage_like_the_real_command(amplify_cli):
    result = amplify_cli(["no-such-command"])
    assert result.exit_code == 2
    assert "No such command 'no-such-command'" in result.stderr


def test_hook_recorder_sees_pluggy_calls_and_broadcast_events(
    register_plugin, amplify_context, hook_recorder, capsys
):
    seen = []
    plugin = make_plugin(
        amplify_pre_push=lambda context, command: seen.append(("pre", command)),
        amplify_post_push=lambda context, command, result: seen.append(("post", result.success)),
    )
    register_plugin(plugin)
    amplify_context.fire("amplify_pre_push", command="push")
    amplify_context.fire(
        "amplify_post_push", command="push", result=Outcome(success=False, error=ValueError("x"))
    )
    amplify_context.fire("amplify_post_env_remove", env_name="old")  # nobody implements it: still recorded
    assert seen == [("pre", "push"), ("post", False)]
    assert hook_recorder.names == ["amplify_pre_push", "amplify_post_push", "amplify_post_env_remove"]
    assert hook_recorder.getcalls("amplify_pre_push")[0].kwargs["command"] == "push"
    assert hook_recorder.getcalls("amplify_post_push")[0].kwargs["context"] is amplify_context


def test_fake_dist_is_discovered_for_real(fake_dist):
    fake_dist(
        "amplify-util-fakeone",
        "3.0.0",
        entry_points={"amplify.plugins": {"fakeone": "amplify_util_fakeone"}},
        files={
            "amplify_util_fakeone/__init__.py": (
                "from amplify_core import hookimpl\n"
                "@hookimpl\ndef amplify_post_push(context, command, result):\n    pass\n"
            )
        },
    )
    record = next(r for r in load_plugins().records if r.name == "fakeone")
    assert (record.status, record.distribution, record.version) == (
        Status.ACTIVE,
        "amplify-util-fakeone",
        "3.0.0",
    )


def test_sandbox_is_skipped_with_a_reason_when_not_installed(pytester):
    pytester.makeconftest(
        'import sys\nsys.modules["amplify_sandbox.testing"] = None\npytest_plugins = ["amplify_core.testing"]\n'
    )
    pytester.makepyfile("def test_x(sandbox):\n    pass\n")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-rs")
    sys.modules.pop("amplify_sandbox.testing", None)  # pytester restores sys.modules too
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*needs amplify-sandbox (pip install amplify-sandbox)*"])


def test_sandbox_gives_a_local_aws_when_installed(sandbox):
    s3 = sandbox.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="plugin-testing-bucket")
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["plugin-testing-bucket"]


def test_assert_plugin_valid(tmp_path):
    from amplify_core.testing import assert_plugin_valid

    with pytest.raises(AssertionError, match="no pyproject.toml"):
        assert_plugin_valid(tmp_path)
    with pytest.raises(AssertionError, match="neither a folder nor an installed distribution"):
        assert_plugin_valid("no-such-distribution-xyz")
