"""The interactive flows, answered by question id (ScriptedPrompter, in this process):
configure project, env add, env remove's confirmation, and a clone choosing an environment."""

from __future__ import annotations

import shutil

from amplify_core.cli import runtime
from amplify_core.prompts.prompter import ScriptedPrompter

from .conftest import SECRET, headless_init, make_web_app, read, tree


def answer(**answers) -> ScriptedPrompter:
    prompter = ScriptedPrompter(answers)
    runtime.use_prompter(prompter)
    return prompter


def test_configure_project_interactively(sandbox, amplify, inprocess, tmp_path):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)

    asked = answer(
        section="project",
        projectName="renamed app",
        defaultEditor="vim",
        frontend="javascript",
        acceptDefaults=True,
    )
    result = inprocess("configure", "project", cwd=app)
    assert result.code == 0, result.text
    assert asked.asked == ["section", "projectName", "defaultEditor", "frontend", "acceptDefaults"]
    assert "| Name: myapp" in result.out and "AWS profile: sandbox" in result.out
    assert read(app / "amplify" / ".config" / "project-config.json")["projectName"] == "renamedapp"
    assert read(app / "amplify" / ".config" / "local-env-info.json")["defaultEditor"] == "vim"

    answer(
        section="aws",
        authMethod="accessKeys",
        accessKeyId="AKIAINTERACTIVE01",
        secretAccessKey=SECRET,
        region="eu-west-1",
    )
    result = inprocess("configure", "project", cwd=app)
    assert result.code == 0, result.text
    access = read(app / "amplify" / ".config" / "local-aws-info.json")["dev"]
    assert access["useProfile"] is False
    assert read(access["awsConfigFilePath"])["region"] == "eu-west-1"
    assert SECRET not in result.text
    assert all(SECRET.encode() not in data for data in tree(app).values())


def test_env_add_and_remove_interactively(sandbox, amplify, inprocess, tmp_path):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)

    asked = answer(envName="stage", authMethod="profile", profileName="sandbox")
    added = inprocess("env", "add", cwd=app)
    assert added.code == 0, added.text
    assert asked.asked == ["envName", "authMethod", "profileName"]
    assert set(read(app / "amplify" / "team-provider-info.json")) == {"dev", "stage"}

    answer()
    assert inprocess("env", "checkout", "dev", cwd=app).code == 0
    before = tree(app)
    answer(confirmRemove=False)
    declined = inprocess("env", "remove", "stage", cwd=app)
    assert declined.code == 1 and "nothing was changed" in declined.err
    assert tree(app) == before
    answer(confirmRemove=True)
    removed = inprocess("env", "remove", "stage", cwd=app)
    assert removed.code == 0, removed.text
    assert set(read(app / "amplify" / "team-provider-info.json")) == {"dev"}


def test_a_fresh_clone_chooses_an_existing_environment(sandbox, amplify, inprocess, tmp_path):
    app = make_web_app(tmp_path / "app")
    headless_init(amplify, app)
    clone = tmp_path / "clone"
    shutil.copytree(
        app, clone, ignore=shutil.ignore_patterns("#current-cloud-backend", "local-*", "amplify-meta.json")
    )

    asked = answer(useExistingEnv=True, envName="dev", authMethod="profile", profileName="sandbox")
    joined = inprocess("init", cwd=clone)
    assert joined.code == 0, joined.text
    assert asked.asked == ["useExistingEnv", "envName", "authMethod", "profileName"]
    assert read(clone / "amplify" / ".config" / "local-env-info.json")["envName"] == "dev"
    assert read(clone / "amplify" / "backend" / "amplify-meta.json") == read(
        app / "amplify" / "backend" / "amplify-meta.json"
    )
