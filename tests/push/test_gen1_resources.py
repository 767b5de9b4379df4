"""Gen 1 resources of categories with no installed plugin (issue 14 item 4), end to end.

A resource folder holding a committed CloudFormation template deploys as Gen 1 deploys
``custom`` resources: parameters from ``parameters.json``, then the environment's
``team-provider-info.json`` ``categories`` block, then ``dependsOn`` outputs (named
``<category><resource><attribute>``), in dependency order. A resource needing a build step
nothing installed performs is refused by name before any cloud call.
"""

from __future__ import annotations

import json
from pathlib import Path

YAML_TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Description: a Gen 1 custom resource, in YAML with short tags
Parameters:
  env: {Type: String}
  prefix: {Type: String}
  label: {Type: String}
  customsourceBucketName: {Type: String}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '${prefix}-${env}'
      Tags:
        - {Key: label, Value: !Ref label}
        - {Key: source, Value: !Ref customsourceBucketName}
Outputs:
  BucketName: {Value: !Ref Bucket}
  Arn: {Value: !GetAtt Bucket.Arn}
"""

JSON_TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Parameters": {"env": {"Type": "String"}},
    "Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}},
    "Outputs": {"BucketName": {"Value": {"Ref": "Bucket"}}},
}


def write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2))


def add_to_backend_config(project, category: str, name: str, entry: dict) -> None:
    path = project.amplify_dir / "backend" / "backend-config.json"
    config = json.loads(path.read_text())
    config.setdefault(category, {})[name] = entry
    path.write_text(json.dumps(config, indent=2))


def test_committed_templates_deploy_with_env_values_and_depends_on(project, sandbox_server):
    backend = project.amplify_dir / "backend"
    write(backend / "custom" / "source" / "source-cloudformation-template.json", JSON_TEMPLATE)
    write(backend / "custom" / "consumer" / "consumer-cloudformation-template.yml", YAML_TEMPLATE)
    write(
        backend / "custom" / "consumer" / "parameters.json",
        {"prefix": "not-this-one", "label": "from-params"},
    )
    # The consumer is listed first: the deploy order must come from dependsOn, not file order.
    add_to_backend_config(
        project,
        "custom",
        "consumer",
        {
            "service": "customCloudformation",
            "providerPlugin": "awscloudformation",
            "dependsOn": [{"category": "custom", "resourceName": "source", "attributes": ["BucketName"]}],
        },
    )
    add_to_backend_config(
        project,
        "custom",
        "source",
        {"service": "customCloudformation", "providerPlugin": "awscloudformation"},
    )
    tpi_path = project.amplify_dir / "team-provider-info.json"
    tpi = json.loads(tpi_path.read_text())
    prefix = f"{project.name}-consumer"
    tpi["dev"]["categories"] = {"custom": {"consumer": {"prefix": prefix}}}
    tpi_path.write_text(json.dumps(tpi, indent=2))

    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text

    s3 = sandbox_server.client("s3")
    meta = project.meta()
    source_bucket = meta["custom"]["source"]["output"]["BucketName"]
    assert meta["custom"]["consumer"]["output"]["BucketName"] == f"{prefix}-dev"
    tags = {t["Key"]: t["Value"] for t in s3.get_bucket_tagging(Bucket=f"{prefix}-dev")["TagSet"]}
    assert tags["label"] == "from-params"  # parameters.json
    assert tags["source"] == source_bucket  # the dependency's output, through the root stack
    assert meta["custom"]["consumer"]["output"]["Arn"] == f"arn:aws:s3:::{prefix}-dev"

    root = sandbox_server.client("cloudformation").get_template(
        StackName=project.provider_info()["StackName"]
    )["TemplateBody"]
    root = root if isinstance(root, dict) else json.loads(root)
    consumer = root["Resources"]["customconsumer"]
    assert consumer["DependsOn"] == ["customsource"]
    assert consumer["Properties"]["Parameters"]["customsourceBucketName"] == {
        "Fn::GetAtt": ["customsource", "Outputs.BucketName"]
    }


def test_unbuildable_resources_are_refused_by_name_before_any_cloud_call(project, proxy):
    backend = project.amplify_dir / "backend"
    write(backend / "api" / "chat" / "schema.graphql", "type Todo @model { id: ID! }")
    write(backend / "function" / "worker" / "worker-cloudformation-template.json", JSON_TEMPLATE)
    write(backend / "custom" / "empty" / "notes.txt", "no template here")
    write(backend / "custom" / "ok" / "ok-cloudformation-template.json", JSON_TEMPLATE)
    add_to_backend_config(
        project, "api", "chat", {"service": "AppSync", "providerPlugin": "awscloudformation"}
    )
    add_to_backend_config(
        project,
        "function",
        "worker",
        {"service": "Lambda", "providerPlugin": "awscloudformation", "build": True},
    )
    add_to_backend_config(
        project, "custom", "empty", {"service": "customCloudformation", "providerPlugin": "awscloudformation"}
    )
    add_to_backend_config(
        project, "custom", "ok", {"service": "customCloudformation", "providerPlugin": "awscloudformation"}
    )
    before = project.snapshot()
    proxy.clear()

    result = project.amplify("push", "--yes")

    assert result.code == 2, result.text
    lines = result.err.splitlines()
    assert any(line.strip().startswith("api chat (AppSync): its GraphQL schema") for line in lines), (
        result.err
    )
    # the function plugin builds Lambda sources; this template has no function for it to package
    assert any(
        line.strip().startswith(
            "function worker (Lambda): the template of worker has no AWS::Lambda::Function"
        )
        for line in lines
    ), result.err
    assert any(
        line.strip().startswith("custom empty (customCloudformation): no CloudFormation template")
        for line in lines
    )
    assert "custom ok" not in result.err
    assert "Traceback" not in result.text
    assert proxy.requests == [], [str(r) for r in proxy.requests]
    assert project.snapshot() == before


def test_a_missing_dependency_or_a_cycle_is_refused(project, proxy):
    backend = project.amplify_dir / "backend"
    for name in ("a", "b"):
        write(backend / "custom" / name / f"{name}-cloudformation-template.json", JSON_TEMPLATE)
    add_to_backend_config(
        project,
        "custom",
        "a",
        {
            "service": "customCloudformation",
            "providerPlugin": "awscloudformation",
            "dependsOn": [{"category": "auth", "resourceName": "gone", "attributes": ["UserPoolId"]}],
        },
    )
    proxy.clear()
    missing = project.amplify("push", "--yes")
    assert missing.code == 2, missing.text
    assert "custom a depends on auth gone, which is not in backend-config.json" in missing.err

    add_to_backend_config(
        project,
        "custom",
        "a",
        {
            "service": "customCloudformation",
            "providerPlugin": "awscloudformation",
            "dependsOn": [{"category": "custom", "resourceName": "b", "attributes": ["BucketName"]}],
        },
    )
    add_to_backend_config(
        project,
        "custom",
        "b",
        {
            "service": "customCloudformation",
            "providerPlugin": "awscloudformation",
            "dependsOn": [{"category": "custom", "resourceName": "a", "attributes": ["BucketName"]}],
        },
    )
    cycle = project.amplify("push", "--yes")
    assert cycle.code == 2, cycle.text
    assert "form a cycle: custom a -> custom b -> custom a" in cycle.err
    assert proxy.requests == []
