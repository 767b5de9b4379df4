"""``amplify add function`` answered in a real pseudo-terminal (InquirerPy through the core prompter)."""

from __future__ import annotations

import json

import pexpect
import pytest
from amplify_core.testing import DOWN, ENTER


@pytest.mark.slow
def test_add_a_scheduled_python_function_with_a_variable_in_a_terminal(project):
    child = project.spawn("add", "function")
    child.expect("Provide an AWS Lambda function name")
    child.send("\x7f" * 40 + "nightly" + ENTER)
    child.expect("Choose the runtime that you want to use")
    child.send(DOWN + DOWN + ENTER)  # Python (python3.13)
    child.expect("Choose the function template")
    child.send(ENTER)  # Hello World
    child.expect("Do you want to configure advanced settings")
    child.send("y")
    child.expect("invoke this function on a recurring schedule")
    child.send("y")
    child.expect("Schedule expression")
    child.send("\x7f" * 20 + "rate(1 day)" + ENTER)
    child.expect("configure environment variables")
    child.send("y")
    child.expect("Enter the environment variable name")
    child.send("COLOR" + ENTER)
    child.expect("Enter the environment variable value")
    child.send("blue" + ENTER)
    child.expect("add another environment variable")
    child.send("n")
    child.expect("Successfully added resource nightly locally")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    folder = project.backend / "function" / "nightly"
    template = json.loads((folder / "nightly-cloudformation-template.json").read_text())
    props = template["Resources"]["LambdaFunction"]["Properties"]
    assert props["Runtime"] == "python3.13" and props["Environment"]["Variables"]["COLOR"] == {"Ref": "color"}
    assert template["Resources"]["CloudWatchEvent"]["Properties"]["ScheduleExpression"] == {
        "Ref": "CloudWatchRule"
    }
    assert json.loads((folder / "parameters.json").read_text()) == {"CloudWatchRule": "rate(1 day)"}
    tpi = json.loads((project.root / "amplify" / "team-provider-info.json").read_text())
    assert tpi["dev"]["categories"]["function"]["nightly"] == {"color": "blue"}
    assert (folder / "src" / "index.py").exists()
