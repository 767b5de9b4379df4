"""The acceptance path, as a new user tries it: a function, a REST API in front of it, a push,
and the printed local URL answering with the handler's body (issue 15 item 4)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest


def exports_object(project) -> dict:
    text = project.exports()
    return json.loads(text[text.index("{") : text.rindex("}") + 1])


def get(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers or {}), timeout=60
        ) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.slow
def test_function_api_push_then_curl_the_printed_url(project, sandbox_server):
    added = project.amplify(
        "add",
        "function",
        "--params",
        json.dumps({"functionName": "items", "runtime": "nodejs24.x", "template": "hello-world"}),
        "--yes",
    )
    assert added.code == 0, added.text
    api = project.amplify(
        "add",
        "api",
        "--params",
        json.dumps(
            {
                "resourceName": "itemsapi",
                "paths": {
                    "/items": {"lambdaFunction": "items"},
                    "/private": {"lambdaFunction": "items", "permissions": {"setting": "private"}},
                },
            }
        ),
    )
    assert api.code == 0, api.text
    config = json.loads((project.backend / "backend-config.json").read_text())["api"]["itemsapi"]
    assert config["service"] == "API Gateway"
    assert config["dependsOn"] == [
        {"category": "function", "resourceName": "items", "attributes": ["Name", "Arn"]}
    ]

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    [entry] = exports_object(project)["aws_cloud_logic_custom"]
    assert entry["name"] == "itemsapi" and entry["region"] == "us-east-1"
    endpoint = entry["endpoint"]
    assert endpoint.startswith(sandbox_server.endpoint_url + "/restapis/") and endpoint.endswith(
        "/dev/_user_request_"
    )

    status, body = get(f"{endpoint}/items")
    assert status == 200, body
    assert json.loads(body) == "Hello from Lambda!"  # the Node.js hello-world handler's body
    status, body = get(f"{endpoint}/items/42?color=red")  # the {proxy+} child calls the same function
    assert status == 200, body
    status, body = get(f"{endpoint}/private")  # IAM: unsigned requests never reach the function
    assert (status, json.loads(body)) == (403, {"message": "Missing Authentication Token"})
    status, body = get(f"{endpoint}/nothing")
    assert (status, json.loads(body)) == (403, {"message": "Missing Authentication Token"})

    provider = project.meta()["providers"]["awscloudformation"]
    iam = sandbox_server.client("iam")
    [name] = iam.list_role_policies(RoleName=provider["AuthRoleName"])["PolicyNames"]
    document = iam.get_role_policy(RoleName=provider["AuthRoleName"], PolicyName=name)["PolicyDocument"]
    resources = document["Statement"][0]["Resource"]
    assert any(r.endswith("/dev/GET/private") for r in resources), resources

    again = project.amplify("push", "--yes")
    assert again.code == 0 and "No changes detected" in again.out, again.text

    removed = project.amplify("remove", "api", "itemsapi", "--yes")
    assert removed.code == 0, removed.text
    assert project.amplify("push", "--yes").code == 0
    assert "aws_cloud_logic_custom" not in exports_object(project)
    assert get(f"{endpoint}/items")[0] == 404
