"""amplify function, end to end: the real command against the sandbox (issue 15 items 1-3)."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest

HELLO = {"functionName": "hello", "runtime": "nodejs22.x"}


def test_headless_add_writes_gen1_shapes_and_mock_runs_it(project):
    added = project.amplify("add", "function", "--params", json.dumps(HELLO), "--yes")
    assert added.code == 0, added.text
    folder = project.backend / "function" / "hello"
    template = json.loads((folder / "hello-cloudformation-template.json").read_text())
    props = template["Resources"]["LambdaFunction"]["Properties"]
    assert props["Runtime"] == "nodejs22.x" and props["Handler"] == "index.handler"
    assert set(template["Parameters"]) >= {"deploymentBucketName", "s3Key", "env", "CloudWatchRule"}
    state = json.loads((folder / "amplify.state").read_text())
    assert state["functionRuntime"] == "nodejs" and state["defaultEditorFile"] == "src/index.js"
    config = json.loads((project.backend / "backend-config.json").read_text())["function"]["hello"]
    assert config == {
        "build": True,
        "providerPlugin": "awscloudformation",
        "service": "Lambda",
        "dependsOn": [],
    }

    mocked = project.amplify("mock", "function", "hello")
    assert mocked.code == 0, mocked.text
    assert (
        "Hello from Lambda!" in mocked.out and 'EVENT: {"key1":"value1"' in mocked.out
    )  # result and the handler's log


def test_mock_reports_a_thrown_error_with_exit_1(project, tmp_path):
    assert project.amplify("function", "add", "--params", json.dumps(HELLO), "--yes").code == 0
    index = project.backend / "function" / "hello" / "src" / "index.js"
    index.write_text(
        "exports.handler = async (event) => { console.log('before'); throw new TypeError(`bad ${event.n}`); };\n"
    )
    event = tmp_path / "e.json"
    event.write_text('{"n": 7}')
    mocked = project.amplify("mock", "function", "hello", "--event", str(event))
    assert mocked.code == 1, mocked.text
    assert "TypeError: bad 7" in mocked.text and "before" in mocked.text
    assert "Traceback" not in mocked.text


def test_build_is_deterministic_and_reused(project):
    assert project.amplify("function", "add", "--params", json.dumps(HELLO), "--yes").code == 0
    first = project.amplify("function", "build", "hello")
    assert first.code == 0, first.text
    zip_path = project.backend / "function" / "hello" / "dist" / "latest-build.zip"
    digest = zip_path.read_bytes()
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        assert names == sorted(names) and "index.js" in names
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    again = project.amplify("function", "build")
    assert again.code == 0 and "Building function" not in again.out  # unchanged src: reused
    zip_path.parent.joinpath("latest-build.json").unlink()  # forget the record: built again, same bytes
    rebuilt = project.amplify("function", "build", "hello")
    assert rebuilt.code == 0 and "Building function" in rebuilt.out
    assert zip_path.read_bytes() == digest


def test_bad_input_changes_nothing(project):
    before = project.files()
    for params, message in [
        ({"functionName": "hello", "runtime": "nodejs16.x"}, "runtime"),
        ({"functionName": "bad-name", "runtime": "nodejs22.x"}, "functionName"),
        (
            {
                "functionName": "hello",
                "runtime": "nodejs22.x",
                "permissions": {"storage": {"nope": ["read"]}},
            },
            "storage nope",
        ),
        (
            {
                "functionName": "hello",
                "runtime": "python3.12",
                "template": "dynamodb-trigger",
                "trigger": {"resourceName": "missing"},
            },
            "missing",
        ),
    ]:
        result = project.amplify("add", "function", "--params", json.dumps(params), "--yes")
        assert result.code == 2, result.text
        assert message in result.text and "Traceback" not in result.text
    assert project.files() == before
    missing = project.amplify("mock", "function", "ghost")
    assert missing.code == 2 and "ghost is not a function" in missing.text


@pytest.mark.slow
def test_python_requirements_are_packaged_and_mock_uses_them(project):
    """A dependency absent from amplify's own Python proves the handler imports the packaged copy."""
    assert (
        project.amplify(
            "add",
            "function",
            "--yes",
            "--params",
            json.dumps(
                {
                    "functionName": "pyfn",
                    "runtime": "python3.12",
                    "environmentVariables": {"WORD": "Data point"},
                }
            ),
        ).code
        == 0
    )
    src = project.backend / "function" / "pyfn" / "src"
    (src / "requirements.txt").write_text("inflection==0.5.1\n")
    (src / "index.py").write_text(
        "import os\nimport inflection\n\n\ndef handler(event, context):\n"
        "    print('task root', os.environ['LAMBDA_TASK_ROOT'])\n"
        "    return {'plural': inflection.pluralize(os.environ['WORD']), 'env': os.environ['ENV'],\n"
        "            'packaged': inflection.__file__.startswith(os.environ['LAMBDA_TASK_ROOT'])}\n"
    )
    mocked = project.amplify("mock", "function", "pyfn")
    assert mocked.code == 0, mocked.text
    assert (
        '"plural": "Data points"' in mocked.out
        and '"packaged": true' in mocked.out
        and '"env": "dev"' in mocked.out
    )
    with zipfile.ZipFile(project.backend / "function" / "pyfn" / "dist" / "latest-build.zip") as archive:
        names = archive.namelist()
    assert "index.py" in names and "inflection/__init__.py" in names
    assert not [n for n in names if n.endswith(".pyc")]


@pytest.mark.slow
def test_node_dependencies_install_from_the_lockfile(project):
    assert (
        project.amplify(
            "add",
            "function",
            "--yes",
            "--params",
            json.dumps({"functionName": "nodedeps", "runtime": "nodejs24.x"}),
        ).code
        == 0
    )
    src = project.backend / "function" / "nodedeps" / "src"
    manifest = json.loads((src / "package.json").read_text())
    (src / "package.json").write_text(json.dumps({**manifest, "dependencies": {"ms": "2.1.3"}}))
    locked = subprocess.run(
        ["npm", "install", "--package-lock-only", "--no-audit", "--no-fund"],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert locked.returncode == 0, locked.stderr
    (src / "index.js").write_text(
        "const ms = require('ms');\nexports.handler = async () => ({ twoDays: ms('2 days') });\n"
    )
    mocked = project.amplify("mock", "function", "nodedeps")
    assert mocked.code == 0, mocked.text
    assert '"twoDays": 172800000' in mocked.out
    assert not (src / "node_modules").exists()  # built beside src, never in it
    with zipfile.ZipFile(project.backend / "function" / "nodedeps" / "dist" / "latest-build.zip") as archive:
        names = set(archive.namelist())
    assert {"index.js", "node_modules/ms/index.js", "package-lock.json"} <= names
    assert not any(n.startswith("node_modules/@types/") for n in names)  # dev dependencies are left out


def test_update_access_and_remove_respects_dependents(project):
    table = {
        "service": "DynamoDB",
        "resourceName": "items",
        "tableName": "items",
        "partitionKey": {"fieldName": "id"},
        "gsi": [],
    }
    assert project.amplify("add", "storage", "--params", json.dumps(table)).code == 0
    assert project.amplify("add", "function", "--yes", "--params", json.dumps(HELLO)).code == 0
    added = project.amplify(
        "function",
        "add",
        "--yes",
        "--params",
        json.dumps(
            {
                "functionName": "caller",
                "runtime": "nodejs24.x",
                "permissions": {"function": {"hello": ["read"]}},
            }
        ),
    )
    assert added.code == 0, added.text
    config = lambda: json.loads((project.backend / "backend-config.json").read_text())["function"]  # noqa: E731
    assert config()["caller"]["dependsOn"] == [
        {"category": "function", "resourceName": "hello", "attributes": ["Name"]}
    ]

    refused = project.amplify("remove", "function", "hello", "--yes")
    assert refused.code == 2 and "function caller" in refused.text
    assert (project.backend / "function" / "hello").exists()

    updated = project.amplify(
        "update",
        "function",
        "caller",
        "--params",
        json.dumps(
            {
                "permissions": {"storage": {"items": ["read", "create"]}},
                "environmentVariables": {"STAGE": "beta"},
            }
        ),
    )
    assert updated.code == 0, updated.text
    assert config()["caller"]["dependsOn"] == [
        {"category": "storage", "resourceName": "items", "attributes": ["Name", "Arn", "StreamArn"]}
    ]
    parameters = json.loads(
        (project.backend / "function" / "caller" / "function-parameters.json").read_text()
    )
    assert parameters["permissions"] == {"storage": {"items": ["read", "create"]}}
    assert project.amplify("remove", "function", "hello", "--yes").code == 0
    assert "hello" not in config() and not (project.backend / "function" / "hello").exists()
    status = project.amplify("status")
    assert "caller" in status.out and "hello" not in status.out


@pytest.mark.slow
def test_a_failing_build_stops_the_push_before_any_cloud_call(project, tmp_path):
    assert (
        project.amplify(
            "add",
            "function",
            "--yes",
            "--params",
            json.dumps({"functionName": "broken", "runtime": "python3.12"}),
        ).code
        == 0
    )
    (project.backend / "function" / "broken" / "src" / "requirements.txt").write_text(
        "-r does-not-exist.txt\n"
    )
    before = project.files()
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 1, pushed.text
    assert (
        "Installing the function's Python requirements failed" in pushed.text
        and "does-not-exist.txt" in pushed.text
    )
    assert "Traceback" not in pushed.text and "Updating stack" not in pushed.out
    assert project.files() == before
    bad_event = tmp_path / "bad.json"
    bad_event.write_text("{not json")
    mocked = project.amplify("mock", "function", "broken", "--event", str(bad_event))
    assert mocked.code == 2 and "--event" in mocked.text and "not valid JSON" in mocked.text
