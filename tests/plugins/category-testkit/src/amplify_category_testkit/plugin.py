"""Entry point ``amplify.categories: testkit``: the category, its commands, event recorder."""

from __future__ import annotations

import json
import os

from amplify_core import hookimpl
from amplify_core.descriptors import CategoryInfo, CommandInfo


@hookimpl
def amplify_categories():
    return [
        CategoryInfo(
            name="testkit",
            summary="Test-only category: one S3 bucket per resource",
            factory="amplify_category_testkit.category:TestkitCategory",
            services=("Bucket",),
        )
    ]


@hookimpl
def amplify_commands():
    return [
        CommandInfo(
            name="testkit",
            summary="Add, configure or remove testkit resources (tests only)",
            app="amplify_category_testkit.commands:app",
        )
    ]


def _record(event: dict) -> None:
    path = os.environ.get("AMPLIFY_TESTKIT_EVENTS")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(event) + "\n")


@hookimpl
def amplify_pre_push(context, command):
    _record({"event": "pre_push", "command": command})


@hookimpl
def amplify_post_push(context, command, result):
    _record(
        {
            "event": "post_push",
            "command": command,
            "success": result.success,
            "error": None if result.error is None else f"{type(result.error).__name__}: {result.error}",
        }
    )


@hookimpl
def amplify_codegen(context, params):
    _record({"event": "codegen", "params": params})
