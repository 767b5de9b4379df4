"""End to end: the real ``amplify`` command against the sandbox (issue 5 acceptance)."""

from __future__ import annotations

import json
import re
from pathlib import Path


def rows(result) -> dict[str, str]:
    """``{resource name: operation}`` from a printed status table."""
    found = {}
    for line in result.out.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("Category",) and not set(cells[0]) <= {"-"}:
            found[cells[1]] = cells[2]
    return found


def nested_stacks(sandbox, stack_name: str) -> dict[str, str]:
    cfn = sandbox.client("cloudformation")
    resources = cfn.list_stack_resources(StackName=stack_name)["StackResourceSummaries"]
    return {
        r["LogicalResourceId"]: r["PhysicalResourceId"]
        for r in resources
        if r["ResourceType"] == "AWS::CloudFormation::Stack"
    }


def test_create_update_delete_and_no_op(project, proxy, sandbox_server):
    assert project.amplify("testkit", "add", "one").code == 0
    assert project.amplify("add", "testkit", "two", "--label", "first").code == 0

    status = project.amplify("status")
    assert status.code == 0, status.text
    assert "Current Environment: dev" in status.out
    assert rows(status) == {"one": "Create", "two": "Create"}

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    stack = project.provider_info()["StackName"]
    stacks = nested_stacks(sandbox_server, stack)
    assert set(stacks) == {"testkitone", "testkittwo"}
    meta = project.meta()
    assert meta["testkit"]["one"]["output"]["BucketName"]
    assert meta["testkit"]["one"]["providerMetadata"]["s3TemplateURL"].startswith(
        f"https://s3.amazonaws.com/{project.provider_info()['DeploymentBucketName']}/amplify-cfn-templates/testkit/one/"
    )
    assert meta["testkit"]["two"]["output"]["Label"] == "first"
    assert project.meta(current=True)["testkit"] == meta["testkit"]
    assert (project.amplify_dir / "#current-cloud-backend" / "testkit" / "one" / "template.json").exists()
    exports = (project.root / "src" / "aws-exports.js").read_text()
    assert meta["testkit"]["one"]["output"]["BucketName"] in exports

    assert rows(project.amplify("status")) == {"one": "No Change", "two": "No Change"}

    proxy.clear()
    again = project.amplify("push", "--yes")
    assert again.code == 0, again.text
    assert "No changes detected" in again.out
    # one call: the root stack must still be there (issue 11 item 11), nothing else
    assert proxy.actions() == ["DescribeStacks"] and len(proxy.requests) == 1, [
        str(r) for r in proxy.requests
    ]

    assert project.amplify("update", "testkit", "two", "--label", "second").code == 0
    assert rows(project.amplify("status")) == {"two": "Update", "one": "No Change"}
    verbose = project.amplify("status", "-v", "testkit")
    assert re.search(r'^-\s+"label": "first"', verbose.out, re.M) and re.search(
        r'^\+\s+"label": "second"', verbose.out, re.M
    )
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    assert project.meta()["testkit"]["two"]["output"]["Label"] == "second"
    assert rows(project.amplify("status")) == {"one": "No Change", "two": "No Change"}

    assert project.amplify("remove", "testkit", "one").code == 0
    assert rows(project.amplify("status")) == {"one": "Delete", "two": "No Change"}
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    assert set(nested_stacks(sandbox_server, stack)) == {"testkittwo"}
    assert "one" not in project.meta()["testkit"]
    assert not (project.amplify_dir / "#current-cloud-backend" / "testkit" / "one").exists()
    assert rows(project.amplify("status")) == {"two": "No Change"}


def test_events_codegen_and_run(project):
    assert project.amplify("testkit", "add", "one").code == 0
    bad = project.amplify("push", "--yes", "--codegen", '{"generateCode": "yes"}')
    assert bad.code == 2 and "--codegen" in bad.err
    assert project.events() == []  # rejected before anything happened

    pushed = project.amplify(
        "push", "--yes", "--codegen", '{"generateCode": true, "codeLanguage": "typescript"}'
    )
    assert pushed.code == 0, pushed.text
    assert project.events() == [
        {"event": "pre_push", "command": "push"},
        {"event": "post_push", "command": "push", "success": True, "error": None},
        {"event": "codegen", "params": {"generateCode": True, "codeLanguage": "typescript"}},
    ]

    project.events_file.unlink()
    assert project.amplify("update", "testkit", "one", "--label", "again").code == 0
    ran = project.amplify("run", "--yes")
    assert ran.code == 0, ran.text
    assert (project.root / "started").exists()
    assert [e["command"] for e in project.events()] == ["run", "run"]
    assert rows(project.amplify("status")) == {"one": "No Change"}


def test_status_makes_no_network_call_and_imports_no_aws_sdk(project, proxy, modules_probe):
    assert project.amplify("testkit", "add", "one").code == 0
    proxy.clear()
    status = project.amplify(
        "status", extra_env={**modules_probe.env, "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
    )
    assert status.code == 0, status.text
    assert "| Testkit  | one           | Create" in status.out
    assert not modules_probe.top_level() & {"boto3", "botocore", "s3transfer", "moto"}
    assert proxy.requests == []


def test_a_no_op_push_asks_for_the_root_stack_without_the_aws_sdk(
    project, proxy, sandbox_server, modules_probe
):
    """After a push the next no-op push sends a presigned DescribeStacks with the standard
    library (no botocore: a fifth of a second of CPU); its URL is kept in the amplify home,
    never in the project. Its answers count both ways; anything else asks with the SDK."""
    assert project.amplify("testkit", "add", "one").code == 0
    assert project.amplify("push", "--yes").code == 0
    home = Path(project.env["AMPLIFY_HOME"])
    (kept,) = (home / "stack-check").glob("*.json")
    assert kept.stat().st_mode & 0o777 == 0o600
    project_files = [p for p in project.root.rglob("*") if p.is_file()]
    assert not [p for p in project_files if b"X-Amz-Signature" in p.read_bytes()]

    proxy.clear()
    again = project.amplify("push", "--yes", extra_env=modules_probe.env)
    assert again.code == 0 and "No changes detected" in again.out, again.text
    assert [(r.method, r.action) for r in proxy.requests] == [("GET", "DescribeStacks")]
    assert not modules_probe.top_level() & {"boto3", "botocore"}

    # credentials it was not signed with (another profile, other keys): the SDK asks, and says why
    proxy.clear()
    other = project.amplify("push", "--yes", extra_env={"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE"})
    assert other.code == 1 and "security token included in the request is invalid" in other.err, other.text
    assert [r.method for r in proxy.requests] == ["POST"]

    # a damaged file: the SDK asks, and keeps a fresh URL for next time
    kept.write_text("{not json")
    proxy.clear()
    assert project.amplify("push", "--yes").code == 0
    assert [r.method for r in proxy.requests] == ["POST"]
    proxy.clear()
    assert project.amplify("push", "--yes").code == 0
    assert [r.method for r in proxy.requests] == ["GET"]

    # the stack gone: CloudFormation's own answer through the URL is believed
    stack = project.provider_info()["StackName"]
    sandbox_server.reset()
    proxy.clear()
    gone = project.amplify("push", "--yes", extra_env=modules_probe.env)
    assert gone.code == 1 and f"The root stack {stack} of environment 'dev' does not exist" in gone.err, (
        gone.text
    )
    assert [r.method for r in proxy.requests] == ["GET"] and "Traceback" not in gone.err
    assert not modules_probe.top_level() & {"boto3", "botocore"}


def test_tag_changes_are_reported_and_pushed(project, sandbox_server):
    tags_file = project.amplify_dir / "backend" / "tags.json"
    tags = json.loads(tags_file.read_text())
    assert "Tag Changes Detected" not in project.amplify("status").out
    tags_file.write_text(json.dumps([*tags, {"Key": "team", "Value": "{project-name}-web"}]))
    status = project.amplify("status")
    assert "Tag Changes Detected" in status.out and rows(status) == {}

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    stack = sandbox_server.client("cloudformation").describe_stacks(
        StackName=project.provider_info()["StackName"]
    )
    assert {"Key": "team", "Value": f"{project.name}-web"} in stack["Stacks"][0]["Tags"]
    assert "Tag Changes Detected" not in project.amplify("status").out
