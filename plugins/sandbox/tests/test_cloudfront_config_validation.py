"""Distribution configs CloudFront refuses (``moto_extensions/cloudfront_config_validation.py``),
through the API and through a CloudFormation template, against a sandbox server.

CloudFront's documented answers: an unknown enum value is ``InvalidArgument``; MinTTL >
DefaultTTL or DefaultTTL > MaxTTL is ``InvalidTTLOrder``; a behaviour's TargetOriginId that is no
origin is ``NoSuchOrigin``; an S3 origin naming a missing identity is
``InvalidOriginAccessIdentity``, a missing origin access control ``NoSuchOriginAccessControl``;
aliases without a certificate are ``InvalidViewerCertificate``. Nothing is created.
"""

from __future__ import annotations

import json
import uuid

import pytest
from botocore.exceptions import ClientError


def config(**changes) -> dict:
    behavior = {
        "TargetOriginId": "site",
        "ViewerProtocolPolicy": "redirect-to-https",
        "MinTTL": 0,
        "DefaultTTL": 86400,
        "MaxTTL": 31536000,
        "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
        **changes.pop("behavior", {}),
    }
    origin = {"Id": "site", "DomainName": "site.s3.amazonaws.com", **changes.pop("origin", {})}
    return {
        "CallerReference": uuid.uuid4().hex,
        "Comment": "",
        "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [origin]},
        "DefaultCacheBehavior": behavior,
        **changes,
    }


def code_of(call) -> str:
    with pytest.raises(ClientError) as error:
        call()
    return error.value.response["Error"]["Code"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"behavior": {"ViewerProtocolPolicy": "redirect-to-http"}}, "InvalidArgument"),
        ({"PriceClass": "PriceClass_999"}, "InvalidArgument"),
        ({"HttpVersion": "http9"}, "InvalidArgument"),
        ({"behavior": {"MinTTL": 100, "DefaultTTL": 10}}, "InvalidTTLOrder"),
        ({"behavior": {"DefaultTTL": 100, "MaxTTL": 10}}, "InvalidTTLOrder"),
        ({"behavior": {"TargetOriginId": "elsewhere"}}, "NoSuchOrigin"),
        (
            {
                "origin": {
                    "S3OriginConfig": {"OriginAccessIdentity": "origin-access-identity/cloudfront/ENOPE"}
                }
            },
            "InvalidOriginAccessIdentity",
        ),
        ({"origin": {"OriginAccessControlId": "ENOSUCHCONTROL"}}, "NoSuchOriginAccessControl"),
        ({"Aliases": {"Quantity": 1, "Items": ["www.example.com"]}}, "InvalidViewerCertificate"),
    ],
)
def test_configs_cloudfront_refuses_are_refused_and_nothing_is_created(sandbox_server_env, changes, expected):
    cloudfront = sandbox_server_env.client("cloudfront")
    before = cloudfront.list_distributions()["DistributionList"].get("Items", [])
    assert code_of(lambda: cloudfront.create_distribution(DistributionConfig=config(**changes))) == expected
    assert cloudfront.list_distributions()["DistributionList"].get("Items", []) == before


def test_a_valid_config_is_created_and_an_update_to_a_bad_one_is_refused(sandbox_server_env):
    cloudfront = sandbox_server_env.client("cloudfront")
    created = cloudfront.create_distribution(DistributionConfig=config())
    distribution_id, etag = created["Distribution"]["Id"], created["ETag"]
    current = cloudfront.get_distribution_config(Id=distribution_id)["DistributionConfig"]
    current["DefaultCacheBehavior"]["MinTTL"] = 999999999
    assert (
        code_of(
            lambda: cloudfront.update_distribution(
                Id=distribution_id, IfMatch=etag, DistributionConfig=current
            )
        )
        == "InvalidTTLOrder"
    )
    kept = cloudfront.get_distribution_config(Id=distribution_id)["DistributionConfig"]
    assert kept["DefaultCacheBehavior"]["MinTTL"] == 0


def test_a_template_with_ttls_in_the_wrong_order_fails_its_stack(sandbox_server_env):
    """The same check in CloudFormation: the distribution's CREATE_FAILED names it; rollback."""
    cfn = sandbox_server_env.client("cloudformation")
    distribution = {
        "Type": "AWS::CloudFront::Distribution",
        "Properties": {
            "DistributionConfig": {
                "Enabled": True,
                "Origins": [{"Id": "site", "DomainName": "site.s3.amazonaws.com", "S3OriginConfig": {}}],
                "DefaultCacheBehavior": {
                    "TargetOriginId": "site",
                    "ViewerProtocolPolicy": "allow-all",
                    "MinTTL": 600,
                    "DefaultTTL": 60,
                    "ForwardedValues": {"QueryString": False},
                },
            }
        },
    }
    name = f"ttl-{uuid.uuid4().hex[:8]}"
    cfn.create_stack(StackName=name, TemplateBody=json.dumps({"Resources": {"Distribution": distribution}}))
    stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    events = cfn.describe_stack_events(StackName=name)["StackEvents"]
    failed = [
        e
        for e in events
        if e["ResourceStatus"] == "CREATE_FAILED" and e["LogicalResourceId"] == "Distribution"
    ]
    assert failed, events
    assert "TTL order" in failed[0]["ResourceStatusReason"], failed[0]
