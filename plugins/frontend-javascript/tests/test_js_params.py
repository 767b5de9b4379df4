"""Headless ``--frontend`` validation through the model's JSON Schema, as the core does it."""

from __future__ import annotations

import pytest
from amplify_frontend_javascript.params import JavascriptParams
from jsonschema import Draft202012Validator
from pydantic import ValidationError

GEN1_SAMPLE = {  # headless_init_new_project.sh, without its "frontend" key
    "framework": "react",
    "config": {
        "SourceDir": "src",
        "DistributionDir": "build",
        "BuildCommand": "npm run-script build",
        "StartCommand": "npm run-script start",
    },
}


def errors(params):
    validator = Draft202012Validator(JavascriptParams.model_json_schema())
    return sorted(validator.iter_errors(params), key=lambda e: (list(e.absolute_path), e.message))


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(JavascriptParams.model_json_schema())


@pytest.mark.parametrize("params", [GEN1_SAMPLE, {}, {"framework": "vue"}, {"config": GEN1_SAMPLE["config"]}])
def test_valid_params(params):
    assert errors(params) == []
    JavascriptParams.model_validate(params)


def test_unknown_framework_is_refused_at_its_path():
    [error] = errors({**GEN1_SAMPLE, "framework": "flutter"})
    assert list(error.absolute_path) == ["framework"]
    assert "'flutter' is not one of ['angular', 'ionic', 'react', 'vue', 'none']" == error.message


def test_incomplete_config_names_every_missing_key():
    found = errors({"framework": "react", "config": {"SourceDir": "src"}})
    assert [list(e.absolute_path) for e in found] == [["config"]] * 3
    assert [e.message for e in found] == [
        "'BuildCommand' is a required property",
        "'DistributionDir' is a required property",
        "'StartCommand' is a required property",
    ]


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({**GEN1_SAMPLE, "frontend": "javascript"}, []),  # the core strips this key first
        ({**GEN1_SAMPLE, "config": {**GEN1_SAMPLE["config"], "Extra": "x"}}, ["config"]),
        ({**GEN1_SAMPLE, "config": {**GEN1_SAMPLE["config"], "SourceDir": ""}}, ["config", "SourceDir"]),
        ({**GEN1_SAMPLE, "config": {**GEN1_SAMPLE["config"], "BuildCommand": 3}}, ["config", "BuildCommand"]),
        ({"framework": "React"}, ["framework"]),
    ],
)
def test_schema_and_model_refuse_the_same_input(params, path):
    [error] = errors(params)
    assert list(error.absolute_path) == path
    with pytest.raises(ValidationError):
        JavascriptParams.model_validate(params)


@pytest.mark.parametrize("key", ["framework", "config"])
def test_explicit_null_is_refused_by_the_schema(key):
    # The schema is the core's gate; "left out" is spelled by leaving the key out.
    found = errors({key: None})
    assert found and all(list(e.absolute_path) == [key] for e in found)
