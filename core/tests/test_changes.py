"""Change detection and the push plan as data: hashes, statuses, parameters, the new meta."""

from __future__ import annotations

import json

from amplify_core.changes.hashing import resource_hash
from amplify_core.changes.plan import (
    PushPlan,
    PushResult,
    ResourceOutcome,
    cfn_value,
    nested_stack,
    resolve_tags,
    stack_parameters,
)
from amplify_core.changes.status import Operation, backend_status, compare
from amplify_core.state.jsonfile import write_json
from amplify_core.state.paths import ProjectPaths
from amplify_core.workflows.push import deployed_meta

ENTRY = {"service": "Bucket", "providerPlugin": "awscloudformation"}


def make_resource(folder, template=None, params=None):
    write_json(folder / "template.json", template or {"Resources": {}})
    write_json(folder / "parameters.json", params or {"label": "v1"})


def test_hash_ignores_build_output_and_dotfiles_and_follows_content(tmp_path):
    folder = tmp_path / "res"
    make_resource(folder)
    first = resource_hash(folder, ENTRY)
    for noise in ("build/out.js", "dist/a", "node_modules/x/index.js", ".swp", ".cache/y"):
        (folder / noise).parent.mkdir(parents=True, exist_ok=True)
        (folder / noise).write_text("noise")
    assert resource_hash(folder, ENTRY) == first
    assert resource_hash(folder, {**ENTRY, "dependsOn": []}) != first  # the backend-config entry counts

    params = folder / "parameters.json"
    original = params.read_bytes()
    params.write_text('{"label": "v2"}')
    assert resource_hash(folder, ENTRY) != first
    params.write_bytes(original)  # reverting an edit reverts the hash (no timestamps involved)
    assert resource_hash(folder, ENTRY) == first
    (folder / "parameters.json").rename(folder / "params.json")
    assert resource_hash(folder, ENTRY) != first  # paths count, not only contents


def test_compare_orders_create_update_delete_then_unchanged():
    desired = {"api": {"a": ENTRY, "b": ENTRY}, "hosting": {"h": ENTRY}}
    old, same = "0" * 64, "f" * 64
    deployed = {
        "api": {
            "b": {**ENTRY, "lastPushDirHash": old},
            "gone": {**ENTRY, "lastPushDirHash": "x", "output": {}},
        },
        "hosting": {"h": {**ENTRY, "lastPushDirHash": same}},
    }
    hashes = {("api", "a"): "a" * 64, ("api", "b"): "b" * 64, ("hosting", "h"): same}
    rows = compare(desired, deployed, hashes)
    assert [(r.category, r.name, r.operation) for r in rows] == [
        ("api", "a", Operation.CREATE),
        ("api", "b", Operation.UPDATE),
        ("api", "gone", Operation.DELETE),
        ("hosting", "h", Operation.NO_CHANGE),
    ]
    assert rows[2].entry == ENTRY  # runtime keys dropped from the deleted resource's entry
    assert rows[0].logical_id == "apia"


def test_backend_status_reads_local_files_and_falls_back_for_gen1_meta(tmp_path):
    paths = ProjectPaths(tmp_path)
    make_resource(paths.resource_dir("testkit", "one"))
    make_resource(paths.resource_dir("testkit", "one", current=True))
    write_json(paths.backend_config, {"testkit": {"one": ENTRY}})
    write_json(paths.current_backend_config, {"testkit": {"one": ENTRY}})
    # Written by the Node CLI (its own hash recipe), so the #current-cloud-backend copy is hashed.
    gen1 = {**ENTRY, "lastPushTimeStamp": "t", "lastPushDirHash": "2jmj7l5rSw0yVb/vlWAYkK/YBwk="}
    write_json(paths.current_amplify_meta, {"providers": {}, "testkit": {"one": gen1}})
    status = backend_status(paths, "dev")
    assert [r.operation for r in status.resources] == [Operation.NO_CHANGE]
    assert not status.has_changes
    (paths.resource_dir("testkit", "one") / "parameters.json").write_text('{"label": "v2"}')
    assert backend_status(paths, "dev").resources[0].operation is Operation.UPDATE

    write_json(paths.backend / "tags.json", [{"Key": "user:Stack", "Value": "{project-env}"}])
    status = backend_status(paths, "dev")
    assert status.tags_changed and status.has_changes


def test_parameters_only_declared_ones_env_and_depends_on():
    template = {"Parameters": {"env": {}, "label": {}, "apiaUrl": {}, "list": {}}}
    entry = {**ENTRY, "dependsOn": [{"category": "api", "resourceName": "a", "attributes": ["Url", "Other"]}]}
    params, depends = stack_parameters(
        template, {"label": True, "list": ["x", 2], "unknown": 1}, entry, "dev"
    )
    assert params == {
        "env": "dev",
        "label": "true",
        "list": "x,2",
        "apiaUrl": {"Fn::GetAtt": ["apia", "Outputs.Url"]},
    }
    assert depends == ("apia",)
    assert cfn_value({"a": 1}) == '{"a": 1}' and cfn_value(3) == "3" and cfn_value(None) == ""


def test_tags_placeholders_are_filled():
    tags = [
        {"Key": "user:Stack", "Value": "{project-env}"},
        {"Key": "user:Application", "Value": "{project-name}"},
    ]
    assert resolve_tags(tags, "app", "dev") == (
        {"Key": "user:Stack", "Value": "dev"},
        {"Key": "user:Application", "Value": "app"},
    )
    assert resolve_tags(None, "app", "dev") is None


def _plan(stacks, deletions=()):
    from amplify_core.changes.status import BackendStatus

    return PushPlan(
        env_name="dev",
        project_name="app",
        provider_name="awscloudformation",
        provider_info={"StackName": "s", "DeploymentBucketName": "b"},
        status=BackendStatus("dev", ()),
        stacks=tuple(stacks),
        deletions=tuple(deletions),
    )


def test_template_key_has_category_resource_and_content_hash():
    from amplify_core.changes.status import ResourceStatus

    row = ResourceStatus("testkit", "one", Operation.CREATE, ENTRY, "h1")
    a = nested_stack(row, {"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}, {}, "dev")
    b = nested_stack(row, {"Resources": {"C": {"Type": "AWS::S3::Bucket"}}}, {}, "dev")
    assert a.template_key.startswith("amplify-cfn-templates/testkit/one/") and a.template_key.endswith(
        ".json"
    )
    assert a.template_key != b.template_key
    assert json.loads(a.template_body()) == a.template


def test_deployed_meta_records_pushed_keeps_unchanged_drops_deleted():
    from amplify_core.changes.status import ResourceStatus

    pushed = nested_stack(ResourceStatus("t", "new", Operation.CREATE, ENTRY, "h-new"), {}, {}, "dev")
    kept = nested_stack(ResourceStatus("t", "old", Operation.NO_CHANGE, ENTRY, "h-old"), {}, {}, "dev")
    gone = ResourceStatus("t", "gone", Operation.DELETE, ENTRY, None, "h")
    previous = {
        "providers": {"awscloudformation": {"StackName": "s"}},
        "t": {
            "old": {
                **ENTRY,
                "output": {"A": "1"},
                "lastPushDirHash": "h-old",
                "providerMetadata": {"s3TemplateURL": "u-old", "logicalId": "told"},
                "lastPushTimeStamp": "earlier",
            },
            "gone": {**ENTRY, "lastPushDirHash": "h"},
        },
    }
    local = {"providers": {"awscloudformation": {"StackName": "s", "Region": "r"}}, "t": {"gone": ENTRY}}
    result = PushResult({("t", "new"): ResourceOutcome("tnew", "u-new", {"B": "2"})})
    meta = deployed_meta(local, previous, _plan([pushed, kept], [gone]), result)
    assert meta["providers"] == local["providers"]
    assert set(meta["t"]) == {"new", "old"}
    assert meta["t"]["new"]["output"] == {"B": "2"} and meta["t"]["new"]["lastPushDirHash"] == "h-new"
    assert meta["t"]["new"]["providerMetadata"] == {"s3TemplateURL": "u-new", "logicalId": "tnew"}
    assert meta["t"]["old"] == previous["t"]["old"]
