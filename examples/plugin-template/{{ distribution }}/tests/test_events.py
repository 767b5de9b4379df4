"""Each event handler, fired the way the core fires it."""

from __future__ import annotations

from amplify_core.plugin import Outcome

from {{ package }} import plugin


# [[if event=pre_init]]
def test_pre_init(register_plugin, amplify_context, hook_recorder, capsys):
    register_plugin(plugin)
    amplify_context.fire("amplify_pre_init")
    assert hook_recorder.called("amplify_pre_init")
    assert "{{ name }}: initialising" in capsys.readouterr().out


# [[end]]
# [[if event=post_init]]
def test_post_init(register_plugin, amplify_context, hook_recorder, capsys):
    register_plugin(plugin)
    amplify_context.fire("amplify_post_init", env_name="dev")
    assert hook_recorder.getcalls("amplify_post_init")[0].kwargs["env_name"] == "dev"
    assert "{{ name }}: initialised environment dev" in capsys.readouterr().out


# [[end]]
# [[if event=pre_push]]
def test_pre_push(register_plugin, amplify_context, hook_recorder, capsys):
    register_plugin(plugin)
    amplify_context.fire("amplify_pre_push", command="push")
    assert hook_recorder.called("amplify_pre_push")
    assert "{{ name }}: push starting" in capsys.readouterr().out


# [[end]]
# [[if event=post_push]]
def test_post_push(register_plugin, amplify_context, hook_recorder, capsys):
    register_plugin(plugin)
    amplify_context.fire("amplify_post_push", command="push", result=Outcome(success=True))
    amplify_context.fire("amplify_post_push", command="publish", result=Outcome(False, RuntimeError("boom")))
    calls = hook_recorder.getcalls("amplify_post_push")
    assert [call.kwargs["command"] for call in calls] == ["push", "publish"]
    captured = capsys.readouterr()
    assert "{{ name }}: push succeeded" in captured.out
    assert "{{ name }}: publish failed: boom" in captured.err


# [[end]]
# [[if event=pre_publish]]
def test_pre_publish(register_plugin, amplify_context, hook_recorder, capsys):
    register_plugin(plugin)
    amplify_context.fire("amplify_pre_publish")
    assert hook_recorder.called("amplify_pre_publish")
    assert "{{ name }}: publishing" in capsys.readouterr().out


# [[end]]
# [[if event=post_publish]]
def test_post_publish(register_plugin, amplify_context, hook_recorder, capsys):
    register_plugin(plugin)
    amplify_context.fire("amplify_post_publish", result=Outcome(success=True, url="https://example.test"))
    assert hook_recorder.called("amplify_post_publish")
    assert "{{ name }}: published https://example.test" in capsys.readouterr().out


# [[end]]
# [[if event=post_env_add]]
def test_post_env_add(register_plugin, amplify_context, hook_recorder, capsys):
    register_plugin(plugin)
    amplify_context.fire("amplify_post_env_add", env_name="prod", from_env="dev")
    assert hook_recorder.called("amplify_post_env_add")
    assert "{{ name }}: environment prod added" in capsys.readouterr().out


# [[end]]
# [[if event=post_env_remove]]
def test_post_env_remove(register_plugin, amplify_context, hook_recorder, capsys):
    register_plugin(plugin)
    amplify_context.fire("amplify_post_env_remove", env_name="prod")
    assert hook_recorder.called("amplify_post_env_remove")
    assert "{{ name }}: environment prod removed" in capsys.readouterr().out


# [[end]]
# [[if event=codegen]]
def test_codegen(register_plugin, amplify_context, hook_recorder, capsys):
    register_plugin(plugin)
    amplify_context.fire("amplify_codegen", params={"generateCode": True, "codeLanguage": "typescript"})
    assert hook_recorder.called("amplify_codegen")
    assert "{{ name }}: codegen for typescript" in capsys.readouterr().out


# [[end]]
