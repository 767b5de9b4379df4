"""A Lambda trigger on the content bucket, as Gen 1 makes it, pushed to the sandbox (issue 15)."""

from __future__ import annotations

import json
import time

import pytest

#: Gen 1's S3 trigger handler (amplify-category-storage resources/triggers/s3/index.js).
HANDLER = """\
exports.handler = async function (event) {
  console.log('Received S3 event:', JSON.stringify(event, null, 2));
  const bucket = event.Records[0].s3.bucket.name;
  const key = event.Records[0].s3.object.key;
  console.log(`Bucket: ${bucket}`, `Key: ${key}`, `Event: ${event.Records[0].eventName}`);
};
"""


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
    added = project.amplify(
        "add",
        "function",
        "--yes",
        "--params",
        json.dumps({"functionName": "onupload", "runtime": "nodejs20.x"}),
    )
    assert added.code == 0, added.text
    (project.backend / "function" / "onupload" / "src" / "index.js").write_text(HANDLER)
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
    text = wait_for_log(sandbox_server, "onupload-dev", "Key: public/cat+photo.jpg")
    assert f"Bucket: {bucket}-dev" in text and "Event: ObjectCreated:Put" in text
    assert '"eventSource": "aws:s3"' in text

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
