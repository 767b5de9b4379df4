"""Prompts and settings: interactive answers and headless JSON give the same project-config.json."""

from __future__ import annotations

import pytest
from amplify_core.state.jsonfile import dumps
from amplify_frontend_javascript.frameworks import default_config
from amplify_frontend_javascript.params import JavascriptParams
from jsonschema import Draft202012Validator


def answer(questions, given):
    """Answer like a prompter: the given answer or the default, each checked by its question."""
    answers = {}
    for question in questions:
        value = given.get(question.id, question.default)
        assert question.check(value) is None, (question.id, value)
        answers[question.id] = value
    return answers


def headless(params):
    """What the core hands over after validating ``--frontend`` (without its "frontend" key)."""
    assert list(Draft202012Validator(JavascriptParams.model_json_schema()).iter_errors(params)) == []
    return JavascriptParams.model_validate(params).model_dump(exclude_none=True)


def test_questions_are_the_framework_then_the_four_settings(frontend, web_app):
    questions = frontend.questions(frontend.detect(web_app))
    assert [(q.id, q.kind, q.default) for q in questions] == [
        ("framework", "select", "react"),
        ("SourceDir", "input", "src"),
        ("DistributionDir", "input", "build"),
        ("BuildCommand", "input", "npm run-script build"),
        ("StartCommand", "input", "npm run-script start"),
    ]
    assert [c.value for c in questions[0].normalized_choices()] == [
        "angular",
        "ionic",
        "react",
        "vue",
        "none",
    ]
    assert questions[0].message == "What javascript framework are you using"


def test_blank_answers_and_unknown_frameworks_are_refused(frontend, web_app):
    framework, source_dir, *_ = frontend.questions(frontend.detect(web_app))
    assert framework.check("flutter") is not None
    assert source_dir.check("   ") == "A value is required."
    assert source_dir.check("app/src") is None


@pytest.mark.parametrize(
    "given",
    [
        {},
        {
            "SourceDir": "app",
            "DistributionDir": "public",
            "BuildCommand": "make",
            "StartCommand": "make serve",
        },
        {"framework": "vue"},
    ],
)
def test_interactive_and_headless_write_the_same_project_config(frontend, web_app, given):
    defaults = frontend.detect(web_app)
    interactive = frontend.settings_from_answers(defaults, answer(frontend.questions(defaults), given))
    params = {
        "framework": interactive["framework"],
        "config": dict(interactive["config"]),
    }
    from_json = frontend.settings_from_answers(defaults, headless(params))
    assert dumps({"javascript": from_json}) == dumps({"javascript": interactive})
    assert list(interactive) == ["framework", "config"]
    assert list(interactive["config"]) == ["SourceDir", "DistributionDir", "BuildCommand", "StartCommand"]


def test_headless_without_config_takes_the_named_frameworks_defaults(frontend, web_app):
    defaults = frontend.detect(web_app)  # react
    settings = frontend.settings_from_answers(defaults, headless({"framework": "vue"}))
    assert settings == {"framework": "vue", "config": default_config("vue")}  # pinned in test_js_detection


def test_headless_without_framework_keeps_the_detected_one(frontend, web_app):
    defaults = frontend.detect(web_app)
    config = {"SourceDir": "web", "DistributionDir": "out", "BuildCommand": "b", "StartCommand": "s"}
    assert frontend.settings_from_answers(defaults, headless({"config": config})) == {
        "framework": "react",
        "config": config,
    }
    assert frontend.settings_from_answers(defaults, headless({})) == defaults


def test_detected_angular_output_survives_naming_the_same_framework(frontend, make_project):
    project = make_project(
        {
            "package.json": {"dependencies": {"@angular/core": "^15"}},
            "angular.json": {
                "projects": {"a": {"architect": {"build": {"options": {"outputPath": "dist/a"}}}}}
            },
        }
    )
    settings = frontend.settings_from_answers(frontend.detect(project), headless({"framework": "angular"}))
    assert settings["config"]["DistributionDir"] == "dist/a"


def test_answers_given_as_none_fall_back_to_defaults(frontend, web_app):
    # A core passing model_dump() without exclude_none must get the same result.
    defaults = frontend.detect(web_app)
    assert frontend.settings_from_answers(defaults, {"framework": None, "config": None}) == defaults
