"""Fixtures for the auth plugin's tests: a project on disk (no cloud) with the plugin
registered for in-process ``amplify`` runs; the sandbox fixtures for pushes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from amplify_core.testing import write_gen1_project

pytest_plugins = ["amplify_core.testing", "amplify_sandbox.testing"]


@pytest.fixture
def auth(register_plugin: Any) -> None:
    """The auth plugin (category and ``auth`` commands) for ``amplify_cli``."""
    import amplify_category_auth.plugin as plugin

    register_plugin(plugin, name="auth", kind="category")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An initialised project (env ``dev``) as ``amplify init`` leaves it, without a cloud."""
    return write_gen1_project(tmp_path / "app").root


# --- Gen 1 shapes (written for these tests in the Node CLI's formats) ------------------------

GEN1_INPUTS = {
    "version": "1",
    "cognitoConfig": {
        "identityPoolName": "notesapp_identitypool_0a1b2c3d",
        "allowUnauthenticatedIdentities": False,
        "resourceNameTruncated": "notesa0a1b2c3d",
        "userPoolName": "notesapp_userpool_0a1b2c3d",
        "autoVerifiedAttributes": ["email"],
        "mfaConfiguration": "OFF",
        "mfaTypes": ["SMS Text Message"],
        "smsAuthenticationMessage": "Your authentication code is {####}",
        "smsVerificationMessage": "Your verification code is {####}",
        "emailVerificationSubject": "Your verification code",
        "emailVerificationMessage": "Your verification code is {####}",
        "defaultPasswordPolicy": False,
        "passwordPolicyMinLength": 8,
        "passwordPolicyCharacters": [],
        "requiredAttributes": ["email"],
        "aliasAttributes": [],
        "userpoolClientGenerateSecret": False,
        "userpoolClientRefreshTokenValidity": "30",
        "userpoolClientWriteAttributes": ["email"],
        "userpoolClientReadAttributes": ["email"],
        "userpoolClientLambdaRole": "notesa0a1b2c3d_userpoolclient_lambda_role",
        "userpoolClientSetAttributes": False,
        "sharedId": "0a1b2c3d",
        "resourceName": "notesapp0a1b2c3d",
        "authSelections": "identityPoolAndUserPool",
        "useDefault": "default",
        "usernameAttributes": ["email"],
        "userPoolGroupList": [],
        "serviceName": "Cognito",
        "usernameCaseSensitive": False,
        "useEnabledMfas": True,
    },
}

GEN1_YAML = """\
AWSTemplateFormatVersion: 2010-09-09
Parameters:
  env:
    Type: String
  userPoolName:
    Type: String
Conditions:
  ShouldNotCreateEnvResources: !Equals [ !Ref env, NONE ]
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: !If [ShouldNotCreateEnvResources, !Ref userPoolName, !Join ['', [!Ref userPoolName, '-', !Ref env]]]
  UserPoolClientWeb:
    Type: "AWS::Cognito::UserPoolClient"
    Properties:
      UserPoolId: !Ref UserPool
{extra}
Outputs:
  UserPoolId:
    Value: !Ref 'UserPool'
  Arn:
    Value: !GetAtt UserPool.Arn
"""

#: A Gen 1 (CLI v1–v4) auth template's app-client callout: a role, an inline Node.js Lambda
#: that answers through cfn-response, and the Custom::LambdaCallout it backs. ``{runtime}`` and
#: ``{code}`` are filled in by :func:`lambda_callout`.
LAMBDA_CALLOUT = """\
  UserPoolClientRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service:
                - lambda.amazonaws.com
            Action:
              - 'sts:AssumeRole'
  UserPoolClientLambda:
    Type: 'AWS::Lambda::Function'
    Properties:
      Code:
        ZipFile: !Join
          - |+
          - {code}
      Handler: index.handler
      Runtime: {runtime}
      Timeout: 300
      Role: !GetAtt UserPoolClientRole.Arn
  UserPoolClientInputs:
    Type: 'Custom::LambdaCallout'
    Properties:
      ServiceToken: !GetAtt UserPoolClientLambda.Arn
      clientId: !Ref UserPoolClientWeb
      userpoolId: !Ref UserPool
"""

#: The Gen 1 callout's code (SDK v2, as nodejs8.10 had it).
OLD_CALLOUT_CODE = [
    "const response = require('cfn-response');",
    "const aws = require('aws-sdk');",
    "const identity = new aws.CognitoIdentityServiceProvider();",
    "exports.handler = (event, context) => {",
    "  response.send(event, context, response.SUCCESS, {});",
    "};",
]

#: The same callout for a current runtime: it answers with what it was given.
CURRENT_CALLOUT_CODE = [
    "const response = require('cfn-response');",
    "exports.handler = (event, context) => {",
    "  if (event.RequestType == 'Delete') { response.send(event, context, response.SUCCESS, {}); return; }",
    "  const props = event.ResourceProperties;",
    "  response.send(event, context, response.SUCCESS, {appClientIdEcho: props.clientId});",
    "};",
]


def lambda_callout(runtime: str, code: list[str]) -> str:
    return LAMBDA_CALLOUT.replace("{runtime}", runtime).replace("{code}", json.dumps(code))


@dataclass(frozen=True)
class Gen1Samples:
    inputs: dict
    yaml: str
    lambda_callout: str  # the Gen 1 callout: nodejs8.10 and SDK v2
    current_callout: str  # the same on nodejs22.x, without the SDK


@pytest.fixture
def gen1() -> Gen1Samples:
    """A Gen 1 ``cli-inputs.json``, a Gen 1-style YAML template (``{extra}`` marks where more
    resources go) and Lambda-backed custom resources to put there."""
    return Gen1Samples(
        GEN1_INPUTS,
        GEN1_YAML,
        lambda_callout("nodejs8.10", OLD_CALLOUT_CODE),
        lambda_callout("nodejs22.x", CURRENT_CALLOUT_CODE),
    )
