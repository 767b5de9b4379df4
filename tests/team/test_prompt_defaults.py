"""Text prompts show their default as Gen 1 does (``? Enter a name for the environment (dev)``):
Enter takes it, typing replaces it — answered by hand in a real terminal (pexpect)."""

from __future__ import annotations

import pexpect
import pytest

from .conftest import read, web_app

pytestmark = pytest.mark.slow


def test_typing_replaces_the_default_and_enter_takes_it(teammate, tmp_path):
    alice = teammate("alice")
    app = web_app(tmp_path / "promptapp")
    child = alice.spawn("init", cwd=app)
    try:
        steps = [
            ("Enter a name for the project (promptapp)", "\r"),  # Enter: the default
            ("Enter a name for the environment (dev)", "master\r"),  # typed: replaces it
            ("Choose your default editor", "\r"),
            ("Choose the type of app that you're building", "\r"),
            ("Initialize the project with the above configuration", "n"),
            ("What javascript framework are you using", "\r"),
            ("Source Directory Path: (src)", "app\r"),
            ("Distribution Directory Path: (build)", "\r"),
            ("Build Command: (npm run-script build)", "make\r"),
            ("Start Command: (npm run-script start)", "\r"),
            ("Select the authentication method you want to use", "\r"),
            ("Please choose the profile you want to use", "\r"),
        ]
        for prompt, answer in steps:
            child.expect_exact(prompt)
            child.send(answer)
        child.expect_exact("successfully initialized")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    assert read(app / "amplify/.config/local-env-info.json")["envName"] == "master"
    config = read(app / "amplify/.config/project-config.json")
    assert config["projectName"] == "promptapp"
    assert config["javascript"]["config"] == {
        "SourceDir": "app",
        "DistributionDir": "build",
        "BuildCommand": "make",
        "StartCommand": "npm run-script start",
    }
    assert set(read(app / "amplify/team-provider-info.json")) == {"master"}
