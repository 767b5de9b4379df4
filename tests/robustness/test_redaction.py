"""A malformed parameter never echoes a secret, and echoes nothing at length (issue 11, item 6).

Broken JSON cannot be parsed, so the error's excerpt is cut from raw text: whatever the shape
of the break and wherever the excerpt starts or ends, no four characters of a value under a
secret key may appear in the output of the real ``amplify`` command.
"""

from __future__ import annotations

import json

import pytest

from .conftest import make_app

SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"
AMPLIFY = json.dumps({"projectName": "redact", "envName": "dev", "defaultEditor": "code"})
FRONTEND = json.dumps({"frontend": "javascript", "framework": "none"})
KEYS = '"configLevel": "project", "useProfile": false, "accessKeyId": "AKIA0000000000000001"'

BROKEN = {
    "missing comma after the secret": '{"awscloudformation": {"secretAccessKey": "%s" "region": "us-east-1"}}',
    "excerpt starts inside the secret": '{"awscloudformation": {"secretAccessKey": "%s",,}}',
    "excerpt ends inside the secret": '{"awscloudformation": {,"secretAccessKey": "%s"}}',
    "unterminated secret": '{"awscloudformation": {"secretAccessKey": "%s',
    "unquoted secret": '{"awscloudformation": {"secretAccessKey": %s}}',
    "missing colon": '{"awscloudformation": {"secretAccessKey" "%s"}}',
    "session token then garbage": '{"awscloudformation": {' + KEYS + ', "sessionToken": "%s" region}}',
    "single quotes": "{'awscloudformation': {'sessionToken': '%s'}}",
    "secret inside an object": '{"awscloudformation": {"sessionToken": {"value": "%s",}}}',
    "a password-like key": '{"awscloudformation": {"dbPassword": "%s"]}',
    "escaped quotes in the secret": '{"awscloudformation": {"secretAccessKey": "ab\\"%s",,}}',
    "two secrets, break between": '{"awscloudformation": {"secretAccessKey": "%s", "sessionToken": "%s" x}}',
}


def leaked(text: str) -> list[str]:
    return [SECRET[i : i + 4] for i in range(len(SECRET) - 3) if SECRET[i : i + 4] in text]


@pytest.mark.parametrize("how", ["inline", "file", "stdin"])
def test_broken_providers_json_never_shows_the_secret(env, tmp_path, how):
    app = make_app(tmp_path / "app")
    problems = []
    for label, shape in BROKEN.items():
        text = shape.replace("%s", SECRET)
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)
        stdin = ""
        if how == "inline":
            value = text
        elif how == "file":
            (tmp_path / "providers.json").write_text(text)
            value = f"@{tmp_path / 'providers.json'}"
        else:
            value, stdin = "-", text
        result = env.run(
            "init",
            "--yes",
            "--amplify",
            AMPLIFY,
            "--frontend",
            FRONTEND,
            "--providers",
            value,
            cwd=app,
            stdin=stdin,
        )
        if result.code != 2 or "--providers: invalid JSON" not in result.err:
            problems.append(f"{label}: exit {result.code}: {result.err.strip()}")
        elif leaked(result.text):
            problems.append(f"{label}: leaked {leaked(result.text)[:3]} in {result.err.strip()}")
    assert problems == []
    assert not (app / "amplify").exists()


def test_env_import_aws_info_never_shows_the_secret(env, project):
    for label, shape in BROKEN.items():
        text = shape.replace("%s", SECRET).replace('{"awscloudformation": ', "", 1)[:-1]
        result = env.run(
            "env", "import", "--name", "other", "--config", "{}", "--awsInfo", text, "--yes", cwd=project
        )
        assert result.code == 2, (label, result.text)
        assert leaked(result.text) == [], (label, result.err)


def test_echoed_values_are_cut_short(env, tmp_path):
    app = make_app(tmp_path / "app")
    long_value = "x" * 5000
    for flag, value in (
        ("--providers", json.dumps({long_value: {}})),
        (
            "--providers",
            json.dumps(
                {
                    "awscloudformation": {
                        "configLevel": "project",
                        "useProfile": True,
                        "profileName": "p",
                        "region": long_value,
                    }
                }
            ),
        ),
        ("--frontend", json.dumps({"frontend": long_value})),
        ("--amplify", "{" + long_value),
    ):
        result = env.run(
            "init",
            "--yes",
            "--amplify",
            AMPLIFY if flag != "--amplify" else value,
            *((flag, value) if flag != "--amplify" else ()),
            cwd=app,
        )
        assert result.code == 2, result.text[-500:]
        assert len(result.err) < 1500 and "x" * 200 not in result.err, result.err[-500:]
