"""The prompter picks who answers; nobody answering is an error listing every question."""

from __future__ import annotations

import pytest
from amplify_core.errors import MissingInputError, UsageError
from amplify_core.prompts.prompter import (
    DefaultsPrompter,
    NonInteractivePrompter,
    ScriptedPrompter,
    make_prompter,
)
from amplify_core.prompts.question import Question

QUESTIONS = [
    Question(
        id="envName", message="Env?", default="dev", validate=lambda v: None if v.islower() else "lowercase"
    ),
    Question(id="stage", message="Stage?", kind="select", choices=["DEV", "PROD"], default="DEV"),
]


def test_non_interactive_lists_every_missing_value():
    with pytest.raises(MissingInputError) as err:
        NonInteractivePrompter().ask(QUESTIONS)
    assert err.value.exit_code == 2
    assert "envName" in err.value.message and "stage" in err.value.message


def test_defaults_and_missing_defaults():
    assert DefaultsPrompter().ask(QUESTIONS) == {"envName": "dev", "stage": "DEV"}
    with pytest.raises(MissingInputError) as err:
        DefaultsPrompter().ask([Question(id="bucket", message="Bucket?")])
    assert "bucket" in err.value.message


def test_scripted_answers_are_validated():
    assert ScriptedPrompter({"envName": "prod", "stage": "PROD"}).ask(QUESTIONS) == {
        "envName": "prod",
        "stage": "PROD",
    }
    with pytest.raises(UsageError) as err:
        ScriptedPrompter({"envName": "Prod", "stage": "TEST"}).ask(QUESTIONS)
    assert "envName: lowercase" in err.value.message and "stage" in err.value.message


def test_ci_or_pipe_means_no_prompts(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert isinstance(make_prompter(yes=False), NonInteractivePrompter)
    assert isinstance(make_prompter(yes=True), DefaultsPrompter)
