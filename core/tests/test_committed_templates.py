"""Reading the CloudFormation templates Gen 1 projects commit (issue 14 item 3/4)."""

from __future__ import annotations

import pytest
from amplify_core.changes.templates import committed_template, load_template
from amplify_core.errors import UsageError


def test_build_folder_wins_and_the_named_template_is_preferred(tmp_path):
    (tmp_path / "parameters.json").write_text("{}")
    (tmp_path / "template.json").write_text("{}")
    (tmp_path / "res-cloudformation-template.yml").write_text("Resources: {}")
    assert committed_template(tmp_path, "res") == tmp_path / "res-cloudformation-template.yml"
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "cloudformation-template.json").write_text("{}")
    assert committed_template(tmp_path, "res") == tmp_path / "build" / "cloudformation-template.json"
    assert committed_template(tmp_path / "nothing", "res") is None


def test_yaml_short_tags_become_their_long_forms(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text(
        "AWSTemplateFormatVersion: 2010-09-09\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
        "      BucketName: !Sub '${env}-b'\n      Tags: [{Key: a, Value: !GetAtt R.Arn},"
        " {Key: b, Value: !Ref env}]\n"
    )
    template = load_template(path)
    assert template["AWSTemplateFormatVersion"] == "2010-09-09"  # a YAML date, kept as written
    props = template["Resources"]["B"]["Properties"]
    assert props["BucketName"] == {"Fn::Sub": "${env}-b"}
    assert props["Tags"] == [
        {"Key": "a", "Value": {"Fn::GetAtt": ["R", "Arn"]}},
        {"Key": "b", "Value": {"Ref": "env"}},
    ]


@pytest.mark.parametrize("name,text", [("t.yml", "Resources: ["), ("t.json", "{"), ("t.yaml", "- a list")])
def test_a_broken_template_is_named(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    with pytest.raises(UsageError) as err:
        load_template(tmp_path / name)
    assert str(tmp_path / name) in err.value.message
