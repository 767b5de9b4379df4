"""The generated templates are valid CloudFormation; every Gen 1 shape of a resource is read,
and the ones that need what no installed plugin offers are refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from amplify_category_auth.category import AuthCategory
from amplify_category_auth.inputs import config_from_request
from amplify_category_auth.resource import build_resource
from amplify_category_auth.templates import groups_template, user_pool_template
from amplify_core.errors import UsageError
from amplify_core.native_config import NATIVE_KEY, amplify_configuration, aws_configuration
from amplify_core.plugin import RefusedResource


def request(pool: dict, *, identity: bool = True, guests: bool = False) -> dict:
    return {
        "version": 1,
        "serviceConfiguration": {
            "serviceName": "Cognito",
            "userPoolConfiguration": pool,
            "includeIdentityPool": identity,
            "identityPoolConfiguration": {"unauthenticatedLogin": guests},
        },
    }


CONFIGS = {
    "email": request({"signinMethod": "EMAIL", "requiredSignupAttributes": ["EMAIL"]}),
    "username-pool-only": request(
        {"signinMethod": "USERNAME", "requiredSignupAttributes": [], "aliasAttributes": ["EMAIL"]},
        identity=False,
    ),
    "phone-sms-mfa": request(
        {
            "signinMethod": "PHONE_NUMBER",
            "requiredSignupAttributes": ["PHONE_NUMBER"],
            "mfa": {"mode": "ON", "mfaTypes": ["SMS"], "smsMessage": "Code {####}"},
        },
        guests=True,
    ),
    "totp-policy": request(
        {
            "signinMethod": "EMAIL_AND_PHONE_NUMBER",
            "requiredSignupAttributes": ["EMAIL", "NAME"],
            "mfa": {"mode": "OPTIONAL", "mfaTypes": ["TOTP"]},
            "passwordPolicy": {"minimumLength": 10, "additionalConstraints": ["REQUIRE_SYMBOL"]},
        }
    ),
}


def lint(template: dict) -> list[str]:
    from cfnlint.api import ManualArgs
    from cfnlint.api import lint as cfn_lint

    matches = cfn_lint(json.dumps(template), config=ManualArgs(regions=["us-east-1", "eu-central-1"]))
    return [f"{m.rule.id} {m.message}" for m in matches if m.rule.severity in ("error", "warning")]


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_user_pool_templates_pass_cfn_lint(name):
    config = config_from_request(CONFIGS[name], resource_name="appauth", shared_id="1a2b3c4d")
    assert lint(user_pool_template(config)) == []


@pytest.mark.parametrize("identity", [True, False])
def test_groups_templates_pass_cfn_lint(identity):
    groups = [{"groupName": "Admins", "precedence": 1}, {"groupName": "Editors", "precedence": 2}]
    assert lint(groups_template("appauth", groups, identity_pool=identity)) == []


def test_sms_needs_an_sns_role_and_totp_does_not():
    sms = user_pool_template(
        config_from_request(CONFIGS["phone-sms-mfa"], resource_name="a", shared_id="1a2b3c4d")
    )
    assert sms["Resources"]["UserPool"]["Properties"]["SmsConfiguration"]["SnsCallerArn"] == {
        "Fn::GetAtt": ["SNSRole", "Arn"]
    }
    totp = user_pool_template(
        config_from_request(CONFIGS["totp-policy"], resource_name="a", shared_id="1a2b3c4d")
    )
    assert "SNSRole" not in totp["Resources"]
    assert totp["Resources"]["UserPool"]["Properties"]["EnabledMfas"] == ["SOFTWARE_TOKEN_MFA"]


def test_gen1_cli_inputs_build_the_user_pool(tmp_path: Path, gen1):
    folder = tmp_path / "notesapp0a1b2c3d"
    folder.mkdir()
    (folder / "cli-inputs.json").write_text(json.dumps(gen1.inputs))
    template, values = build_resource(folder, folder.name, {"service": "Cognito"})
    pool = template["Resources"]["UserPool"]["Properties"]
    assert pool["UsernameAttributes"] == ["email"] and pool["Schema"] == [
        {"Name": "email", "Required": True, "Mutable": True}
    ]
    assert template["Resources"]["UserPoolClientWeb"]["Properties"]["RefreshTokenValidity"] == 30
    assert set(values) == {"authRoleArn", "unauthRoleArn"}
    assert lint(template) == []


def test_gen1_yaml_template_with_tags_is_read_with_its_parameters(tmp_path: Path, gen1):
    folder = tmp_path / "legacyauth"
    folder.mkdir()
    (folder / "legacyauth-cloudformation-template.yml").write_text(gen1.yaml.replace("{extra}", ""))
    (folder / "parameters.json").write_text(json.dumps({"userPoolName": "legacy_pool"}))
    template, values = build_resource(folder, folder.name, {"service": "Cognito"})
    assert (
        template["Resources"]["UserPool"]["Properties"]["UserPoolName"]["Fn::If"][0]
        == "ShouldNotCreateEnvResources"
    )
    assert template["Resources"]["UserPoolClientWeb"]["Properties"]["UserPoolId"] == {"Ref": "UserPool"}
    assert template["Outputs"]["Arn"]["Value"] == {"Fn::GetAtt": ["UserPool", "Arn"]}
    assert values == {"userPoolName": "legacy_pool"}


def test_gen1_json_template_is_read_and_a_broken_one_is_named(tmp_path: Path):
    folder = tmp_path / "jsonauth"
    folder.mkdir()
    template = {
        "Resources": {"UserPool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": "p"}}}
    }
    (folder / "jsonauth-cloudformation-template.json").write_text(json.dumps(template))
    assert build_resource(folder, folder.name, {"service": "Cognito"}) == (template, {})
    (folder / "jsonauth-cloudformation-template.json").write_text('{"Resources": ')
    with pytest.raises(UsageError, match="jsonauth-cloudformation-template.json is not valid JSON"):
        build_resource(folder, folder.name, {"service": "Cognito"})


def test_lambda_backed_custom_resources_are_built_and_overrides_refused_by_name(tmp_path: Path, gen1):
    folder = tmp_path / "legacyauth"
    folder.mkdir()
    (folder / "legacyauth-cloudformation-template.yml").write_text(
        gen1.yaml.replace("{extra}", gen1.current_callout)
    )
    template, _ = build_resource(folder, folder.name, {"service": "Cognito"})
    assert template["Resources"]["UserPoolClientInputs"]["Type"] == "Custom::LambdaCallout"
    other = tmp_path / "overridden"
    other.mkdir()
    (other / "cli-inputs.json").write_text(json.dumps(gen1.inputs))
    (other / "override.ts").write_text("export function override() {}\n")
    with pytest.raises(RefusedResource, match="override.ts"):
        build_resource(other, other.name, {"service": "Cognito"})
    triggers = tmp_path / "triggered"
    triggers.mkdir()
    inputs = {
        **gen1.inputs,
        "cognitoConfig": {**gen1.inputs["cognitoConfig"], "triggers": {"PreSignup": ["x"]}},
    }
    (triggers / "cli-inputs.json").write_text(json.dumps(inputs))
    with pytest.raises(RefusedResource, match="Cognito Lambda triggers, which need the function category"):
        build_resource(triggers, triggers.name, {"service": "Cognito"})


def test_imported_pools_are_refused_by_name(tmp_path: Path):
    with pytest.raises(RefusedResource, match="it is an imported pool"):
        build_resource(tmp_path, "shared", {"service": "Cognito", "serviceType": "imported"})


def test_the_plugin_passes_plugin_verify():
    from amplify_core.testing import assert_plugin_valid

    assert_plugin_valid(Path(__file__).resolve().parents[1])


def test_frontend_and_native_outputs_have_gen1_keys():
    output = {
        "UserPoolId": "eu-west-1_abc",
        "AppClientIDWeb": "web123",
        "AppClientID": "native123",
        "IdentityPoolId": "eu-west-1:1234",
    }
    entry = {
        "service": "Cognito",
        "output": output,
        "frontendAuthConfig": {"usernameAttributes": ["EMAIL"], "mfaConfiguration": "OFF"},
    }
    category = AuthCategory(None)
    web = category.frontend_outputs("appauth", entry)
    assert list(web)[:5] == [
        "aws_cognito_identity_pool_id",
        "aws_cognito_region",
        "aws_user_pools_id",
        "aws_user_pools_web_client_id",
        "oauth",
    ]
    assert web["aws_cognito_region"] == "eu-west-1" and web["aws_cognito_username_attributes"] == ["EMAIL"]
    outputs = {NATIVE_KEY: category.native_outputs("appauth", entry)}
    plugin = amplify_configuration(outputs)["auth"]["plugins"]["awsCognitoAuthPlugin"]
    assert plugin["CognitoUserPool"]["Default"] == {
        "PoolId": "eu-west-1_abc",
        "AppClientId": "native123",
        "Region": "eu-west-1",
    }
    assert plugin["CredentialsProvider"]["CognitoIdentity"]["Default"]["PoolId"] == "eu-west-1:1234"
    legacy = aws_configuration(
        "aws-amplify-cli/0.1.0",
        {"Custom": 1, "CognitoUserPool": "stale"},
        outputs[NATIVE_KEY]["awsconfiguration"],
    )
    assert legacy["CognitoUserPool"]["Default"]["AppClientId"] == "native123" and legacy["Custom"] == 1
    assert legacy["Auth"]["Default"]["authenticationFlowType"] == "USER_SRP_AUTH"
