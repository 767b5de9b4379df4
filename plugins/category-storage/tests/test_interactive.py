"""``amplify add storage`` answered in a real pseudo-terminal (InquirerPy through the core prompter)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pexpect

AMPLIFY = str(Path(sys.executable).with_name("amplify"))

DOWN, ENTER = "\x1b[B", "\r"


def test_add_a_table_with_an_index_in_a_terminal(project):
    env = {k: v for k, v in project.env.items() if k != "CI"} | {"TERM": "xterm"}
    child = pexpect.spawn(
        AMPLIFY,
        ["add", "storage"],
        cwd=str(project.root),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 160),
    )
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
