"""Bootstrap for one local Lambda invocation:
``python python_runner.py <code_dir> <module.function> <event.json> <result.json>``.

Imports the handler from ``code_dir`` (first on ``sys.path``, as Lambda's task root), calls it
with ``(event, context)`` and writes its JSON result — or Lambda's error object, exit 1.
"""

import importlib
import json
import os
import sys
import time
import traceback


class Context:
    def __init__(self):
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "function")
        self.aws_request_id = os.environ.get("AMPLIFY_INVOKE_REQUEST_ID", "")
        self.memory_limit_in_mb = "128"
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME", "")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME", "")
        self._deadline = time.monotonic() + float(os.environ.get("AWS_LAMBDA_FUNCTION_TIMEOUT", "25"))

    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def main():
    code_dir, handler_name, event_file, result_file = sys.argv[1:5]
    sys.path.insert(0, code_dir)
    module_name, _, function_name = handler_name.rpartition(".")
    try:
        with open(event_file, encoding="utf-8") as f:
            event = json.load(f)
        handler = getattr(importlib.import_module(module_name.replace("/", ".")), function_name)
        result = handler(event, Context())
        text = json.dumps(result)
    except Exception as exc:  # noqa: BLE001 - reported as Lambda reports it
        traceback.print_exc()
        error = {
            "errorType": type(exc).__name__,
            "errorMessage": str(exc),
            "stackTrace": traceback.format_tb(exc.__traceback__),
        }
        with open(result_file, "w", encoding="utf-8") as f:
            json.dump(error, f)
        sys.exit(1)
    with open(result_file, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
