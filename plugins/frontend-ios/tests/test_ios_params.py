"""Headless ``--frontend`` validation: nothing to set, Gen 1's stray ``config`` tolerated."""

from __future__ import annotations

import pytest
from amplify_core.state.jsonfile import dumps
from amplify_frontend_ios.params import IosParams
from jsonschema import Draft202012Validator
from pydantic import ValidationError


def errors(params):
    return list(Draft202012Validator(IosParams.model_json_schema()).iter_errors(params))


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(IosParams.model_json_schema())


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"config": {}},
        {"config": {"ResDir": "app/src/main/res"}},  # Gen 1's frontend-config-drift.sh
    ],
)
def test_valid_params_all_give_the_same_settings(frontend, params):
    assert errors(params) == []
    IosParams.model_validate(params)
    assert dumps(frontend.settings_from_answers(frontend.detect("."), params)) == dumps({"config": {}})


@pytest.mark.parametrize(
    ("params", "path"),
    [({"framework": "react"}, []), ({"config": "app"}, ["config"])],
)
def test_schema_and_model_refuse_the_same_input(params, path):
    [error] = errors(params)
    assert list(error.absolute_path) == path
    with pytest.raises(ValidationError):
        IosParams.model_validate(params)


def test_nothing_is_asked(frontend):
    assert frontend.questions(frontend.detect(".")) == []
