"""``amplify add storage`` answered in a real pseudo-terminal (InquirerPy through the core prompter)."""

from __future__ import annotations

import json

import pexpect
import pytest
from amplify_core.testing import DOWN, ENTER, UP


def test_add_a_table_with_an_index_in_a_terminal(project):
    child = project.spawn("add", "storage")
    child.expect("Select from one of the below mentioned services")
    child.send(DOWN + ENTER)  # NoSQL Database
    child.expect("Provide a friendly name")
    child.send("\x7f" * 20 + "todos" + ENTER)
    child.expect("Provide table name")
    child.send(ENTER)  # empty: the resource name
    child.expect("Partition key name")
    child.send(ENTER)  # id
    child.expect("Partition key type")
    child.send(ENTER)  # string
    child.expect("Sort key name")
    child.send("createdAt" + ENTER)
    child.expect("Do you want to add global secondary indexes")
    child.send("y")
    child.expect("Sort key type")
    child.send(DOWN + ENTER)  # number
    child.expect("Provide the GSI name")
    child.send("byOwner" + ENTER)
    child.expect("GSI partition key name")
    child.send("\x7f" * 5 + "owner" + ENTER)
    child.expect("GSI partition key type")
    child.send(ENTER)
    child.expect("GSI sort key name")
    child.send(ENTER)
    child.expect("add more global secondary indexes")
    child.send("n")
    child.expect("Successfully added resource todos locally")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    inputs = json.loads((project.backend / "storage" / "todos" / "cli-inputs.json").read_text())
    assert inputs == {
        "resourceName": "todos",
        "tableName": "todos",
        "partitionKey": {"fieldName": "id", "fieldType": "string"},
        "sortKey": {"fieldName": "createdAt", "fieldType": "number"},
        "gsi": [{"name": "byOwner", "partitionKey": {"fieldName": "owner", "fieldType": "string"}}],
        "triggerFunctions": [],
    }


@pytest.mark.slow
def test_add_then_remove_an_s3_trigger_in_a_terminal(project):
    for name in ("onupload", "other"):
        params = json.dumps({"functionName": name, "runtime": "nodejs24.x"})
        assert project.amplify("add", "function", "--yes", "--params", params).code == 0
    child = project.spawn("add", "storage")
    child.expect("Select from one of the below mentioned services")
    child.send(ENTER)  # Content
    child.expect("Provide a friendly name")
    child.send("\x7f" * 20 + "files" + ENTER)
    child.expect("Provide bucket name")
    child.send("\x7f" * 60 + f"{project.name}-files" + ENTER)
    child.expect("What kind of access do you want for Authenticated users")
    child.send(ENTER)  # all three
    child.expect("What kind of access do you want for Guest users")
    child.send(ENTER)  # none
    child.expect("Do you want to add a Lambda Trigger for your S3 Bucket")
    child.send("y")
    child.expect("Select the function S3 invokes")
    child.send(ENTER)  # onupload (the first)
    child.expect("Successfully added resource files locally")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    inputs = json.loads((project.backend / "storage" / "files" / "cli-inputs.json").read_text())
    assert inputs["triggerFunction"] == "onupload"
    config = json.loads((project.backend / "backend-config.json").read_text())
    assert config["storage"]["files"]["dependsOn"][0]["resourceName"] == "onupload"

    child = project.spawn("update", "storage", "files")
    child.expect("What kind of access do you want for Authenticated users")
    child.send(ENTER)
    child.expect("What kind of access do you want for Guest users")
    child.send(ENTER)
    child.expect("Select from the following options")
    child.send(UP + ENTER)  # Update the Trigger, Remove the Trigger, [Skip Question]: up to Remove
    child.expect("Successfully updated resource files locally")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    inputs = json.loads((project.backend / "storage" / "files" / "cli-inputs.json").read_text())
    assert inputs["triggerFunction"] == "NONE"
    config = json.loads((project.backend / "backend-config.json").read_text())
    assert config["storage"]["files"]["dependsOn"] == []
