"""``cfnresponse``: the module CloudFormation gives Python inline (``ZipFile``) Lambda code.

``send`` PUTs the custom resource's response object to the event's ``ResponseURL`` (a presigned
URL) — the documented signature and body of AWS's module, written for the local runner.
"""

import json
import urllib.request

SUCCESS = "SUCCESS"
FAILED = "FAILED"


def send(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False, reason=None):
    responseUrl = event["ResponseURL"]
    log_stream = getattr(context, "log_stream_name", "")
    body = {
        "Status": responseStatus,
        "Reason": reason or "See the details in CloudWatch Log Stream: " + log_stream,
        "PhysicalResourceId": physicalResourceId or log_stream,
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "NoEcho": noEcho,
        "Data": responseData,
    }
    json_body = json.dumps(body)
    print("Response body:")
    print(json_body)
    request = urllib.request.Request(
        responseUrl,
        data=json_body.encode("utf-8"),
        method="PUT",
        headers={"content-type": "", "content-length": str(len(json_body))},
    )
    try:
        with urllib.request.urlopen(request) as response:
            print("Status code:", response.status)
    except Exception as e:  # noqa: BLE001 - AWS's module logs the failure and returns
        print("send(..) failed executing http.request(..):", e)
