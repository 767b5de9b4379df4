"""Recognising an environment's root stack among an account's stacks (pure)."""

from __future__ import annotations

import json

from amplify_provider_awscloudformation.discover import identify

ROOT_DESCRIPTION = json.dumps(
    {
        "createdOn": "Linux",
        "createdBy": "Amplify",
        "createdWith": "12.0.0",
        "stackType": "root",
        "metadata": {},
    }
)
OUTPUTS = [
    {"OutputKey": "DeploymentBucketName", "OutputValue": "amplify-myapp-dev-1a2b3-deployment"},
    {"OutputKey": "Region", "OutputValue": "eu-west-1"},
]


def stack(**fields):
    return {
        "StackName": "amplify-myapp-dev-1a2b3",
        "StackId": "arn:aws:cloudformation:eu-west-1:1:stack/x/y",
        "StackStatus": "UPDATE_COMPLETE",
        "Description": ROOT_DESCRIPTION,
        "Outputs": OUTPUTS,
        **fields,
    }


def test_tags_name_the_project_and_environment():
    found = identify(
        stack(Tags=[{"Key": "user:Application", "Value": "MyApp"}, {"Key": "user:Stack", "Value": "dev"}])
    )
    assert (found.project_name, found.env_name) == ("MyApp", "dev")
    assert found.env_info["StackName"] == "amplify-myapp-dev-1a2b3"
    assert found.env_info["DeploymentBucketName"] == "amplify-myapp-dev-1a2b3-deployment"


def test_without_tags_the_name_says_it_as_gen_1_names_root_stacks():
    found = identify(stack(StackName="amplify-todo-app-staging-ab12c"))
    assert (found.project_name, found.env_name) == ("todo-app", "staging")


def test_nested_deleted_foreign_and_bucketless_stacks_are_not_environments():
    assert identify(stack(ParentId="arn:aws:cloudformation:eu-west-1:1:stack/root/z")) is None
    assert identify(stack(StackStatus="DELETE_COMPLETE")) is None
    assert identify(stack(Description="my own stack")) is None
    assert identify(stack(Description=json.dumps({"stackType": "hosting-S3AndCloudFront"}))) is None
    assert identify(stack(Outputs=[])) is None
    assert identify(stack(StackName="my-service", Tags=[])) is None
