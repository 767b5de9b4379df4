"""CloudFormation failure semantics as AWS documents them, through the service APIs (in-process).

A failed create rolls back to ROLLBACK_COMPLETE, deleting what it made; a failed update
restores the previous template and resources and ends UPDATE_ROLLBACK_COMPLETE; a nested
stack's failure fails its resource in the parent; each resource has its own events with
reasons; reads create nothing.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

TAKEN = "someone-elses-bucket"


@pytest.fixture
def aws(sandbox_inprocess):
    clients = {name: sandbox_inprocess.client(name) for name in ("cloudformation", "s3")}
    clients["s3"].create_bucket(Bucket=TAKEN)
    clients["s3"].create_bucket(Bucket="deployment")
    return clients


def bucket(name: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": name} if name else {}, **extra}


def body(resources: dict[str, Any], outputs: dict[str, Any] | None = None) -> str:
    return json.dumps({"Resources": resources, **({"Outputs": outputs} if outputs else {})})


def status(cfn, stack: str) -> str:
    return cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]


def events(cfn, stack: str) -> list[tuple[str, str, str]]:
    """(logical id, status, reason) oldest first."""
    return [
        (e["LogicalResourceId"], e["ResourceStatus"], e.get("ResourceStatusReason") or "")
        for e in reversed(cfn.describe_stack_events(StackName=stack)["StackEvents"])
    ]


def bucket_exists(s3, name: str) -> bool:
    try:
        s3.head_bucket(Bucket=name)
    except ClientError:
        return False
    return True


def test_failed_create_deletes_what_it_made_and_ends_rollback_complete(aws):
    cfn, s3 = aws["cloudformation"], aws["s3"]
    template = body({"First": bucket("first-made"), "Clash": bucket(TAKEN, DependsOn="First")})

    cfn.create_stack(StackName="app", TemplateBody=template)

    assert status(cfn, "app") == "ROLLBACK_COMPLETE"
    history = events(cfn, "app")
    assert [(e[0], e[1]) for e in history] == [
        ("app", "CREATE_IN_PROGRESS"),
        ("First", "CREATE_IN_PROGRESS"),
        ("First", "CREATE_COMPLETE"),
        ("Clash", "CREATE_IN_PROGRESS"),
        ("Clash", "CREATE_FAILED"),
        ("app", "ROLLBACK_IN_PROGRESS"),
        ("First", "DELETE_IN_PROGRESS"),
        ("First", "DELETE_COMPLETE"),
        ("app", "ROLLBACK_COMPLETE"),
    ]
    assert f"{TAKEN} already exists" in history[4][2] and "BucketAlreadyExists" in history[4][2]
    assert "The following resource(s) failed to create: [Clash]" in history[5][2]
    assert not bucket_exists(s3, "first-made")
    # Reads create nothing, and a rolled-back stack cannot be updated.
    assert cfn.describe_stack_resources(StackName="app")["StackResources"] == []
    assert not bucket_exists(s3, "first-made")
    with pytest.raises(ClientError, match="ROLLBACK_COMPLETE state and can not be updated"):
        cfn.update_stack(StackName="app", TemplateBody=body({"First": bucket("first-made")}))


def test_failed_update_restores_template_and_resources(aws):
    cfn, s3 = aws["cloudformation"], aws["s3"]
    v1 = body({"Old": bucket("old-bucket"), "Kept": bucket("kept-one")}, {"Name": {"Value": {"Ref": "Kept"}}})
    cfn.create_stack(StackName="app", TemplateBody=v1)
    s3.put_object(Bucket="old-bucket", Key="data.txt", Body=b"still here")
    # v2 renames Kept (a replacement), removes Old, adds a bucket whose name is taken.
    v2 = body(
        {"Kept": bucket("kept-two"), "Clash": bucket(TAKEN, DependsOn="Kept")},
        {"Name": {"Value": {"Ref": "Kept"}}},
    )

    cfn.update_stack(StackName="app", TemplateBody=v2)

    assert status(cfn, "app") == "UPDATE_ROLLBACK_COMPLETE"
    assert json.loads(json.dumps(cfn.get_template(StackName="app")["TemplateBody"])) == json.loads(v1)
    assert s3.get_object(Bucket="old-bucket", Key="data.txt")["Body"].read() == b"still here"
    assert bucket_exists(s3, "kept-one") and not bucket_exists(s3, "kept-two")
    outputs = cfn.describe_stacks(StackName="app")["Stacks"][0]["Outputs"]
    assert (
        outputs == [{"OutputKey": "Name", "OutputValue": "kept-one"}]
        or outputs[0]["OutputValue"] == "kept-one"
    )
    history = events(cfn, "app")
    failed = [e for e in history if e[1].endswith("_FAILED")]
    assert [(e[0], e[1]) for e in failed] == [("Clash", "CREATE_FAILED")]
    assert history[-1][:2] == ("app", "UPDATE_ROLLBACK_COMPLETE")
    assert {e[0] for e in history if e[1] == "DELETE_COMPLETE"} == {"Kept"}  # the new kept-two

    # The same update fails again: nothing of it was kept.
    cfn.update_stack(StackName="app", TemplateBody=v2)
    assert status(cfn, "app") == "UPDATE_ROLLBACK_COMPLETE"


def test_successful_update_removes_and_replaces_in_cleanup(aws):
    cfn, s3 = aws["cloudformation"], aws["s3"]
    cfn.create_stack(
        StackName="app", TemplateBody=body({"Old": bucket("old-bucket"), "Kept": bucket("kept-one")})
    )

    cfn.update_stack(StackName="app", TemplateBody=body({"Kept": bucket("kept-two")}))

    assert status(cfn, "app") == "UPDATE_COMPLETE"
    assert not bucket_exists(s3, "old-bucket") and not bucket_exists(s3, "kept-one")
    assert bucket_exists(s3, "kept-two")
    statuses = [e[1] for e in events(cfn, "app")]
    cleanup = statuses.index("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
    assert "DELETE_COMPLETE" in statuses[cleanup:] and "DELETE_COMPLETE" not in statuses[:cleanup]


def nested_root(s3, children: dict[str, str]) -> str:
    """Upload each child's template; the root template that nests them."""
    resources = {}
    for name, template in children.items():
        key = f"{name}/{abs(hash(template))}.json"
        s3.put_object(Bucket="deployment", Key=key, Body=template.encode())
        resources[name] = {
            "Type": "AWS::CloudFormation::Stack",
            "Properties": {"TemplateURL": f"https://s3.amazonaws.com/deployment/{key}"},
        }
    return body(resources)


def child_id(cfn, root: str, logical_id: str) -> str:
    detail = cfn.describe_stack_resource(StackName=root, LogicalResourceId=logical_id)["StackResourceDetail"]
    return detail["PhysicalResourceId"]


def test_nested_update_adding_a_taken_bucket_rolls_back_child_and_parent(aws):
    cfn, s3 = aws["cloudformation"], aws["s3"]
    v1 = body({"Site": bucket("site-bucket")}, {"Site": {"Value": {"Ref": "Site"}}})
    cfn.create_stack(StackName="root", TemplateBody=nested_root(s3, {"hosting": v1}))
    child = child_id(cfn, "root", "hosting")
    v2 = body({"Site": bucket("site-bucket"), "Extra": bucket(TAKEN)}, {"Site": {"Value": {"Ref": "Site"}}})

    cfn.update_stack(StackName="root", TemplateBody=nested_root(s3, {"hosting": v2}))

    assert status(cfn, "root") == "UPDATE_ROLLBACK_COMPLETE"
    assert status(cfn, child) == "UPDATE_ROLLBACK_COMPLETE"
    [parent_failure] = [e for e in events(cfn, "root") if e[1].endswith("_FAILED")]
    assert parent_failure[:2] == ("hosting", "UPDATE_FAILED")
    assert parent_failure[2].startswith("Embedded stack") and "[Extra]" in parent_failure[2]
    [failed_event] = [
        e
        for e in cfn.describe_stack_events(StackName=child)["StackEvents"]
        if e["ResourceStatus"].endswith("_FAILED")
    ]
    assert (failed_event["LogicalResourceId"], failed_event["ResourceStatus"]) == ("Extra", "CREATE_FAILED")
    assert f"{TAKEN} already exists" in failed_event["ResourceStatusReason"]
    assert json.loads(json.dumps(cfn.get_template(StackName=child)["TemplateBody"])) == json.loads(v1)
    assert [
        r["LogicalResourceId"] for r in cfn.describe_stack_resources(StackName=child)["StackResources"]
    ] == ["Site"]
    assert cfn.describe_stacks(StackName=child)["Stacks"][0]["Outputs"][0]["OutputValue"] == "site-bucket"
    assert child_id(cfn, "root", "hosting") == child  # same child, no orphan
    stacks = cfn.list_stacks()["StackSummaries"]
    assert sorted(s["StackStatus"] for s in stacks) == ["UPDATE_ROLLBACK_COMPLETE"] * 2

    # Nothing of the failed update was kept: trying again fails the same way.
    cfn.update_stack(StackName="root", TemplateBody=nested_root(s3, {"hosting": v2}))
    assert status(cfn, child) == "UPDATE_ROLLBACK_COMPLETE"


def test_nested_stack_that_succeeded_rolls_back_when_a_sibling_fails(aws):
    cfn, s3 = aws["cloudformation"], aws["s3"]
    one_v1, two_v1 = body({"B": bucket("one-a")}), body({"B": bucket("two-a")})
    cfn.create_stack(StackName="root", TemplateBody=nested_root(s3, {"one": one_v1, "two": two_v1}))
    one = child_id(cfn, "root", "one")
    one_v2 = body({"B": bucket("one-a"), "C": bucket("one-c")})
    two_v2 = body({"B": bucket("two-a"), "C": bucket(TAKEN, DependsOn="B")})

    cfn.update_stack(StackName="root", TemplateBody=nested_root(s3, {"one": one_v2, "two": two_v2}))

    assert status(cfn, "root") == "UPDATE_ROLLBACK_COMPLETE"
    assert status(cfn, one) == "UPDATE_ROLLBACK_COMPLETE"
    assert not bucket_exists(s3, "one-c")
    assert json.loads(json.dumps(cfn.get_template(StackName=one)["TemplateBody"])) == json.loads(one_v1)


def test_failed_nested_create_is_deleted_and_named_in_the_parent(aws):
    cfn, s3 = aws["cloudformation"], aws["s3"]
    cfn.create_stack(StackName="root", TemplateBody=nested_root(s3, {"good": body({"B": bucket("good-b")})}))
    template = nested_root(s3, {"good": body({"B": bucket("good-b")}), "bad": body({"B": bucket(TAKEN)})})

    cfn.update_stack(StackName="root", TemplateBody=template)

    assert status(cfn, "root") == "UPDATE_ROLLBACK_COMPLETE"
    [failure] = [
        e
        for e in cfn.describe_stack_events(StackName="root")["StackEvents"]
        if e["ResourceStatus"].endswith("_FAILED")
    ]
    assert failure["LogicalResourceId"] == "bad" and failure["ResourceStatus"] == "CREATE_FAILED"
    assert "was not successfully created" in failure["ResourceStatusReason"]
    # The failed child's own events still explain why (the provider follows this link).
    child_events = cfn.describe_stack_events(StackName=failure["PhysicalResourceId"])["StackEvents"]
    assert any(e["LogicalResourceId"] == "B" and e["ResourceStatus"] == "CREATE_FAILED" for e in child_events)
    live = [
        s["StackName"] for s in cfn.list_stacks()["StackSummaries"] if s["StackStatus"] != "DELETE_COMPLETE"
    ]
    assert len(live) == 2  # root and good: no orphan child
    assert [
        r["LogicalResourceId"] for r in cfn.describe_stack_resources(StackName="root")["StackResources"]
    ] == ["good"]


def test_change_set_execution_rolls_back_too(aws):
    cfn, s3 = aws["cloudformation"], aws["s3"]
    cfn.create_stack(StackName="app", TemplateBody=body({"A": bucket("cs-a")}))
    cfn.create_change_set(
        StackName="app",
        ChangeSetName="add-clash",
        TemplateBody=body({"A": bucket("cs-a"), "B": bucket(TAKEN)}),
    )
    cfn.execute_change_set(StackName="app", ChangeSetName="add-clash")

    assert status(cfn, "app") == "UPDATE_ROLLBACK_COMPLETE"
    assert (
        cfn.describe_change_set(StackName="app", ChangeSetName="add-clash")["ExecutionStatus"]
        == "EXECUTE_FAILED"
    )
    assert bucket_exists(s3, "cs-a")
