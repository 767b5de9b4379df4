"""The generated res/raw files, byte for byte."""

from __future__ import annotations

import json

import pytest
from amplify_core.errors import UsageError

SETTINGS = {"config": {"ResDir": "app/src/main/res"}}

HOSTING_OUTPUTS = {
    "aws_project_region": "us-west-2",
    "aws_content_delivery_bucket": "myapp-20240101120000-hostingbucket-dev",
    "aws_content_delivery_bucket_region": "us-west-2",
    "aws_content_delivery_url": "https://d1234abcd.cloudfront.net",
    # the hosting plugin's native block, as the core hands it over (``Category.native_outputs``)
    "__native__": {
        "amplifyconfiguration": {
            "hosting": {
                "plugins": {
                    "awsS3AndCloudFrontHostingPlugin": {
                        "bucket": "myapp-20240101120000-hostingbucket-dev",
                        "region": "us-west-2",
                        "url": "https://d1234abcd.cloudfront.net",
                    }
                }
            }
        }
    },
}

EXPECTED_AWS = """\
{
    "UserAgent": "aws-amplify-cli/0.1.0",
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
                "url": "https://d1234abcd.cloudfront.net"
            }
        }
    }
}
"""


def test_both_files_are_written_under_res_raw(frontend, tmp_path):
    written = frontend.write_config_files(tmp_path, SETTINGS, HOSTING_OUTPUTS)
    raw = tmp_path / "app/src/main/res/raw"
    assert written == [raw / "awsconfiguration.json", raw / "amplifyconfiguration.json"]
    assert written[0].read_text(encoding="utf-8") == EXPECTED_AWS
    assert written[1].read_text(encoding="utf-8") == EXPECTED_AMPLIFY
    assert sorted(p.name for p in raw.iterdir()) == ["amplifyconfiguration.json", "awsconfiguration.json"]


def test_without_hosting_only_the_heads_are_written(frontend, tmp_path):
    _, amplify = frontend.write_config_files(tmp_path, SETTINGS, {"aws_project_region": "us-west-2"})
    assert json.loads(amplify.read_text()) == {"UserAgent": "aws-amplify-cli/2.0", "Version": "1.0"}


def test_custom_keys_survive_but_reserved_sections_do_not(frontend, tmp_path):
    aws, _ = frontend.write_config_files(tmp_path, SETTINGS, HOSTING_OUTPUTS)
    aws.write_text(
        json.dumps(
            {
                "UserAgent": "old",
                "MyFeatureFlags": {"Default": {"beta": True}},
                "S3TransferUtility": {"Default": {"Bucket": "gone", "Region": "us-west-2"}},
            }
        )
    )
    frontend.write_config_files(tmp_path, SETTINGS, HOSTING_OUTPUTS)
    assert json.loads(aws.read_text()) == {
        "UserAgent": "aws-amplify-cli/0.1.0",
        "Version": "0.1.0",
        "IdentityManager": {"Default": {}},
        "MyFeatureFlags": {"Default": {"beta": True}},
    }


@pytest.mark.parametrize("broken", ["{not json", "[1, 2]"])
def test_a_broken_old_file_is_replaced(frontend, tmp_path, broken):
    aws, _ = frontend.write_config_files(tmp_path, SETTINGS, {})
    aws.write_text(broken)
    frontend.write_config_files(tmp_path, SETTINGS, {})
    assert aws.read_text() == EXPECTED_AWS


def test_remove_deletes_both_and_reports_what_existed(frontend, tmp_path):
    aws, amplify = frontend.write_config_files(tmp_path, SETTINGS, HOSTING_OUTPUTS)
    aws.unlink()
    assert frontend.remove_config_files(tmp_path, SETTINGS) == [amplify]
    assert frontend.remove_config_files(tmp_path, SETTINGS) == []


def test_res_dir_with_a_leading_slash_stays_inside_the_project(frontend, tmp_path):
    [aws, _] = frontend.write_config_files(tmp_path, {"config": {"ResDir": "/mobile/res"}}, {})
    assert aws == tmp_path / "mobile/res/raw/awsconfiguration.json"


def test_a_project_config_without_res_dir_is_a_usage_error(frontend, tmp_path):
    with pytest.raises(UsageError, match="config.ResDir"):
        frontend.write_config_files(tmp_path, {"config": {}}, HOSTING_OUTPUTS)


def test_nothing_to_build_or_publish(frontend, tmp_path):
    frontend.build(tmp_path, SETTINGS)
    frontend.start(tmp_path, SETTINGS)
    assert frontend.dist_dir(tmp_path, SETTINGS) is None
    assert list(tmp_path.iterdir()) == []
