"""``amplifyconfiguration.dart`` byte for byte as Gen 1 writes it, and read back."""

from __future__ import annotations

from amplify_frontend_flutter import dart_config

GEN1_EMPTY = """const amplifyconfig = ''' {
    "UserAgent": "aws-amplify-cli/2.0",
    "Version": "1.0"
}''';
"""


def test_empty_config_matches_gen1(tmp_path):
    path = dart_config.write(tmp_path, {"aws_project_region": "us-east-1"})
    assert path.read_text() == GEN1_EMPTY


def test_hosting_outputs_get_their_block(tmp_path):
    hosting = {
        "plugins": {
            "awsS3AndCloudFrontHostingPlugin": {
                "bucket": "site-dev",
                "region": "us-east-1",
                "url": "https://d111111abcdef8.cloudfront.net",
            }
        }
    }
    # the flat keys and the hosting plugin's native block, as the core hands them over
    outputs = {
        "aws_project_region": "us-east-1",
        "aws_content_delivery_bucket": "site-dev",
        "__native__": {"amplifyconfiguration": {"hosting": hosting}},
    }
    config = dart_config.parse(dart_config.write(tmp_path, outputs).read_text())
    assert config["hosting"] == hosting
    # hosting removed: its block goes, the rest stays
    assert "hosting" not in dart_config.parse(dart_config.write(tmp_path, {}).read_text())


def test_keys_the_user_added_are_kept(tmp_path):
    path = tmp_path / dart_config.FILE_NAME
    path.write_text(dart_config.render({"UserAgent": "old", "Version": "0.9", "analytics": {"plugins": {}}}))
    config = dart_config.parse(dart_config.write(tmp_path, {}).read_text())
    assert config == {"UserAgent": "aws-amplify-cli/2.0", "Version": "1.0", "analytics": {"plugins": {}}}


def test_reads_a_file_written_by_gen1_without_final_newline():
    assert dart_config.parse(GEN1_EMPTY.rstrip("\n")) == {
        "UserAgent": "aws-amplify-cli/2.0",
        "Version": "1.0",
    }


def test_dollar_and_backslash_survive_dart(tmp_path):
    """Gen 1 wrote them raw, so Dart interpolated ``$x`` and ate backslashes; we escape them."""
    config = {"custom": {"template": "cost $5", "path": "a\\b"}}
    text = dart_config.render(config)
    assert "\\$5" in text and "a\\\\\\\\b" in text  # Dart sees \$ → $ and \\\\ → \\ (JSON for one \)
    assert dart_config.parse(text) == config


def test_unreadable_file_is_replaced(tmp_path):
    (tmp_path / dart_config.FILE_NAME).write_text("garbage")
    assert dart_config.write(tmp_path, {}).read_text() == GEN1_EMPTY
