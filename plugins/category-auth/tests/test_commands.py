"""``amplify auth add | update | remove`` run in-process on a project without a cloud."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EMAIL_REQUEST = {
    "version": 1,
    "resourceName": "appauth",
    "serviceConfiguration": {
        "serviceName": "Cognito",
        "userPoolConfiguration": {"signinMethod": "EMAIL", "requiredSignupAttributes": ["EMAIL"]},
        "includeIdentityPool": True,
    },
}


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def auth_dir(project: Path, name: str = "appauth") -> Path:
    return project / "amplify/backend/auth" / name


def test_headless_add_writes_the_resource_as_gen1_does(auth, amplify_cli, project):
    result = amplify_cli(["auth", "add", "--params", json.dumps(EMAIL_REQUEST)], cwd=project)
    assert result.exit_code == 0, result.output
    assert "Successfully added auth resource appauth locally" in result.stdout
    inputs = load(auth_dir(project) / "cli-inputs.json")
    assert inputs["version"] == "1"
    config = inputs["cognitoConfig"]
    assert config["usernameAttributes"] == ["email"] and config["requiredAttributes"] == ["email"]
    assert (
        config["autoVerifiedAttributes"] == ["email"]
        and config["authSelections"] == "identityPoolAndUserPool"
    )
    assert config["allowUnauthenticatedIdentities"] is False and config["serviceName"] == "Cognito"
    template = load(auth_dir(project) / "build/appauth-cloudformation-template.json")
    assert {r["Type"] for r in template["Resources"].values()} == {
        "AWS::Cognito::UserPool",
        "AWS::Cognito::UserPoolClient",
        "AWS::Cognito::IdentityPool",
        "AWS::Cognito::IdentityPoolRoleAttachment",
    }
    assert load(auth_dir(project) / "build/parameters.json") == {
        "authRoleArn": {"Fn::GetAtt": ["AuthRole", "Arn"]},
        "unauthRoleArn": {"Fn::GetAtt": ["UnauthRole", "Arn"]},
    }
    entry = load(project / "amplify/backend/backend-config.json")["auth"]["appauth"]
    assert entry["service"] == "Cognito" and entry["providerPlugin"] == "awscloudformation"
    assert entry["frontendAuthConfig"]["usernameAttributes"] == ["EMAIL"]
    assert entry["frontendAuthConfig"]["verificationMechanisms"] == ["EMAIL"]
    status = amplify_cli("status", cwd=project)
    assert "| Auth     | appauth       | Create" in status.stdout
    again = amplify_cli(["add", "auth", "--params", json.dumps(EMAIL_REQUEST)], cwd=project)
    assert again.exit_code == 2 and "already been added" in again.stderr


def test_headless_reads_gen1_style_stdin(auth, amplify_cli, project):
    result = amplify_cli("add auth --headless", cwd=project, stdin=json.dumps(EMAIL_REQUEST))
    assert result.exit_code == 0, result.output
    assert (auth_dir(project) / "cli-inputs.json").exists()


@pytest.mark.parametrize(
    "request_json, message",
    [
        ({**EMAIL_REQUEST, "version": 3}, "auth add.version: 3 is not one of [1, 2]"),
        (
            {
                **EMAIL_REQUEST,
                "serviceConfiguration": {
                    "serviceName": "Cognito",
                    "userPoolConfiguration": {"signinMethod": "FACE", "requiredSignupAttributes": []},
                },
            },
            "'FACE' is not one of",
        ),
        (
            {
                **EMAIL_REQUEST,
                "serviceConfiguration": {
                    "serviceName": "Cognito",
                    "userPoolConfiguration": {
                        "signinMethod": "EMAIL",
                        "requiredSignupAttributes": [],
                        "mfa": {"mode": "ON", "smsMessage": "no code"},
                    },
                },
            },
            "smsMessage: 'no code' does not match",
        ),
        (
            {
                **EMAIL_REQUEST,
                "serviceConfiguration": {
                    "serviceName": "Cognito",
                    "userPoolConfiguration": {
                        "signinMethod": "EMAIL",
                        "requiredSignupAttributes": [],
                        "userPoolGroups": [{"groupName": "Admins"}, {"groupName": "Admins"}],
                    },
                },
            },
            "'Admins' is given twice",
        ),
    ],
)
def test_bad_requests_exit_2_and_write_nothing(auth, amplify_cli, project, request_json, message):
    result = amplify_cli(["auth", "add", "--params", json.dumps(request_json)], cwd=project)
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert not (project / "amplify/backend/auth").exists()
    assert load(project / "amplify/backend/backend-config.json") == {}


def test_without_a_terminal_nothing_prompts(auth, amplify_cli, project):
    result = amplify_cli("auth add", cwd=project)
    assert result.exit_code == 2 and "useDefault" in result.stderr and "--params" in result.stderr
    assert not (project / "amplify/backend/auth").exists()


def test_yes_takes_the_default_configuration(auth, amplify_cli, project):
    result = amplify_cli("auth add --yes", cwd=project)
    assert result.exit_code == 0, result.output
    [name] = load(project / "amplify/backend/backend-config.json")["auth"]
    config = load(auth_dir(project, name) / "cli-inputs.json")["cognitoConfig"]
    assert (
        name.startswith("app")
        and config["usernameAttributes"] == []
        and config["authSelections"] == "userPoolOnly"
    )


def test_default_flow_with_email_sign_in(auth, amplify_cli, project):
    answers = {"useDefault": "default", "signinMethod": "EMAIL", "advanced": False}
    result = amplify_cli("auth add", cwd=project, answers=answers)
    assert result.exit_code == 0, result.output
    [name] = load(project / "amplify/backend/backend-config.json")["auth"]
    config = load(auth_dir(project, name) / "cli-inputs.json")["cognitoConfig"]
    assert config["usernameAttributes"] == ["email"] and config["requiredAttributes"] == ["email"]


def test_manual_flow_covers_guests_groups_mfa_and_password_policy(auth, amplify_cli, project):
    answers = {
        "useDefault": "manual",
        "authSelections": "identityPoolAndUserPool",
        "resourceName": "myauth",
        "identityPoolName": "my_identities",
        "unauthenticatedLogin": True,
        "userPoolName": "my_users",
        "signinMethod": "USERNAME",
        "addGroups": True,
        "groupName": "Admins",
        "precedence": "1",
        "addAnotherGroup": False,
        "mfaConfiguration": "OPTIONAL",
        "mfaTypes": ["SMS", "TOTP"],
        "smsMessage": "Code: {####}",
        "emailVerification": True,
        "verificationSubject": "Welcome",
        "verificationMessage": "Code {####}",
        "overridePasswordPolicy": True,
        "minimumLength": "12",
        "additionalConstraints": ["REQUIRE_DIGIT"],
        "requiredSignupAttributes": ["EMAIL", "GIVEN_NAME"],
        "refreshTokenPeriod": "7",
    }
    result = amplify_cli("auth add", cwd=project, answers=answers)
    assert result.exit_code == 0, result.output
    config = load(auth_dir(project, "myauth") / "cli-inputs.json")["cognitoConfig"]
    assert config["allowUnauthenticatedIdentities"] is True and config["identityPoolName"] == "my_identities"
    assert (config["mfaConfiguration"], config["mfaTypes"]) == ("OPTIONAL", ["SMS Text Message", "TOTP"])
    assert (config["passwordPolicyMinLength"], config["passwordPolicyCharacters"]) == (
        12,
        ["Requires Numbers"],
    )
    assert (
        config["requiredAttributes"] == ["email", "given_name"]
        and config["userpoolClientRefreshTokenValidity"] == 7
    )
    pool = load(auth_dir(project, "myauth") / "build/myauth-cloudformation-template.json")["Resources"][
        "UserPool"
    ]["Properties"]
    assert (
        pool["EnabledMfas"] == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
        and pool["EmailVerificationSubject"] == "Welcome"
    )
    assert (
        pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
        and pool["Policies"]["PasswordPolicy"]["RequireNumbers"]
    )
    assert load(auth_dir(project, "userPoolGroups") / "user-pool-group-precedence.json") == [
        {"groupName": "Admins", "precedence": 1}
    ]
    groups = load(project / "amplify/backend/backend-config.json")["auth"]["userPoolGroups"]
    assert groups["service"] == "Cognito-UserPool-Groups"
    assert groups["dependsOn"] == [
        {
            "category": "auth",
            "resourceName": "myauth",
            "attributes": ["UserPoolId", "AppClientIDWeb", "AppClientID", "IdentityPoolId"],
        }
    ]


def test_update_changes_mfa_and_groups_then_remove_takes_both(auth, amplify_cli, project):
    amplify_cli(["auth", "add", "--params", json.dumps(EMAIL_REQUEST)], cwd=project)
    change = {
        "version": 1,
        "serviceModification": {
            "serviceName": "Cognito",
            "userPoolModification": {
                "mfa": {"mode": "ON", "mfaTypes": ["TOTP"]},
                "userPoolGroups": [
                    {"groupName": "Readers", "precedence": 3},
                    {"groupName": "Admins", "precedence": 0},
                ],
            },
            "identityPoolModification": {"unauthenticatedLogin": True},
        },
    }
    result = amplify_cli(["update", "auth", "--params", json.dumps(change)], cwd=project)
    assert result.exit_code == 0, result.output
    config = load(auth_dir(project) / "cli-inputs.json")["cognitoConfig"]
    assert (config["mfaConfiguration"], config["mfaTypes"], config["allowUnauthenticatedIdentities"]) == (
        "ON",
        ["TOTP"],
        True,
    )
    template = load(auth_dir(project, "userPoolGroups") / "build/userPoolGroups-cloudformation-template.json")
    assert {
        k: v["Properties"]["Precedence"] for k, v in template["Resources"].items() if k.endswith("Group")
    } == {"ReadersGroup": 3, "AdminsGroup": 0}
    refused = amplify_cli("auth remove", cwd=project)
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    result = amplify_cli("remove auth --yes", cwd=project)
    assert result.exit_code == 0 and "Successfully removed resource" in result.stdout
    assert load(project / "amplify/backend/backend-config.json") == {}
    assert not (project / "amplify/backend/auth").exists()


def test_schema_lists_the_auth_requests(auth, amplify_cli):
    listed = amplify_cli("schema")
    assert "categories.auth.add" in listed.stdout and "categories.auth.update" in listed.stdout
    schema = json.loads(amplify_cli("schema categories.auth.add").stdout)
    pool = schema["$defs"]["UserPoolConfiguration"]["properties"]
    assert {"signinMethod", "requiredSignupAttributes", "mfa", "passwordPolicy", "userPoolGroups"} <= set(
        pool
    )


def test_interactive_update_changes_one_section(auth, amplify_cli, project):
    amplify_cli(["auth", "add", "--params", json.dumps(EMAIL_REQUEST)], cwd=project)
    answers = {"updateSection": "mfa", "mfaConfiguration": "OPTIONAL", "mfaTypes": ["TOTP"]}
    result = amplify_cli("update auth", cwd=project, answers=answers)
    assert result.exit_code == 0, result.output
    config = load(auth_dir(project) / "cli-inputs.json")["cognitoConfig"]
    assert (config["mfaConfiguration"], config["mfaTypes"]) == ("OPTIONAL", ["TOTP"])
    assert config["usernameAttributes"] == ["email"]  # untouched sections stay
    answers = {"updateSection": "identity", "includeIdentityPool": True, "unauthenticatedLogin": True}
    assert amplify_cli("auth update", cwd=project, answers=answers).exit_code == 0
    assert (
        load(auth_dir(project) / "cli-inputs.json")["cognitoConfig"]["allowUnauthenticatedIdentities"] is True
    )
    entry = load(project / "amplify/backend/backend-config.json")["auth"]["appauth"]
    assert entry["frontendAuthConfig"]["mfaTypes"] == ["TOTP"]
