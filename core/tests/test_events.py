"""Events go through pluggy: its order and options hold, and one failing plugin is isolated
and named (one line; the traceback only with --debug)."""

from __future__ import annotations

import types

import pytest
from amplify_core import hookimpl
from amplify_core.context import Outcome
from amplify_core.errors import UsageError
from amplify_core.plugins.guard import PluginFailure

pytest_plugins = ["amplify_core.testing"]


def plugin(name: str, **hooks) -> types.ModuleType:
    module = types.ModuleType(f"events_{name}_plugin")
    for hook_name, function in hooks.items():
        setattr(module, hook_name, function)
    return module


def test_post_hooks_run_in_pluggy_order_and_tryfirst_comes_first(register_plugin, amplify_context):
    seen = []
    register_plugin(
        plugin(
            "early",
            amplify_post_push=hookimpl(tryfirst=True)(lambda context, command, result: seen.append("early")),
        ),
        name="early",
    )
    register_plugin(
        plugin("first", amplify_post_push=hookimpl(lambda context, command, result: seen.append("first"))),
        name="first",
    )
    register_plugin(
        plugin("second", amplify_post_push=hookimpl(lambda context, command, result: seen.append("second"))),
        name="second",
    )
    register_plugin(
        plugin(
            "late",
            amplify_post_push=hookimpl(trylast=True)(lambda context, command, result: seen.append("late")),
        ),
        name="late",
    )
    amplify_context.fire("amplify_post_push", command="push", result=Outcome(success=True))
    # pluggy: tryfirst first, then the most recently registered first, trylast last.
    assert seen == ["early", "second", "first", "late"]


def test_a_failing_post_hook_is_named_and_the_others_still_run(register_plugin, amplify_context, capsys):
    seen = []

    def broken(context, env_name):
        raise KeyError("region")

    register_plugin(
        plugin("ok", amplify_post_env_add=hookimpl(lambda context, env_name: seen.append(env_name))),
        name="ok",
        distribution="amplify-util-ok",
    )
    register_plugin(
        plugin("broken", amplify_post_env_add=hookimpl(broken)),
        name="broken",
        distribution="amplify-util-broken",
        version="0.4.0",
    )
    amplify_context.fire("amplify_post_env_add", env_name="prod", from_env="dev")
    assert seen == ["prod"]
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "plugin 'broken' (amplify-util-broken 0.4.0) failed in amplify_post_env_add: KeyError" in lines[0]
    assert "AMPLIFY_DISABLE_PLUGINS=broken" in lines[0]
    assert "Traceback" not in err


def test_a_failing_pre_hook_stops_the_command_naming_the_plugin(
    register_plugin, amplify_context, monkeypatch, capsys
):
    monkeypatch.setenv("AMPLIFY_DEBUG", "1")

    def broken(context, command):
        raise RuntimeError("no network")

    register_plugin(
        plugin("gate", amplify_pre_push=hookimpl(broken)), name="gate", distribution="amplify-util-gate"
    )
    with pytest.raises(PluginFailure) as failure:
        amplify_context.fire("amplify_pre_push", command="push")
    assert failure.value.exit_code == 1
    assert "plugin 'gate' (amplify-util-gate" in failure.value.message
    assert "RuntimeError: no network" in failure.value.message
    assert "Traceback" in capsys.readouterr().err  # --debug / AMPLIFY_DEBUG=1 shows it


def test_a_pre_hook_may_veto_with_an_amplify_error(register_plugin, amplify_context):
    def veto(context, command):
        raise UsageError("pushes are frozen this week")

    register_plugin(plugin("policy", amplify_pre_push=hookimpl(veto)), name="policy")
    with pytest.raises(UsageError, match="pushes are frozen"):
        amplify_context.fire("amplify_pre_push", command="push")


CRASHING_COMMAND = """
import typer
from amplify_core import hookimpl
from amplify_core.descriptors import CommandInfo

app = typer.Typer()

@app.command()
def go():
    {}["missing"]

@hookimpl
def amplify_commands():
    return [CommandInfo(name="crashy", summary="Crashes", app="crashy_plugin:app")]
"""


def test_unexpected_error_in_a_plugin_command_is_one_line_with_traceback_behind_debug(fake_site, run_amplify):
    fake_site.add(
        "amplify-util-crashy",
        "0.2.0",
        group="amplify.plugins",
        name="crashy",
        module="crashy_plugin",
        source=CRASHING_COMMAND,
    )
    result = run_amplify("crashy")
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "plugin 'crashy' (amplify-util-crashy 0.2.0) failed" in lines[0]
    assert "KeyError" in lines[0] and "AMPLIFY_DISABLE_PLUGINS=crashy" in lines[0]

    debug = run_amplify("crashy", "--debug")
    assert debug.code == 1
    assert "Traceback (most recent call last)" in debug.err
    assert 'crashy_plugin.py", line' in debug.err

    disabled = run_amplify("--help", env={"AMPLIFY_DISABLE_PLUGINS": "crashy"})
    assert disabled.code == 0 and "crashy" not in disabled.out
