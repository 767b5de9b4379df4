"""Headless ``--frontend`` validation through the model's JSON Schema, as the core does it."""

from __future__ import annotations

import pytest
from amplify_frontend_android.params import AndroidParams
from jsonschema import Draft202012Validator
from pydantic import ValidationError


def errors(params):
    validator = Draft202012Validator(AndroidParams.model_json_schema())
    return sorted(validator.iter_errors(params), key=lambda e: list(e.absolute_path))


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(AndroidParams.model_json_schema())


@pytest.mark.parametrize("params", [{"config": {"ResDir": "app/src/main/res"}}, {}])
def test_valid_params(params):
    assert errors(params) == []
    AndroidParams.model_validate(params)


@pytest.mark.parametrize(
    ("params", "path", "message"),
    [
        ({"config": {}}, ["config"], "'ResDir' is a required property"),
        ({"config": {"ResDir": ""}}, ["config", "ResDir"], "'' should be non-empty"),
        (
            {"config": {"ResDir": "res", "SourceDir": "src"}},
            ["config"],
            "Additional properties are not allowed ('SourceDir' was unexpected)",
        ),
        ({"framework": "react"}, [], "Additional properties are not allowed ('framework' was unexpected)"),
    ],
)
def test_schema_and_model_refuse_the_same_input(params, path, message):
    [error] = errors(params)
    assert (list(error.absolute_path), error.message) == (path, message)
    with pytest.raises(ValidationError):
        AndroidParams.model_validate(params)
