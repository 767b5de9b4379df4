"""pick_resource: how every category's update/remove chooses its resource."""

from __future__ import annotations

import pytest
from amplify_core.errors import MissingInputError, UsageError
from amplify_core.plugin import pick_resource
from amplify_core.prompts.prompter import DefaultsPrompter, NonInteractivePrompter, ScriptedPrompter

WORDS = {
    "none": "No things have been added to this project.",
    "hint": "Add one with: amplify add thing",
    "message": "Select the thing you want to update",
    "not_found": "{name} is not a thing of this project (it has: {names}).",
}


def test_no_resource_says_how_to_add_one():
    with pytest.raises(UsageError) as error:
        pick_resource(NonInteractivePrompter(), {}, None, **WORDS)
    assert error.value.message == WORDS["none"] and error.value.hint == WORDS["hint"]


def test_a_name_not_there_lists_those_there_are():
    with pytest.raises(UsageError) as error:
        pick_resource(NonInteractivePrompter(), {"b": {}, "a": {}}, "c", **WORDS)
    assert error.value.message == "c is not a thing of this project (it has: a, b)."


def test_without_a_name_it_asks_and_a_single_resource_is_the_default():
    assert pick_resource(ScriptedPrompter({"resourceName": "b"}), {"a": {}, "b": {}}, None, **WORDS) == "b"
    assert pick_resource(DefaultsPrompter(), {"only": {}}, None, **WORDS) == "only"
    with pytest.raises(MissingInputError) as error:  # CI: nothing is asked, the argument is named
        pick_resource(NonInteractivePrompter(), {"a": {}, "b": {}}, None, **WORDS, flag="the thing's name")
    assert "the thing's name" in str(error.value.missing)
