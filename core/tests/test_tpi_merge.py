"""The team-provider-info.json three-way merge (pure) and the driver on files."""

from __future__ import annotations

import json

from amplify_core.state.merge_driver import ATTRIBUTE_LINE, ensure_gitattributes, run_driver
from amplify_core.state.tpi_merge import merge_documents

DEV = {"awscloudformation": {"Region": "us-east-1", "StackName": "amplify-app-dev-11111"}}
TEST = {"awscloudformation": {"Region": "us-east-1", "StackName": "amplify-app-test-22222"}}
QA = {"awscloudformation": {"Region": "eu-west-1", "StackName": "amplify-app-qa-33333"}}


def test_environments_added_on_both_sides_merge():
    result = merge_documents({"dev": DEV}, {"dev": DEV, "test": TEST}, {"dev": DEV, "qa": QA})
    assert result.conflicts == [] and result.merged == {"dev": DEV, "qa": QA, "test": TEST}


def test_different_keys_of_one_environment_merge_and_removals_are_kept():
    ours = {"dev": {"awscloudformation": {**DEV["awscloudformation"], "Region": "eu-west-1"}}, "test": TEST}
    theirs = {"dev": {"awscloudformation": {**DEV["awscloudformation"], "AuthRoleName": "r"}}}
    result = merge_documents({"dev": DEV, "test": TEST}, ours, theirs)
    assert result.conflicts == []
    assert result.merged == {
        "dev": {
            "awscloudformation": {
                "Region": "eu-west-1",
                "StackName": "amplify-app-dev-11111",
                "AuthRoleName": "r",
            }
        }
    }


def test_only_the_same_key_changed_differently_conflicts():
    ours = {"dev": {"awscloudformation": {**DEV["awscloudformation"], "Region": "eu-west-1"}}}
    theirs = {"dev": {"awscloudformation": {**DEV["awscloudformation"], "Region": "ap-south-1"}}}
    assert merge_documents({"dev": DEV}, ours, theirs).conflicts == ["dev.awscloudformation.Region"]
    same = merge_documents({"dev": DEV}, ours, ours)
    assert same.conflicts == [] and same.merged == ours
    # the same new environment added with different stacks on two branches
    other_test = {"awscloudformation": {**TEST["awscloudformation"], "StackName": "amplify-app-test-99999"}}
    assert merge_documents({}, {"test": TEST}, {"test": other_test}).conflicts == [
        "test.awscloudformation.StackName"
    ]
    # changed on one side, removed on the other
    assert merge_documents({"dev": DEV, "test": TEST}, {"dev": DEV}, {"dev": DEV, "test": QA}).conflicts == [
        "test"
    ]


def test_driver_writes_the_merge_sorted_or_leaves_conflict_markers(tmp_path, capsys):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text(json.dumps({"dev": DEV}))
    ours.write_text(json.dumps({"dev": DEV, "test": TEST}))
    theirs.write_text(json.dumps({"qa": QA, "dev": DEV}))
    assert run_driver(base, ours, theirs, "amplify/team-provider-info.json") == 0
    assert list(json.loads(ours.read_text())) == ["dev", "qa", "test"]

    ours.write_text(json.dumps({"dev": {"awscloudformation": {"Region": "eu-west-1"}}}, indent=2))
    theirs.write_text(json.dumps({"dev": {"awscloudformation": {"Region": "ap-south-1"}}}, indent=2))
    assert run_driver(base, ours, theirs, "amplify/team-provider-info.json") == 1
    assert "<<<<<<< ours" in ours.read_text() and ">>>>>>> theirs" in ours.read_text()
    assert "dev.awscloudformation.Region" in capsys.readouterr().err


def test_gitattributes_line_is_added_once_after_what_is_there(tmp_path):
    (tmp_path / ".gitattributes").write_text("*.png binary")
    assert ensure_gitattributes(tmp_path) is True
    assert ensure_gitattributes(tmp_path) is False
    assert (tmp_path / ".gitattributes").read_text() == f"*.png binary\n{ATTRIBUTE_LINE}\n"
