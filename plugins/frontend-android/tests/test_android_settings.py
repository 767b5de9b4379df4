"""The prompt and the settings: interactive answers and headless JSON give the same project-config.json."""

from __future__ import annotations

import pytest
from amplify_core.state.jsonfile import dumps
from amplify_frontend_android.params import AndroidParams
from jsonschema import Draft202012Validator


def test_one_question_for_res_dir(frontend, android_app):
    [question] = frontend.questions(frontend.detect(android_app))
    assert (question.id, question.message, question.default) == (
        "ResDir",
        "Where is your Res directory:",
        "app/src/main/res",
    )
    assert question.check("") == "A value is required."


@pytest.mark.parametrize("res_dir", [None, "mobile/src/main/res"])
def test_interactive_and_headless_write_the_same_project_config(frontend, android_app, res_dir):
    defaults = frontend.detect(android_app)
    [question] = frontend.questions(defaults)
    answer = res_dir or question.default
    interactive = frontend.settings_from_answers(defaults, {"ResDir": answer})

    params = {"config": {"ResDir": answer}}
    assert list(Draft202012Validator(AndroidParams.model_json_schema()).iter_errors(params)) == []
    nested = frontend.settings_from_answers(defaults, params)
    flat = frontend.settings_from_answers(defaults, params["config"])  # as the core flattens it
    assert dumps({"android": interactive}) == dumps({"android": nested}) == dumps({"android": flat})
    assert interactive == {"config": {"ResDir": answer}}


def test_headless_without_config_keeps_the_current_res_dir(frontend):
    current = {"config": {"ResDir": "lib/res"}}
    assert frontend.settings_from_answers(current, {}) == current
