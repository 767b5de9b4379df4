"""One reading of a plugin's requirement on the core, for discovery and ``plugin verify``."""

from __future__ import annotations

import pytest
from amplify_core.plugins.requirements import core_requirements


@pytest.mark.parametrize(
    ("text", "excludes_0_1", "bounded"),
    [
        ("amplify-cli-core>=0.1,<0.2", False, True),
        ("amplify_cli_core (>=0.1)", False, False),  # old Requires-Dist spelling, no upper bound
        ("Amplify.CLI-Core[testing]>=5", True, False),  # names are normalised; extras ignored
        ("amplify-cli-core>=5; python_version >= '3.8'", True, False),  # a marker that holds
        ("amplify-cli-core @ file:///src/core", False, False),  # a direct reference: no bound
    ],
)
def test_a_requirement_on_the_core_is_read_once_for_both_questions(text, excludes_0_1, bounded):
    [found] = core_requirements([text, "boto3>=1"])
    assert found.text == text
    assert found.excludes("0.1.0") is excludes_0_1
    assert found.has_upper_bound() is bounded


def test_requirements_that_do_not_apply_or_cannot_be_read():
    assert core_requirements(["amplify-cli-core>=5; extra == 'testing'"]) == []  # only with an extra
    assert core_requirements(["amplify-cli-core-extras>=5", "boto3"]) == []  # another distribution
    [unreadable] = core_requirements(["amplify-cli-core>=not-a-version"])
    assert unreadable.specifier is None and not unreadable.excludes("0.1.0")
