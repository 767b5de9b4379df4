"""Interactive frontend settings: a later default follows an earlier answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from amplify_core.cli import runtime
from amplify_core.prompts.prompter import ScriptedPrompter
from amplify_core.workflows.frontend_config import ask_one_by_one

WEB_APP = Path(__file__).parents[1] / "examples" / "web-app"
DEFAULT = ScriptedPrompter.DEFAULT


@pytest.fixture
def scripted():
    def use(answers):
        runtime.use_prompter(ScriptedPrompter(answers))
        return runtime.context()

    yield use
    runtime.use_prompter(None)


def test_choosing_another_framework_brings_its_defaults(scripted):
    ctx = scripted(
        {
            "framework": "vue",
            "SourceDir": DEFAULT,
            "DistributionDir": DEFAULT,
            "BuildCommand": DEFAULT,
            "StartCommand": DEFAULT,
        }
    )
    frontend = ctx.frontend("javascript")
    detected = frontend.detect(WEB_APP)
    assert detected["framework"] == "react"
    settings = ask_one_by_one(ctx, frontend, detected)
    assert settings == {
        "framework": "vue",
        "config": {
            "SourceDir": "src",
            "DistributionDir": "dist",
            "BuildCommand": "npm run-script build",
            "StartCommand": "npm run-script serve",
        },
    }
    assert ctx.prompter.asked == ["framework", "SourceDir", "DistributionDir", "BuildCommand", "StartCommand"]
