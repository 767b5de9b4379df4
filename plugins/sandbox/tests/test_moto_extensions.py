"""The CloudFormation gaps moto_extensions fills, checked through the service APIs (in-process)."""

from __future__ import annotations

import json

import pytest
from amplify_sandbox.moto_extensions.template_url import bucket_and_key_from_url
from botocore.exceptions import ClientError

BUCKET = "hosting-prod-site"


def outputs(cfn, stack: str) -> dict[str, str]:
    stack_info = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in stack_info.get("Outputs") or []}


@pytest.fixture
def clients(sandbox_inprocess):
    return {name: sandbox_inprocess.client(name) for name in ("cloudformation", "s3", "cloudfront")}


def test_hosting_stack_creates_real_resources(clients, hosting_template, stack_params):
    cfn, s3, cloudfront = clients["cloudformation"], clients["s3"], clients["cloudfront"]
    cfn.create_stack(
        StackName="hosting", TemplateBody=hosting_template(), Parameters=stack_params(bucketName=BUCKET)
    )

    out = outputs(cfn, "hosting")
    [summary] = cloudfront.list_distributions()["DistributionList"]["Items"]
    assert out["DistributionId"] == out["DistributionIdAttr"] == summary["Id"]
    assert out["CloudFrontDomainName"] == summary["DomainName"]
    assert out["CloudFrontSecureURL"] == f"https://{summary['DomainName']}"

    config = cloudfront.get_distribution_config(Id=summary["Id"])["DistributionConfig"]
    assert config["DefaultRootObject"] == "index.html"
    [origin] = config["Origins"]["Items"]
    assert origin["DomainName"] == f"{BUCKET}.s3.us-east-1.amazonaws.com"
    assert origin["OriginAccessControlId"] == out["OriginAccessControlId"]
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}
    behavior = config["DefaultCacheBehavior"]
    assert (behavior["MinTTL"], behavior["DefaultTTL"], behavior["MaxTTL"]) == (0, 86400, 31536000)
    assert sorted(behavior["AllowedMethods"]["Items"]) == [
        "DELETE",
        "GET",
        "HEAD",
        "OPTIONS",
        "PATCH",
        "POST",
        "PUT",
    ]
    assert config["CustomErrorResponses"]["Items"] == [
        {
            "ErrorCode": 404,
            "ResponsePagePath": "/index.html",
            "ResponseCode": "200",
            "ErrorCachingMinTTL": 300,
        }
    ]

    control = cloudfront.get_origin_access_control(Id=out["OriginAccessControlId"])
    assert control["OriginAccessControl"]["OriginAccessControlConfig"]["Name"] == f"{BUCKET}-oac"

    website = s3.get_bucket_website(Bucket=BUCKET)
    assert website["IndexDocument"] == {"Suffix": "index.html"}
    assert website["ErrorDocument"] == {"Key": "error.html"}
    [cors] = s3.get_bucket_cors(Bucket=BUCKET)["CORSRules"]
    assert cors["AllowedMethods"] == ["GET", "HEAD"] and cors["MaxAgeSeconds"] == 3000
    assert cors["AllowedHeaders"] == ["Authorization"] and cors["ExposeHeaders"] == ["ETag"]
    assert all(s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"].values())
    assert s3.get_bucket_ownership_controls(Bucket=BUCKET)["OwnershipControls"]["Rules"] == [
        {"ObjectOwnership": "BucketOwnerEnforced"}
    ]
    policy = json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"])
    [statement] = policy["Statement"]
    assert statement["Resource"] == f"arn:aws:s3:::{BUCKET}/*"
    assert statement["Condition"]["StringEquals"]["AWS:SourceArn"].endswith(f"distribution/{summary['Id']}")

    resources = {
        r["LogicalResourceId"]: r for r in cfn.describe_stack_resources(StackName="hosting")["StackResources"]
    }
    assert resources["CloudFrontDistribution"]["PhysicalResourceId"] == summary["Id"]
    assert resources["BucketPolicy"]["ResourceType"] == "AWS::S3::BucketPolicy"


def test_hosting_stack_updates_in_place(clients, hosting_template, stack_params):
    cfn, s3, cloudfront = clients["cloudformation"], clients["s3"], clients["cloudfront"]
    cfn.create_stack(
        StackName="hosting", TemplateBody=hosting_template(), Parameters=stack_params(bucketName=BUCKET)
    )
    before = outputs(cfn, "hosting")

    def edit(template):
        bucket = template["Resources"]["S3Bucket"]["Properties"]
        del bucket["WebsiteConfiguration"], bucket["CorsConfiguration"], bucket["BucketEncryption"]
        del bucket["OwnershipControls"]
        bucket["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] = False
        config = template["Resources"]["CloudFrontDistribution"]["Properties"]["DistributionConfig"]
        config["CustomErrorResponses"].append(
            {"ErrorCode": 403, "ResponseCode": 200, "ResponsePagePath": "/index.html"}
        )
        config["DefaultRootObject"] = "home.html"
        template["Resources"]["OriginAccessControl"]["Properties"]["OriginAccessControlConfig"]["Name"] = (
            "renamed"
        )
        statement = template["Resources"]["BucketPolicy"]["Properties"]["PolicyDocument"]["Statement"][0]
        statement["Sid"] = "Updated"

    cfn.update_stack(
        StackName="hosting",
        TemplateBody=hosting_template(edit),
        Parameters=stack_params(bucketName=BUCKET, MinTTL=1, DefaultTTL=60, MaxTTL=600),
    )

    after = outputs(cfn, "hosting")
    assert after == before  # same distribution, same OAC: updated, not replaced
    config = cloudfront.get_distribution_config(Id=after["DistributionId"])["DistributionConfig"]
    behavior = config["DefaultCacheBehavior"]
    assert (behavior["MinTTL"], behavior["DefaultTTL"], behavior["MaxTTL"]) == (1, 60, 600)
    assert config["DefaultRootObject"] == "home.html"
    assert [r["ErrorCode"] for r in config["CustomErrorResponses"]["Items"]] == [404, 403]
    control = cloudfront.get_origin_access_control(Id=after["OriginAccessControlId"])
    assert control["OriginAccessControl"]["OriginAccessControlConfig"]["Name"] == "renamed"
    assert json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"])["Statement"][0]["Sid"] == "Updated"
    assert (
        s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"]["BlockPublicPolicy"]
        is False
    )
    for call, code in (
        (s3.get_bucket_website, "NoSuchWebsiteConfiguration"),
        (s3.get_bucket_cors, "NoSuchCORSConfiguration"),
        (s3.get_bucket_encryption, "ServerSideEncryptionConfigurationNotFoundError"),
        (s3.get_bucket_ownership_controls, "OwnershipControlsNotFoundError"),
    ):
        with pytest.raises(ClientError) as error:
            call(Bucket=BUCKET)
        assert error.value.response["Error"]["Code"] == code


def test_hosting_stack_delete_removes_resources(clients, hosting_template, stack_params):
    cfn, s3, cloudfront = clients["cloudformation"], clients["s3"], clients["cloudfront"]
    cfn.create_stack(
        StackName="hosting", TemplateBody=hosting_template(), Parameters=stack_params(bucketName=BUCKET)
    )

    cfn.delete_stack(StackName="hosting")

    assert cloudfront.list_distributions()["DistributionList"]["Quantity"] == 0
    assert cloudfront.list_origin_access_controls()["OriginAccessControlList"]["Quantity"] == 0
    # The bucket is retained (DeletionPolicy), its policy is not: it belonged to the stack.
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == [BUCKET]
    with pytest.raises(ClientError) as error:
        s3.get_bucket_policy(Bucket=BUCKET)
    assert error.value.response["Error"]["Code"] == "NoSuchBucketPolicy"


def test_bucket_policy_moves_to_another_bucket(clients, hosting_template, stack_params):
    cfn, s3 = clients["cloudformation"], clients["s3"]
    cfn.create_stack(
        StackName="hosting", TemplateBody=hosting_template(), Parameters=stack_params(bucketName=BUCKET)
    )

    def edit(template):
        template["Resources"]["Other"] = {
            "Type": "AWS::S3::Bucket",
            "Properties": {"BucketName": "other-bucket"},
        }
        template["Resources"]["BucketPolicy"]["Properties"]["Bucket"] = {"Ref": "Other"}

    cfn.update_stack(
        StackName="hosting", TemplateBody=hosting_template(edit), Parameters=stack_params(bucketName=BUCKET)
    )

    assert s3.get_bucket_policy(Bucket="other-bucket")["Policy"]
    with pytest.raises(ClientError) as error:
        s3.get_bucket_policy(Bucket=BUCKET)
    assert error.value.response["Error"]["Code"] == "NoSuchBucketPolicy"


def test_website_routing_rules_and_redirects_round_trip(clients):
    cfn, s3 = clients["cloudformation"], clients["s3"]
    template = {
        "Resources": {
            "Site": {
                "Type": "AWS::S3::Bucket",
                "Properties": {
                    "BucketName": "routed-site",
                    "WebsiteConfiguration": {
                        "IndexDocument": "index.html",
                        "RoutingRules": [
                            {
                                "RoutingRuleCondition": {"KeyPrefixEquals": "old/"},
                                "RedirectRule": {"ReplaceKeyPrefixWith": "new/", "HttpRedirectCode": "302"},
                            }
                        ],
                    },
                },
            },
            "Redirector": {
                "Type": "AWS::S3::Bucket",
                "Properties": {
                    "BucketName": "redirector",
                    "WebsiteConfiguration": {
                        "RedirectAllRequestsTo": {"HostName": "example.com", "Protocol": "https"}
                    },
                },
            },
        }
    }
    cfn.create_stack(StackName="sites", TemplateBody=json.dumps(template))

    [rule] = s3.get_bucket_website(Bucket="routed-site")["RoutingRules"]
    assert rule == {
        "Condition": {"KeyPrefixEquals": "old/"},
        "Redirect": {"HttpRedirectCode": "302", "ReplaceKeyPrefixWith": "new/"},
    }
    assert s3.get_bucket_website(Bucket="redirector")["RedirectAllRequestsTo"] == {
        "HostName": "example.com",
        "Protocol": "https",
    }


CHILD = {
    "Parameters": {"env": {"Type": "String"}},
    "Resources": {
        "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": "child-${env}"}}}
    },
    "Outputs": {"BucketName": {"Value": {"Ref": "Bucket"}}},
}


@pytest.mark.parametrize(
    "bucket, url",
    [
        ("templates", "https://s3.amazonaws.com/templates/{key}"),
        ("templates", "https://templates.s3.us-east-1.amazonaws.com/{key}"),
        ("templates.with.dots", "https://templates.with.dots.s3.us-east-1.amazonaws.com/{key}"),
        ("templates", "http://127.0.0.1:4577/templates/{key}"),
    ],
)
def test_nested_stack_template_urls_resolve(clients, bucket, url):
    cfn, s3 = clients["cloudformation"], clients["s3"]
    key = "amplify-cfn-templates/hosting/template.json"
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(CHILD).encode())
    parent = {
        "Resources": {
            "hosting": {
                "Type": "AWS::CloudFormation::Stack",
                "Properties": {"TemplateURL": url.format(key=key), "Parameters": {"env": "dev"}},
            }
        },
        "Outputs": {"ChildBucket": {"Value": {"Fn::GetAtt": ["hosting", "Outputs.BucketName"]}}},
    }

    cfn.create_stack(StackName="root", TemplateBody=json.dumps(parent))

    assert outputs(cfn, "root") == {"ChildBucket": "child-dev"}
    s3.head_bucket(Bucket="child-dev")


def test_nested_hosting_stack_updates_in_place(clients, hosting_template):
    cfn, s3, cloudfront = clients["cloudformation"], clients["s3"], clients["cloudfront"]
    s3.create_bucket(Bucket="deployment")

    def set_ttl(ttl):
        def edit(template):
            behavior = template["Resources"]["CloudFrontDistribution"]["Properties"]["DistributionConfig"]
            behavior["DefaultCacheBehavior"]["DefaultTTL"] = ttl

        return edit

    def push(key, template):
        s3.put_object(Bucket="deployment", Key=key, Body=template.encode())
        return json.dumps(
            {
                "Resources": {
                    "hosting": {
                        "Type": "AWS::CloudFormation::Stack",
                        "Properties": {
                            "TemplateURL": f"https://s3.amazonaws.com/deployment/{key}",
                            "Parameters": {"bucketName": BUCKET},
                        },
                    }
                },
                "Outputs": {"Domain": {"Value": {"Fn::GetAtt": ["hosting", "Outputs.CloudFrontDomainName"]}}},
            }
        )

    cfn.create_stack(StackName="root", TemplateBody=push("hosting/1.json", hosting_template(set_ttl(60))))
    child = cfn.describe_stack_resource(StackName="root", LogicalResourceId="hosting")
    s3.put_object(Bucket=BUCKET, Key="index.html", Body=b"published")  # a retained, non-empty bucket

    cfn.update_stack(StackName="root", TemplateBody=push("hosting/2.json", hosting_template(set_ttl(120))))

    after = cfn.describe_stack_resource(StackName="root", LogicalResourceId="hosting")
    assert (
        after["StackResourceDetail"]["PhysicalResourceId"]
        == child["StackResourceDetail"]["PhysicalResourceId"]
    )
    [summary] = cloudfront.list_distributions()["DistributionList"]["Items"]
    assert summary["DefaultCacheBehavior"]["DefaultTTL"] == 120
    assert outputs(cfn, "root") == {"Domain": summary["DomainName"]}
    assert s3.get_object(Bucket=BUCKET, Key="index.html")["Body"].read() == b"published"


def test_nested_stack_with_missing_template_fails_its_resource_and_rolls_back(clients):
    cfn, s3 = clients["cloudformation"], clients["s3"]
    s3.create_bucket(Bucket="templates")
    parent = {
        "Resources": {
            "hosting": {
                "Type": "AWS::CloudFormation::Stack",
                "Properties": {"TemplateURL": "https://s3.amazonaws.com/templates/missing.json"},
            }
        }
    }
    cfn.create_stack(StackName="root", TemplateBody=json.dumps(parent))

    assert cfn.describe_stacks(StackName="root")["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    [failed] = [
        e
        for e in cfn.describe_stack_events(StackName="root")["StackEvents"]
        if e["ResourceStatus"] == "CREATE_FAILED"
    ]
    assert failed["LogicalResourceId"] == "hosting"
    assert "TemplateURL must reference a valid S3 object" in failed["ResourceStatusReason"]
    assert [
        s["StackName"] for s in cfn.list_stacks(StackStatusFilter=["CREATE_COMPLETE"])["StackSummaries"]
    ] == []


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://s3.amazonaws.com/b/k/t.json", ("b", "k/t.json")),
        ("https://s3.eu-west-1.amazonaws.com/b/k", ("b", "k")),
        ("https://s3-eu-west-1.amazonaws.com/b/k", ("b", "k")),
        ("https://b.s3.amazonaws.com/k/t.json", ("b", "k/t.json")),
        ("https://my.b.s3-eu-west-1.amazonaws.com/k", ("my.b", "k")),
        ("https://b.s3.dualstack.us-east-1.amazonaws.com/k", ("b", "k")),
        ("http://localhost:4577/b/k", ("b", "k")),
        ("http://127.0.0.1:4577/b/a%20b.json", ("b", "a b.json")),
    ],
)
def test_template_url_forms(url, expected):
    assert bucket_and_key_from_url(url) == expected


def test_invalidation_goes_in_progress_then_completed_so_the_waiter_ends(
    clients, hosting_template, stack_params
):
    cfn, cloudfront = clients["cloudformation"], clients["cloudfront"]
    cfn.create_stack(
        StackName="hosting", TemplateBody=hosting_template(), Parameters=stack_params(bucketName=BUCKET)
    )
    distribution_id = outputs(cfn, "hosting")["DistributionId"]
    created = cloudfront.create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/*"]}, "CallerReference": "c1"},
    )["Invalidation"]
    assert created["Status"] == "InProgress"
    cloudfront.get_waiter("invalidation_completed").wait(
        DistributionId=distribution_id, Id=created["Id"], WaiterConfig={"Delay": 0, "MaxAttempts": 2}
    )
    assert (
        cloudfront.get_invalidation(DistributionId=distribution_id, Id=created["Id"])["Invalidation"][
            "Status"
        ]
        == "Completed"
    )
