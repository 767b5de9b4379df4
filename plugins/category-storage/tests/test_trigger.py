"""A Lambda trigger on the content bucket, as Gen 1 makes it, pushed to the sandbox (issue 15):
the function is the ``s3-trigger`` template (Gen 1's handler, which logs each record)."""

from __future__ import annotations

import json
import time

import pytest


def log_text(sandbox, function: str) -> str:
    logs = sandbox.client("logs")
    group = f"/aws/lambda/{function}"
    try:
        streams = logs.describe_log_streams(logGroupName=group)["logStreams"]
    except logs.exceptions.ResourceNotFoundException:
        return ""
    return "\n".join(
        e["message"]
        for s in streams
        for e in logs.get_log_events(logGroupName=group, logStreamName=s["logStreamName"])["events"]
    )


def wait_for_log(sandbox, function: str, text: str) -> str:
    """The function's log once it holds ``text`` (S3 invokes asynchronously; bounded wait)."""
    for _ in range(300):
        found = log_text(sandbox, function)
        if text in found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never reached the log of {function}:\n{found}")


@pytest.mark.slow
def test_an_s3_trigger_runs_the_function_until_it_is_removed(project, sandbox_server):
    params = {"functionName": "onupload", "runtime": "nodejs24.x", "template": "s3-trigger"}
    added = project.amplify("add", "function", "--yes", "--params", json.dumps(params))
    assert added.code == 0, added.text
    assert "amplify update storage" in added.out  # the bucket names its trigger
    mocked = project.amplify("mock", "function", "onupload")  # the sample S3 event
    assert mocked.code == 0, mocked.text
    assert "ObjectCreated:Put Bucket: example-bucket Key: public/photo 1.jpg" in mocked.out
    missing = project.amplify(
        "add",
        "storage",
        "--params",
        json.dumps({"service": "S3", "resourceName": "files", "bucketName": f"{project.name}-files"}),
    )
    assert missing.code == 2 and "triggerFunction" in missing.err  # no terminal: the question is listed
    wrong = project.amplify(
        "add",
        "storage",
        "--params",
        json.dumps({"service": "S3", "resourceName": "files", "triggerFunction": "nope"}),
    )
    assert wrong.code == 2 and "nope is not a function of this project" in wrong.err
    assert not (project.backend / "storage").exists()

    bucket = f"{project.name}-files"
    added = project.amplify(
        "add",
        "storage",
        "--yes",
        "--params",
        json.dumps(
            {"service": "S3", "resourceName": "files", "bucketName": bucket, "triggerFunction": "onupload"}
        ),
    )
    assert added.code == 0, added.text
    inputs = json.loads((project.backend / "storage" / "files" / "cli-inputs.json").read_text())
    assert inputs["triggerFunction"] == "onupload"
    config = json.loads((project.backend / "backend-config.json").read_text())
    assert config["storage"]["files"]["dependsOn"] == [
        {
            "category": "function",
            "resourceName": "onupload",
            "attributes": ["Name", "Arn", "LambdaExecutionRole"],
        }
    ]
    removing = project.amplify("remove", "function", "onupload", "--yes")  # the bucket needs it
    assert removing.code == 2 and "files" in removing.err

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    s3 = sandbox_server.client("s3")
    notifications = s3.get_bucket_notification_configuration(Bucket=f"{bucket}-dev")
    assert sorted(c["Events"][0] for c in notifications["LambdaFunctionConfigurations"]) == [
        "s3:ObjectCreated:*",
        "s3:ObjectRemoved:*",
    ]
    s3.put_object(Bucket=f"{bucket}-dev", Key="public/cat photo.jpg", Body=b"meow")
    line = f"ObjectCreated:Put Bucket: {bucket}-dev Key: public/cat photo.jpg"
    text = wait_for_log(sandbox_server, "onupload-dev", line)
    assert '"eventSource": "aws:s3"' in text and '"key": "public/cat+photo.jpg"' in text

    # Another function takes over: the permission and the notification follow it.
    params = {"functionName": "second", "runtime": "python3.12", "template": "s3-trigger"}
    assert project.amplify("add", "function", "--yes", "--params", json.dumps(params)).code == 0
    switched = project.amplify(
        "update", "storage", "files", "--params", json.dumps({"triggerFunction": "second"})
    )
    assert switched.code == 0, switched.text
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    s3.put_object(Bucket=f"{bucket}-dev", Key="public/dog.jpg", Body=b"woof")
    wait_for_log(sandbox_server, "second-dev", f"ObjectCreated:Put Bucket: {bucket}-dev Key: public/dog.jpg")

    updated = project.amplify(
        "update", "storage", "files", "--params", json.dumps({"triggerFunction": "NONE"})
    )
    assert updated.code == 0, updated.text
    config = json.loads((project.backend / "backend-config.json").read_text())
    assert config["storage"]["files"]["dependsOn"] == []
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    assert "LambdaFunctionConfigurations" not in s3.get_bucket_notification_configuration(
        Bucket=f"{bucket}-dev"
    )
    lam = sandbox_server.client("lambda")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):  # the permission went with the trigger
        lam.get_policy(FunctionName="onupload-dev")
    s3.put_object(Bucket=f"{bucket}-dev", Key="public/after.jpg", Body=b"")

    # S3 delivers events in order: once a later event (from another bucket) reached the function,
    # an event for public/after.jpg would have too.
    sentinel = f"{project.name}-sentinel"
    s3.create_bucket(Bucket=sentinel)
    lam.add_permission(
        FunctionName="onupload-dev",
        StatementId="sentinel",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn=f"arn:aws:s3:::{sentinel}",
    )
    arn = lam.get_function(FunctionName="onupload-dev")["Configuration"]["FunctionArn"]
    s3.put_bucket_notification_configuration(
        Bucket=sentinel,
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [{"LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"]}]
        },
    )
    s3.put_object(Bucket=sentinel, Key="sentinel", Body=b"")
    text = wait_for_log(sandbox_server, "onupload-dev", "Key: sentinel")
    assert "after.jpg" not in text
    s3.delete_object(Bucket=sentinel, Key="sentinel")
    s3.delete_bucket(Bucket=sentinel)
