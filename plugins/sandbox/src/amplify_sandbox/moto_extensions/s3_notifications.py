"""S3 → Lambda notifications as AWS sends them.

moto 5 (``moto/s3/notifications.py``) already matches a bucket's Lambda configurations (events,
``prefix``/``suffix`` filters) when an object is put, copied or deleted, and invokes the function
(through :mod:`.lambda_invoke`, so the handler runs locally). What it gets wrong, corrected here:

* it invokes inside the S3 request, so a ``PutObject`` waits for the handler; AWS invokes
  asynchronously. Here one worker thread delivers the events in the order they happened (AWS's
  queue of asynchronous invocations) and the request answers at once;
* its record encodes "/" in the key (S3 keeps it) and lacks what AWS documents (``userIdentity``, ``requestParameters``,
  ``responseElements``, the bucket's ``ownerIdentity``, the object's ``sequencer``, no ``size``
  or ``eTag`` for a removal): here the record is the documented one;
* it stores any configuration; AWS refuses ``PutBucketNotificationConfiguration`` (and so a
  template's ``NotificationConfiguration``) with ``InvalidArgument`` "Unable to validate the
  following destination configurations" when a function does not exist or its resource policy
  does not let ``s3.amazonaws.com`` invoke it for this bucket (``SourceArn`` / ``SourceAccount``);
* CloudFormation's ``NotificationConfiguration`` is ignored: :func:`from_cloudformation` turns it
  into the API's shape for :mod:`.s3_bucket_properties`.
"""

from __future__ import annotations

import fnmatch
import itertools
import json
import queue
import threading
import uuid
from typing import Any
from urllib.parse import quote_plus

from moto.core.utils import iso_8601_datetime_with_milliseconds
from moto.s3.exceptions import InvalidArgumentError

VALIDATION_FAILED = "Unable to validate the following destination configurations"
_SEQUENCE = itertools.count(1)
_QUEUE: queue.SimpleQueue[tuple[str, str, str, str]] = queue.SimpleQueue()
_WORKER: threading.Thread | None = None
_WORKER_LOCK = threading.Lock()
_OWNER = "A3NL1KOZZKExample"


def from_cloudformation(cfn: dict[str, Any]) -> dict[str, Any]:
    """A template's ``NotificationConfiguration`` in the shape moto's API handler produces."""
    kinds = (
        ("LambdaConfigurations", "CloudFunctionConfiguration", "Function", "CloudFunction"),
        ("QueueConfigurations", "QueueConfiguration", "Queue", "Queue"),
        ("TopicConfigurations", "TopicConfiguration", "Topic", "Topic"),
    )
    config: dict[str, Any] = {}
    for cfn_key, api_key, cfn_target, api_target in kinds:
        items = []
        for item in cfn.get(cfn_key) or []:
            api: dict[str, Any] = {api_target: item[cfn_target], "Event": [item["Event"]]}
            rules = ((item.get("Filter") or {}).get("S3Key") or {}).get("Rules") or []
            if rules:
                api["Filter"] = {
                    "S3Key": {"FilterRule": [{"Name": r["Name"].lower(), "Value": r["Value"]} for r in rules]}
                }
            items.append(api)
        if items:
            config[api_key] = items
    if cfn.get("EventBridgeConfiguration", {}).get("EventBridgeEnabled") in (True, "true", "True"):
        config["EventBridgeConfiguration"] = {}
    return config


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _condition(conditions: dict[str, Any], key: str) -> list[str]:
    """Every value a condition block gives ``key`` (case-insensitive, as IAM's keys are)."""
    found: list[str] = []
    for block in conditions.values():
        if isinstance(block, dict):
            for name, value in block.items():
                if name.lower() == key.lower():
                    found += [str(v) for v in _as_list(value)]
    return found


def lets_s3_invoke(statements: list[dict[str, Any]], bucket_arn: str, account_id: str) -> bool:
    """Whether a function's resource policy lets S3 invoke it for this bucket."""
    for statement in statements:
        if statement.get("Effect", "Allow") != "Allow":
            continue
        actions = _as_list(statement.get("Action"))
        if not any(a in ("lambda:InvokeFunction", "lambda:*", "*") for a in actions):
            continue
        principal = statement.get("Principal")
        services = _as_list(principal.get("Service")) if isinstance(principal, dict) else _as_list(principal)
        if "s3.amazonaws.com" not in services and "*" not in services:
            continue
        conditions = statement.get("Condition") or {}
        arns = _condition(conditions, "AWS:SourceArn")
        if arns and not any(fnmatch.fnmatchcase(bucket_arn, pattern) for pattern in arns):
            continue
        accounts = _condition(conditions, "AWS:SourceAccount")
        if accounts and account_id not in accounts:
            continue
        return True
    return False


def _check_destinations(bucket: Any) -> None:
    from moto.awslambda.utils import get_backend

    configuration = bucket.notification_configuration
    for notification in configuration.cloud_function if configuration else []:
        arn = notification.arn
        try:
            function = get_backend(bucket.account_id, arn.split(":")[3]).get_function(arn)
            statements = function.policy.get_policy()["Policy"]["Statement"]
        except Exception:  # noqa: BLE001 - no such function, or no policy at all: S3 cannot invoke it
            statements = []
        if not lets_s3_invoke(statements, bucket.arn, bucket.account_id):
            raise InvalidArgumentError(VALIDATION_FAILED, arn, f"Not authorized to invoke function [{arn}]")


def _record(event_name: str, bucket: Any, key: Any, notification_id: str) -> dict[str, Any]:
    name = event_name[3:] if event_name.startswith("s3:") else event_name
    obj: dict[str, Any] = {"key": quote_plus(key.name, safe="/")}  # as S3 does: "/" stays
    if not name.startswith("ObjectRemoved"):
        obj["size"] = key.size
        obj["eTag"] = key.etag.replace('"', "")
    if getattr(bucket, "is_versioned", False) and getattr(key, "version_id", None):
        obj["versionId"] = key.version_id
    obj["sequencer"] = f"{next(_SEQUENCE):018X}"
    request_id = uuid.uuid4().hex[:16].upper()
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": bucket.region_name,
                "eventTime": iso_8601_datetime_with_milliseconds(),
                "eventName": name,
                "userIdentity": {"principalId": f"AWS:{_OWNER}"},
                "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                "responseElements": {"x-amz-request-id": request_id, "x-amz-id-2": uuid.uuid4().hex},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": notification_id,
                    "bucket": {
                        "name": bucket.name,
                        "ownerIdentity": {"principalId": _OWNER},
                        "arn": bucket.arn,
                    },
                    "object": obj,
                },
            }
        ]
    }


def _deliver() -> None:
    from moto.awslambda.utils import get_backend

    while True:
        account_id, region, arn, body = _QUEUE.get()
        try:
            get_backend(account_id, region).get_function(arn).invoke(body, {}, {})
        except Exception:  # noqa: BLE001 - as in AWS: a failed asynchronous invocation reaches no caller
            continue


def _enqueue(account_id: str, event_body: Any, fn_arn: str, region_name: str) -> None:
    global _WORKER
    with _WORKER_LOCK:
        if _WORKER is None or not _WORKER.is_alive():
            _WORKER = threading.Thread(target=_deliver, name="s3-notifications", daemon=True)
            _WORKER.start()
    _QUEUE.put((account_id, region_name, fn_arn, json.dumps(event_body)))


def install() -> None:
    from moto.s3 import notifications
    from moto.s3.models import FakeBucket

    if getattr(FakeBucket.set_notification_configuration, "_amplify_extension", False):
        return
    notifications._get_s3_event = _record
    notifications._invoke_awslambda = _enqueue
    original = FakeBucket.set_notification_configuration

    def set_notification_configuration(self: Any, notification_config: dict[str, Any] | None) -> None:
        previous = self.notification_configuration
        original(self, notification_config)
        try:
            _check_destinations(self)
        except InvalidArgumentError:
            self.notification_configuration = previous  # AWS keeps the configuration it had
            raise

    set_notification_configuration._amplify_extension = True  # type: ignore[attr-defined]
    FakeBucket.set_notification_configuration = set_notification_configuration
