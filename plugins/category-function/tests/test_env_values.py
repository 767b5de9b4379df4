"""``amplify env add`` carries each function's environment variable values over (issue 15)."""

from __future__ import annotations

import json

import pytest


@pytest.mark.slow
def test_env_add_carries_function_env_values_and_push_there_sets_them(project, sandbox_server):
    params = {"functionName": "greeter", "runtime": "python3.12", "environmentVariables": {"GREETING": "hi"}}
    added = project.amplify("add", "function", "--yes", "--params", json.dumps(params))
    assert added.code == 0, added.text
    assert project.amplify("push", "--yes").code == 0

    env = project.amplify("env", "add", "prod", "--yes")
    assert env.code == 0, env.text
    tpi = json.loads((project.root / "amplify" / "team-provider-info.json").read_text())
    carried = tpi["prod"]["categories"]["function"]["greeter"]
    assert carried["greeting"] == "hi"
    assert "s3Key" not in carried and "deploymentBucketName" not in carried  # the old env's bucket
    assert tpi["dev"]["categories"]["function"]["greeter"]["greeting"] == "hi"

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    lam = sandbox_server.client("lambda")
    variables = lam.get_function_configuration(FunctionName="greeter-prod")["Environment"]["Variables"]
    assert variables["GREETING"] == "hi" and variables["ENV"] == "prod"
