"""amplify api, through the real command against the sandbox: what is refused, and why."""

from __future__ import annotations

import json


def test_graphql_is_refused_by_name_and_nothing_is_written(project):
    before = project.files()
    result = project.amplify(
        "add", "api", "--params", json.dumps({"service": "GraphQL", "resourceName": "gql"})
    )
    assert result.code == 2, result.text
    assert "GraphQL APIs (AppSync) are not supported yet" in result.text
    assert project.files() == before


def test_a_path_needs_a_function_of_the_project(project):
    before = project.files()
    result = project.amplify(
        "api",
        "add",
        "--params",
        json.dumps({"resourceName": "items", "paths": {"/items": {"lambdaFunction": "nothere"}}}),
    )
    assert result.code == 2, result.text
    assert (
        "'nothere' is not a function of this project" in result.text and "amplify add function" in result.text
    )
    assert project.files() == before
    bad = project.amplify("add", "api", "--params", json.dumps({"paths": {"items": {"lambdaFunction": "x"}}}))
    assert bad.code == 2 and "--params.paths" in bad.text, bad.text


def test_without_a_terminal_every_missing_value_is_listed(project):
    config = project.backend / "backend-config.json"
    data = json.loads(config.read_text())
    data["function"] = {"items": {"service": "Lambda", "providerPlugin": "awscloudformation"}}
    config.write_text(json.dumps(data))
    result = project.amplify("add", "api", "--params", json.dumps({"service": "REST"}))
    assert result.code == 2, result.text
    for key in ("resourceName", "path", "lambdaFunction", "restrictAccess"):
        assert key in result.text
    assert not (project.backend / "api").exists()


def test_an_appsync_api_is_refused_by_name_at_push(project):
    folder = project.backend / "api" / "chat"
    folder.mkdir(parents=True)
    (folder / "schema.graphql").write_text("type Todo @model { id: ID! }")
    config = project.backend / "backend-config.json"
    data = json.loads(config.read_text())
    data["api"] = {"chat": {"service": "AppSync", "providerPlugin": "awscloudformation"}}
    config.write_text(json.dumps(data))
    result = project.amplify("push", "--yes")
    assert result.code == 2, result.text
    assert "api chat (AppSync): its GraphQL schema must be compiled" in result.text
