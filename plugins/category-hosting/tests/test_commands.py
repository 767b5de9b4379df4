"""``amplify hosting add | configure | remove`` run in-process on a project without a cloud."""

from __future__ import annotations

import io
import json
from pathlib import Path

from amplify_category_hosting.configure import interactive, load_state
from amplify_core.console import Console
from amplify_core.context import AmplifyContext
from amplify_core.state.project import Project

RESOURCE = Path("amplify/backend/hosting/S3AndCloudFront")


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def distribution_config(project: Path) -> dict:
    template = load(project / RESOURCE / "template.json")
    return template["Resources"]["CloudFrontDistribution"]["Properties"]["DistributionConfig"]


def test_add_prod_headless_writes_the_resource(hosting, amplify_cli, project):
    result = amplify_cli("add hosting --stage PROD --bucket-name my-site --yes", cwd=project)
    assert result.exit_code == 0, result.output
    assert "You can now publish your app using the following command:" in result.stdout
    assert "Command: amplify publish" in result.stdout
    assert load(project / RESOURCE / "parameters.json") == {"bucketName": "my-site"}
    assert "CloudFrontDistribution" in load(project / RESOURCE / "template.json")["Resources"]
    entry = {"service": "S3AndCloudFront", "providerPlugin": "awscloudformation"}
    assert load(project / "amplify/backend/backend-config.json") == {"hosting": {"S3AndCloudFront": entry}}
    again = amplify_cli("hosting add --yes", cwd=project)
    assert again.exit_code == 2 and "already enabled" in again.stderr


def test_add_without_a_terminal_lists_every_missing_value_and_writes_nothing(hosting, amplify_cli, project):
    result = amplify_cli("hosting add --index-doc main.html", cwd=project)
    assert result.exit_code == 2
    for flag in ("--stage", "--bucket-name", "--error-doc"):
        assert flag in result.stderr
    assert "--index-doc" not in result.stderr
    assert not (project / RESOURCE).exists()


def test_add_rejects_bad_input_before_writing(hosting, amplify_cli, project):
    result = amplify_cli("hosting add --stage PROD --bucket-name My_Bucket --yes", cwd=project)
    assert result.exit_code == 2 and "bucketName" in result.stderr
    result = amplify_cli(["hosting", "add", "--params", '{"stage": "QA"}', "--yes"], cwd=project)
    assert result.exit_code == 2 and "hosting add.stage: 'QA' is not one of" in result.stderr
    for not_an_object in ("[1]", '[["stage", "PROD"]]', "7"):  # a list of pairs once made a dict
        result = amplify_cli(["hosting", "add", "--params", not_an_object, "--yes"], cwd=project)
        assert result.exit_code == 2 and "--params: expected a JSON object" in result.stderr, result.output
        result = amplify_cli(["hosting", "configure", "--params", not_an_object], cwd=project)
        assert result.exit_code == 2 and "--params: expected a JSON object" in result.stderr, result.output
    assert not (project / RESOURCE).exists()


def test_add_dev_with_scripted_answers(hosting, amplify_cli, project):
    answers = {
        "stage": "DEV",
        "bucketName": "dev-site",
        "indexDocument": "index.html",
        "errorDocument": "404.html",
    }
    result = amplify_cli("hosting add", cwd=project, answers=answers)
    assert result.exit_code == 0, result.output
    website = load(project / RESOURCE / "template.json")["Resources"]["S3Bucket"]["Properties"][
        "WebsiteConfiguration"
    ]
    assert website == {"IndexDocument": "index.html", "ErrorDocument": "404.html"}


def test_configure_headless_flags(hosting, amplify_cli, project):
    amplify_cli("hosting add --stage PROD --bucket-name my-site --yes", cwd=project)
    result = amplify_cli(
        [
            "hosting",
            "configure",
            "--min-ttl",
            "5",
            "--default-ttl",
            "60",
            "--max-ttl",
            "3600",
            "--error-response",
            "500:200:/oops.html:30",
            "--remove-error-response",
            "403",
            "--ignore",
            "*.map",
            "--ignore",
            "/drafts",
            "--cache-control",
            "*.png=public, max-age=600",
        ],
        cwd=project,
    )
    assert result.exit_code == 0, result.output
    config = distribution_config(project)
    behavior = config["DefaultCacheBehavior"]
    assert (behavior["MinTTL"], behavior["DefaultTTL"], behavior["MaxTTL"]) == (5, 60, 3600)
    assert [(r["ErrorCode"], r.get("ResponsePagePath")) for r in config["CustomErrorResponses"]] == [
        (404, "/index.html"),
        (500, "/oops.html"),
    ]
    assert load(project / "amplifyPublishIgnore.json") == ["*.map", "/drafts"]
    assert load(project / "amplifyPublishCacheControl.json") == [
        {"pattern": "*.png", "cacheControl": "public, max-age=600"}
    ]


def test_configure_refuses_ttls_out_of_order_and_changes_nothing(hosting, amplify_cli, project):
    amplify_cli("hosting add --stage PROD --bucket-name my-site --yes", cwd=project)
    before = (project / RESOURCE / "template.json").read_text()
    result = amplify_cli("hosting configure --min-ttl 100 --default-ttl 10", cwd=project)
    assert result.exit_code == 2 and "min ≤ default ≤ max" in result.stderr
    result = amplify_cli("hosting configure --max-ttl soon", cwd=project)
    assert result.exit_code == 2 and "whole number" in result.stderr
    assert (project / RESOURCE / "template.json").read_text() == before


def test_configure_removes_and_adds_cloudfront(hosting, amplify_cli, project):
    amplify_cli("hosting add --stage PROD --bucket-name my-site --yes", cwd=project)
    result = amplify_cli("update hosting --no-cloudfront --error-doc 404.html", cwd=project)
    assert result.exit_code == 0, result.output
    resources = load(project / RESOURCE / "template.json")["Resources"]
    assert "CloudFrontDistribution" not in resources and "BucketPolicy" in resources
    assert resources["S3Bucket"]["Properties"]["WebsiteConfiguration"]["ErrorDocument"] == "404.html"
    result = amplify_cli("hosting configure --default-ttl 5", cwd=project)
    assert result.exit_code == 2 and "--cloudfront" in result.stderr
    result = amplify_cli("hosting configure --cloudfront --default-ttl 5", cwd=project)
    assert result.exit_code == 0 and distribution_config(project)["DefaultCacheBehavior"]["DefaultTTL"] == 5


def test_configure_interactively_by_section(hosting, amplify_cli, project, sequence_prompter):
    amplify_cli("hosting add --stage PROD --bucket-name my-site --yes", cwd=project)
    prompter = sequence_prompter(
        {
            "bucketName": "my-site",
            "section": ["CloudFront", "Publish", "exit"],
            "removeCloudFront": False,
            "defaultRootObject": "index.html",
            "defaultTTL": "600",
            "maxTTL": "6000",
            "minTTL": "0",
            "configureErrorResponses": True,
            "errorResponseAction": ["add", "edit", "remove", "exit"],
            "errorCode": [400, 404, 403],
            "responseCode": ["200", "404"],
            "responsePagePath": ["/index.html", "/404.html"],
            "errorCachingMinTTL": ["10", "60"],
            "publishAction": ["add", "add", "exit"],
            "ignorePattern": ["*.map", "*.map"],
        }
    )
    ctx = AmplifyContext(plugins=None, prompter=prompter, console=Console(out=io.StringIO()), cwd=project)
    state = interactive(ctx, load_state(Project(project)), bucket_deployed=False, env_name="dev")
    cf = state.settings.cloudfront
    assert (cf.min_ttl, cf.default_ttl, cf.max_ttl) == (0, 600, 6000)
    assert [(r.error_code, r.response_code, r.response_page_path) for r in cf.error_responses] == [
        (400, 200, "/index.html"),
        (404, 404, "/404.html"),
    ]
    assert state.ignore == ("*.map",)


def test_remove_needs_confirmation_and_records_a_deployed_bucket(hosting, amplify_cli, project):
    amplify_cli("hosting add --stage PROD --bucket-name my-site --yes", cwd=project)
    meta_path = project / "amplify/backend/amplify-meta.json"
    meta = load(meta_path)
    meta["hosting"]["S3AndCloudFront"]["output"] = {"HostingBucketName": "my-site-dev", "Region": "us-east-1"}
    meta_path.write_text(json.dumps(meta))
    refused = amplify_cli("hosting remove", cwd=project)
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert (project / RESOURCE).exists()
    result = amplify_cli("remove hosting --yes", cwd=project)
    assert result.exit_code == 0 and "Successfully removed resource" in result.stdout
    assert not (project / RESOURCE).exists()
    assert load(project / "amplify/backend/backend-config.json") == {}
    assert load(project / "amplify/.config/local-hosting-cleanup.json") == {
        "dev": [{"bucket": "my-site-dev", "region": "us-east-1"}]
    }
    missing = amplify_cli("hosting remove --yes", cwd=project)
    assert missing.exit_code == 2 and "amplify hosting add" in missing.stderr
