"""``amplify add api`` answered in a real pseudo-terminal (InquirerPy through the core prompter),
then pushed: the local URL answers with the handler's body (issue 15)."""

from __future__ import annotations

import json
import urllib.request

import pexpect
import pytest
from amplify_core.testing import ENTER


@pytest.mark.slow
def test_add_a_rest_api_in_a_terminal_then_get_it(project):
    added = project.amplify(
        "add",
        "function",
        "--yes",
        "--params",
        json.dumps({"functionName": "catalog", "runtime": "nodejs24.x"}),
    )
    assert added.code == 0, added.text
    child = project.spawn("add", "api")
    child.expect("Select from one of the below mentioned services")
    child.send(ENTER)  # REST (the default)
    child.expect("Provide a friendly name for your resource")
    child.send("\x7f" * 20 + "itemsapi" + ENTER)
    child.expect(r"Provide a path \(e\.g\., /book/\{isbn\}\)")
    child.send(ENTER)  # /items
    child.expect("Choose the Lambda function to invoke by this path")
    child.send(ENTER)  # catalog, the only one
    child.expect("Restrict API access")
    child.send("n")  # open to everyone
    child.expect("Do you want to add another path")
    child.send("n")
    child.expect("Successfully added resource itemsapi locally")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    inputs = json.loads((project.backend / "api" / "itemsapi" / "cli-inputs.json").read_text())
    assert list(inputs["paths"]) == ["/items"]
    assert inputs["paths"]["/items"]["lambdaFunction"] == "catalog"

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    text = project.exports()
    [entry] = json.loads(text[text.index("{") : text.rindex("}") + 1])["aws_cloud_logic_custom"]
    assert f"REST API endpoint: {entry['endpoint']}" in pushed.out  # printed, as Gen 1 does
    with urllib.request.urlopen(f"{entry['endpoint']}/items", timeout=60) as response:
        assert response.status == 200
        assert json.loads(response.read()) == "Hello from Lambda!"
    again = project.amplify("push", "--yes")  # nothing deployed: nothing to announce
    assert again.code == 0 and "No changes detected" in again.out and "REST API endpoint" not in again.out
    status = project.amplify("status")
    assert f"REST API endpoint: {entry['endpoint']}" in status.out
