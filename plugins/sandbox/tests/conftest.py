"""Fixtures shared by the sandbox's own tests; the sandbox fixtures come from our pytest plugin."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

pytest_plugins = ["amplify_sandbox.testing"]

HOSTING_TEMPLATE: dict[str, Any] = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Parameters": {
        "bucketName": {"Type": "String"},
        "MinTTL": {"Type": "Number", "Default": 0},
        "DefaultTTL": {"Type": "Number", "Default": 86400},
        "MaxTTL": {"Type": "Number", "Default": 31536000},
    },
    "Resources": {
        "S3Bucket": {
            "Type": "AWS::S3::Bucket",
            "DeletionPolicy": "Retain",
            "Properties": {
                "BucketName": {"Ref": "bucketName"},
                "WebsiteConfiguration": {"IndexDocument": "index.html", "ErrorDocument": "error.html"},
                "CorsConfiguration": {
                    "CorsRules": [
                        {
                            "AllowedHeaders": ["Authorization"],
                            "AllowedMethods": ["GET", "HEAD"],
                            "AllowedOrigins": ["*"],
                            "ExposedHeaders": ["ETag"],
                            "MaxAge": 3000,
                        }
                    ]
                },
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True,
                    "BlockPublicPolicy": True,
                    "IgnorePublicAcls": True,
                    "RestrictPublicBuckets": True,
                },
                "BucketEncryption": {
                    "ServerSideEncryptionConfiguration": [
                        {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                    ]
                },
                "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            },
        },
        "OriginAccessControl": {
            "Type": "AWS::CloudFront::OriginAccessControl",
            "Properties": {
                "OriginAccessControlConfig": {
                    "Name": {"Fn::Sub": "${bucketName}-oac"},
                    "OriginAccessControlOriginType": "s3",
                    "SigningBehavior": "always",
                    "SigningProtocol": "sigv4",
                }
            },
        },
        "CloudFrontDistribution": {
            "Type": "AWS::CloudFront::Distribution",
            "Properties": {
                "DistributionConfig": {
                    "Enabled": True,
                    "DefaultRootObject": "index.html",
                    "HttpVersion": "http2",
                    "Origins": [
                        {
                            "Id": "hostingS3Bucket",
                            "DomainName": {"Fn::GetAtt": ["S3Bucket", "RegionalDomainName"]},
                            "S3OriginConfig": {"OriginAccessIdentity": ""},
                            "OriginAccessControlId": {"Fn::GetAtt": ["OriginAccessControl", "Id"]},
                        }
                    ],
                    "DefaultCacheBehavior": {
                        "TargetOriginId": "hostingS3Bucket",
                        "ViewerProtocolPolicy": "redirect-to-https",
                        "AllowedMethods": ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
                        "CachedMethods": ["GET", "HEAD"],
                        "Compress": True,
                        "ForwardedValues": {"QueryString": False},
                        "MinTTL": {"Ref": "MinTTL"},
                        "DefaultTTL": {"Ref": "DefaultTTL"},
                        "MaxTTL": {"Ref": "MaxTTL"},
                    },
                    "CustomErrorResponses": [
                        {
                            "ErrorCode": 404,
                            "ResponseCode": 200,
                            "ResponsePagePath": "/index.html",
                            "ErrorCachingMinTTL": 300,
                        }
                    ],
                    "PriceClass": "PriceClass_100",
                }
            },
        },
        "BucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": {"Ref": "S3Bucket"},
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "AllowCloudFrontServicePrincipal",
                            "Effect": "Allow",
                            "Principal": {"Service": "cloudfront.amazonaws.com"},
                            "Action": "s3:GetObject",
                            "Resource": {"Fn::Sub": "${S3Bucket.Arn}/*"},
                            "Condition": {
                                "StringEquals": {
                                    "AWS:SourceArn": {
                                        "Fn::Sub": "arn:aws:cloudfront::${AWS::AccountId}:distribution/${CloudFrontDistribution}"
                                    }
                                }
                            },
                        }
                    ],
                },
            },
        },
    },
    "Outputs": {
        "DistributionId": {"Value": {"Ref": "CloudFrontDistribution"}},
        "DistributionIdAttr": {"Value": {"Fn::GetAtt": ["CloudFrontDistribution", "Id"]}},
        "CloudFrontDomainName": {"Value": {"Fn::GetAtt": ["CloudFrontDistribution", "DomainName"]}},
        "CloudFrontSecureURL": {"Value": {"Fn::Sub": "https://${CloudFrontDistribution.DomainName}"}},
        "OriginAccessControlId": {"Value": {"Ref": "OriginAccessControl"}},
        "WebsiteURL": {"Value": {"Fn::GetAtt": ["S3Bucket", "WebsiteURL"]}},
    },
}


@pytest.fixture
def hosting_template() -> Callable[..., str]:
    """A PROD-style hosting template (private bucket + OAC + distribution + bucket policy).

    Call it with a function that edits the template dict to get variants; returns JSON text.
    """

    def build(edit: Callable[[dict[str, Any]], None] | None = None) -> str:
        template = copy.deepcopy(HOSTING_TEMPLATE)
        if edit is not None:
            edit(template)
        return json.dumps(template)

    return build


def params(**values: Any) -> list[dict[str, str]]:
    return [{"ParameterKey": k, "ParameterValue": str(v)} for k, v in values.items()]


@pytest.fixture
def stack_params() -> Callable[..., list[dict[str, str]]]:
    """``stack_params(bucketName="b", DefaultTTL=60)`` → CloudFormation ``Parameters``."""
    return params


#: The shape of the Gen 1 CLI's PROD hosting template (S3AndCloudFront, before OAC): a private
#: bucket read by CloudFront through an origin access identity granted by canonical user id.
GEN1_OAI_TEMPLATE: dict[str, Any] = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Parameters": {"env": {"Type": "String"}, "bucketName": {"Type": "String"}},
    "Conditions": {"ShouldNotCreateEnvResources": {"Fn::Equals": [{"Ref": "env"}, "NONE"]}},
    "Resources": {
        "S3Bucket": {
            "Type": "AWS::S3::Bucket",
            "DeletionPolicy": "Retain",
            "Properties": {
                "BucketName": {
                    "Fn::If": [
                        "ShouldNotCreateEnvResources",
                        {"Ref": "bucketName"},
                        {"Fn::Join": ["", [{"Ref": "bucketName"}, "-", {"Ref": "env"}]]},
                    ]
                },
                "CorsConfiguration": {
                    "CorsRules": [
                        {
                            "AllowedHeaders": ["Authorization", "Content-Length"],
                            "AllowedMethods": ["GET"],
                            "AllowedOrigins": ["*"],
                            "MaxAge": 3000,
                        }
                    ]
                },
            },
        },
        "PrivateBucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "DependsOn": "OriginAccessIdentity",
            "Properties": {
                "PolicyDocument": {
                    "Id": "MyPolicy",
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "APIReadForGetBucketObjects",
                            "Effect": "Allow",
                            "Principal": {
                                "CanonicalUser": {"Fn::GetAtt": ["OriginAccessIdentity", "S3CanonicalUserId"]}
                            },
                            "Action": "s3:GetObject",
                            "Resource": {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "S3Bucket"}, "/*"]]},
                        }
                    ],
                },
                "Bucket": {"Ref": "S3Bucket"},
            },
        },
        "OriginAccessIdentity": {
            "Type": "AWS::CloudFront::CloudFrontOriginAccessIdentity",
            "Properties": {
                "CloudFrontOriginAccessIdentityConfig": {"Comment": "CloudFrontOriginAccessIdentityConfig"}
            },
        },
        "CloudFrontDistribution": {
            "Type": "AWS::CloudFront::Distribution",
            "DependsOn": ["S3Bucket", "OriginAccessIdentity"],
            "Properties": {
                "DistributionConfig": {
                    "HttpVersion": "http2",
                    "Origins": [
                        {
                            "DomainName": {"Fn::GetAtt": ["S3Bucket", "RegionalDomainName"]},
                            "Id": "hostingS3Bucket",
                            "S3OriginConfig": {
                                "OriginAccessIdentity": {
                                    "Fn::Join": [
                                        "",
                                        [
                                            "origin-access-identity/cloudfront/",
                                            {"Ref": "OriginAccessIdentity"},
                                        ],
                                    ]
                                }
                            },
                        }
                    ],
                    "Enabled": "true",
                    "DefaultCacheBehavior": {
                        "AllowedMethods": ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
                        "TargetOriginId": "hostingS3Bucket",
                        "ForwardedValues": {"QueryString": "false"},
                        "ViewerProtocolPolicy": "redirect-to-https",
                        "DefaultTTL": "86400",
                        "MaxTTL": "31536000",
                        "MinTTL": "60",
                        "Compress": True,
                    },
                    "DefaultRootObject": "index.html",
                    "CustomErrorResponses": [
                        {
                            "ErrorCachingMinTTL": 300,
                            "ErrorCode": 400,
                            "ResponseCode": 200,
                            "ResponsePagePath": "/",
                        },
                        {
                            "ErrorCachingMinTTL": 300,
                            "ErrorCode": 403,
                            "ResponseCode": 200,
                            "ResponsePagePath": "/",
                        },
                        {
                            "ErrorCachingMinTTL": 300,
                            "ErrorCode": 404,
                            "ResponseCode": 200,
                            "ResponsePagePath": "/",
                        },
                    ],
                }
            },
        },
    },
    "Outputs": {
        "Region": {"Value": {"Ref": "AWS::Region"}},
        "HostingBucketName": {"Description": "Hosting bucket name", "Value": {"Ref": "S3Bucket"}},
        "WebsiteURL": {"Value": {"Fn::GetAtt": ["S3Bucket", "WebsiteURL"]}},
        "S3BucketSecureURL": {
            "Value": {"Fn::Join": ["", ["https://", {"Fn::GetAtt": ["S3Bucket", "DomainName"]}]]}
        },
        "CloudFrontDistributionID": {"Value": {"Ref": "CloudFrontDistribution"}},
        "CloudFrontDomainName": {"Value": {"Fn::GetAtt": ["CloudFrontDistribution", "DomainName"]}},
        "CloudFrontSecureURL": {
            "Value": {
                "Fn::Join": ["", ["https://", {"Fn::GetAtt": ["CloudFrontDistribution", "DomainName"]}]]
            }
        },
        "CloudFrontOriginAccessIdentity": {"Value": {"Ref": "OriginAccessIdentity"}},
    },
}


@pytest.fixture
def gen1_oai_template() -> str:
    return json.dumps(GEN1_OAI_TEMPLATE)
