"""The generated files at the project root, byte for byte."""

from __future__ import annotations

import json

SETTINGS = {"config": {}}

HOSTING_OUTPUTS = {
    "aws_project_region": "us-west-2",
    "aws_content_delivery_bucket": "myapp-20240101120000-hostingbucket-dev",
    "aws_content_delivery_bucket_region": "us-west-2",
    "aws_content_delivery_url": "http://myapp-hostingbucket-dev.s3-website-us-west-2.amazonaws.com",
    # the hosting plugin's native block, as the core hands it over (``Category.native_outputs``)
    "__native__": {
        "amplifyconfiguration": {
            "hosting": {
                "plugins": {
                    "awsS3AndCloudFrontHostingPlugin": {
                        "bucket": "myapp-20240101120000-hostingbucket-dev",
                        "region": "us-west-2",
                        "url": "http://myapp-hostingbucket-dev.s3-website-us-west-2.amazonaws.com",
                    }
                }
            }
        }
    },
}

EXPECTED_AWS = """\
{
    "UserAgent": "aws-amplify/cli",
    "Version": "0.1.0",
    "IdentityManager": {
        "Default": {}
    }
}
"""

EXPECTED_AMPLIFY = """\
{
    "UserAgent": "aws-amplify-cli/2.0",
    "Version": "1.0",
    "hosting": {
        "plugins": {
            "awsS3AndCloudFrontHostingPlugin": {
                "bucket": "myapp-20240101120000-hostingbucket-dev",
                "region": "us-west-2",
                "url": "http://myapp-hostingbucket-dev.s3-website-us-west-2.amazonaws.com"
            }
        }
    }
}
"""


def test_both_files_are_written_at_the_project_root(frontend, tmp_path):
    written = frontend.write_config_files(tmp_path, SETTINGS, HOSTING_OUTPUTS)
    assert written == [tmp_path / "awsconfiguration.json", tmp_path / "amplifyconfiguration.json"]
    assert written[0].read_text(encoding="utf-8") == EXPECTED_AWS
    assert written[1].read_text(encoding="utf-8") == EXPECTED_AMPLIFY
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "amplifyconfiguration.json",
        "awsconfiguration.json",
    ]


def test_custom_keys_survive_but_reserved_sections_do_not(frontend, tmp_path):
    aws, _ = frontend.write_config_files(tmp_path, SETTINGS, {})
    aws.write_text(json.dumps({"Custom": {"a": 1}, "AppSync": {"Default": {}}}))
    frontend.write_config_files(tmp_path, SETTINGS, {})
    assert list(json.loads(aws.read_text())) == ["UserAgent", "Version", "IdentityManager", "Custom"]


def test_remove_deletes_both_and_reports_what_existed(frontend, tmp_path):
    written = frontend.write_config_files(tmp_path, SETTINGS, HOSTING_OUTPUTS)
    (tmp_path / "Podfile").write_text("")
    assert frontend.remove_config_files(tmp_path, SETTINGS) == written
    assert frontend.remove_config_files(tmp_path, SETTINGS) == []
    assert [p.name for p in tmp_path.iterdir()] == ["Podfile"]


def test_nothing_to_build_or_publish(frontend, tmp_path):
    frontend.build(tmp_path, SETTINGS)
    frontend.start(tmp_path, SETTINGS)
    assert frontend.dist_dir(tmp_path, SETTINGS) is None
