"""Stack updates in CloudFormation's order (moto_extensions.stack_operations: add, modify, then clean up), in-process."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

BUCKET = "switching-site"
DISTRIBUTION_OUTPUTS = ("DistributionId", "DistributionIdAttr", "CloudFrontDomainName", "CloudFrontSecureURL")


@pytest.fixture
def clients(sandbox_inprocess):
    return {name: sandbox_inprocess.client(name) for name in ("cloudformation", "s3", "cloudfront")}


def outputs(cfn, stack: str) -> dict[str, str]:
    stack_info = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in stack_info.get("Outputs") or []}


def without_cloudfront(template):
    for name in ("CloudFrontDistribution", "OriginAccessControl", "BucketPolicy"):
        del template["Resources"][name]
    for name in DISTRIBUTION_OUTPUTS + ("OriginAccessControlId",):
        del template["Outputs"][name]


def test_a_resource_removed_then_added_back_is_created_anew(clients, hosting_template, stack_params):
    cfn, cloudfront, s3 = clients["cloudformation"], clients["cloudfront"], clients["s3"]
    params = stack_params(bucketName=BUCKET)
    cfn.create_stack(StackName="site", TemplateBody=hosting_template(), Parameters=params)
    first = outputs(cfn, "site")["DistributionId"]

    cfn.update_stack(StackName="site", TemplateBody=hosting_template(without_cloudfront), Parameters=params)
    assert cloudfront.list_distributions()["DistributionList"]["Quantity"] == 0
    cfn.update_stack(StackName="site", TemplateBody=hosting_template(), Parameters=params)

    again = outputs(cfn, "site")  # read the outputs: a revived deleted model answered HTTP 500
    [summary] = cloudfront.list_distributions()["DistributionList"]["Items"]
    assert again["DistributionId"] == summary["Id"] != first
    assert again["CloudFrontDomainName"] == summary["DomainName"]
    policy = json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"])
    assert policy["Statement"][0]["Condition"]["StringEquals"]["AWS:SourceArn"].endswith(summary["Id"])


def test_replacing_a_bucket_policy_under_another_id_loses_it_as_on_aws(
    clients, hosting_template, stack_params
):
    """CloudFormation puts the new policy, then deletes the old resource in its cleanup phase
    — which deletes the bucket's policy. Templates must keep the policy's logical id."""
    cfn, s3 = clients["cloudformation"], clients["s3"]
    params = stack_params(bucketName=BUCKET)
    cfn.create_stack(StackName="site", TemplateBody=hosting_template(), Parameters=params)

    def rename_policy(template):
        template["Resources"]["OtherPolicy"] = template["Resources"].pop("BucketPolicy")

    cfn.update_stack(StackName="site", TemplateBody=hosting_template(rename_policy), Parameters=params)

    with pytest.raises(ClientError) as error:
        s3.get_bucket_policy(Bucket=BUCKET)
    assert error.value.response["Error"]["Code"] == "NoSuchBucketPolicy"


def test_a_retained_resource_removed_from_the_template_stays(clients, hosting_template, stack_params):
    cfn, s3 = clients["cloudformation"], clients["s3"]
    params = stack_params(bucketName=BUCKET)

    def extra_bucket(template):
        template["Resources"]["Logs"] = {
            "Type": "AWS::S3::Bucket",
            "DeletionPolicy": "Retain",
            "Properties": {"BucketName": "switching-logs"},
        }
        template["Resources"]["Scratch"] = {
            "Type": "AWS::S3::Bucket",
            "Properties": {"BucketName": "switching-scratch"},
        }

    cfn.create_stack(StackName="site", TemplateBody=hosting_template(extra_bucket), Parameters=params)
    cfn.update_stack(StackName="site", TemplateBody=hosting_template(), Parameters=params)

    names = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    assert "switching-logs" in names and "switching-scratch" not in names
    resources = cfn.describe_stack_resources(StackName="site")["StackResources"]
    assert "Logs" not in {r["LogicalResourceId"] for r in resources}
