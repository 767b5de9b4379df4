"""``amplify env add`` carries each function's environment variable values over (issue 15)."""

from __future__ import annotations

import json

import pexpect
import pytest


@pytest.mark.slow
def test_env_add_carries_function_env_values_and_push_there_sets_them(project, sandbox_server):
    params = {"functionName": "carried", "runtime": "python3.12", "environmentVariables": {"GREETING": "hi"}}
    added = project.amplify("add", "function", "--yes", "--params", json.dumps(params))
    assert added.code == 0, added.text
    assert project.amplify("push", "--yes").code == 0

    env = project.amplify("env", "add", "prod", "--yes")
    assert env.code == 0, env.text
    tpi = json.loads((project.root / "amplify" / "team-provider-info.json").read_text())
    carried = tpi["prod"]["categories"]["function"]["carried"]
    assert carried["greeting"] == "hi"
    assert "s3Key" not in carried and "deploymentBucketName" not in carried  # the old env's bucket
    assert tpi["dev"]["categories"]["function"]["carried"]["greeting"] == "hi"

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    lam = sandbox_server.client("lambda")
    variables = lam.get_function_configuration(FunctionName="carried-prod")["Environment"]["Variables"]
    assert variables["GREETING"] == "hi" and variables["ENV"] == "prod"


@pytest.mark.slow
def test_env_add_in_a_terminal_can_update_the_values(project, sandbox_server):
    params = {"functionName": "updated", "runtime": "python3.12", "environmentVariables": {"GREETING": "hi"}}
    assert project.amplify("add", "function", "--yes", "--params", json.dumps(params)).code == 0
    child = project.spawn("env", "add", timeout=60)
    child.expect("Enter a name for the environment")
    child.send("prod\r")
    child.expect("Select the authentication method you want to use")
    child.send("\r")  # the SDK's default chain (the sandbox's variables)
    child.expect("You have configured environment variables for functions. How do you want to proceed")
    child.send("\x1b[B\r")  # Update environment variables now
    child.expect("Enter the value of GREETING in updated for the new environment")
    child.send("\x7f" * 10 + "hola\r")
    child.expect("Initialized your environment successfully")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    tpi = json.loads((project.root / "amplify" / "team-provider-info.json").read_text())
    assert tpi["prod"]["categories"]["function"]["updated"] == {"greeting": "hola"}
    assert tpi["dev"]["categories"]["function"]["updated"] == {"greeting": "hi"}
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    configuration = sandbox_server.client("lambda").get_function_configuration(FunctionName="updated-prod")
    assert configuration["Environment"]["Variables"]["GREETING"] == "hola"


@pytest.mark.slow
def test_push_asks_for_values_the_environment_lacks(project, sandbox_server):
    assert project.amplify("env", "add", "prod", "--yes").code == 0  # before the function existed
    params = {"functionName": "asked", "runtime": "python3.12", "environmentVariables": {"GREETING": "hi"}}
    assert project.amplify("add", "function", "--yes", "--params", json.dumps(params)).code == 0
    assert project.amplify("env", "checkout", "dev").code == 0
    before = project.files()

    refused = project.amplify("push", "--yes")
    assert refused.code == 2, refused.text
    assert "This environment (dev) is missing some function environment variable values." in refused.err
    assert "Function asked is missing values for environment variables: GREETING" in refused.err
    assert project.files() == before
    lam = sandbox_server.client("lambda")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_function(FunctionName="asked-dev")

    child = project.spawn("push", "--yes", timeout=120)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2  # --yes takes no answers, even in a terminal

    child = project.spawn("push", timeout=120)
    child.expect("Enter the missing environment variable value of GREETING in asked")
    child.send("bonjour\r")
    child.expect("Are you sure you want to continue")
    child.send("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    tpi = json.loads((project.root / "amplify" / "team-provider-info.json").read_text())
    assert tpi["dev"]["categories"]["function"]["asked"]["greeting"] == "bonjour"
    variables = lam.get_function_configuration(FunctionName="asked-dev")["Environment"]["Variables"]
    assert variables["GREETING"] == "bonjour"
