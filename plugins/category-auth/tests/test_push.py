"""Auth end to end, as a new user would try it: the real ``amplify`` command (subprocesses)
against one sandbox server, then boto3 signing a user up and in with the app client."""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path

import pytest
from amplify_core.testing import ProcessResult as Run
from amplify_core.testing import run_amplify, spawn_amplify
from amplify_sandbox.testing import sandbox_server  # noqa: F401 - session fixture

pytestmark = pytest.mark.slow

EMAIL_SIGN_IN = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "Cognito",
        "includeIdentityPool": True,
        "userPoolConfiguration": {
            "signinMethod": "EMAIL",
            "requiredSignupAttributes": ["EMAIL"],
            "userPoolGroups": [{"groupName": "Admins"}, {"groupName": "Editors", "precedence": 7}],
        },
    },
}
PASSWORD = "Correct-Horse-9"


class App:
    """A new web project initialised against the sandbox (CI mode: nothing prompts)."""

    def __init__(self, root: Path, env: dict[str, str], sandbox):
        self.root, self.env, self.sandbox = root, env, sandbox

    def amplify(self, *args: str, stdin: str | None = None) -> Run:
        return run_amplify(*args, cwd=self.root, env=self.env, stdin=stdin or "", timeout=180)

    def ok(self, *args: str, stdin: str | None = None) -> Run:
        result = self.amplify(*args, stdin=stdin)
        assert result.code == 0, f"amplify {' '.join(args)} exited {result.code}:\n{result.out}{result.err}"
        return result

    def exports(self) -> dict:
        text = (self.root / "src/aws-exports.js").read_text()
        return json.loads(re.search(r"const awsmobile = (\{.*\});", text, re.S).group(1))

    def status_rows(self) -> list[tuple[str, ...]]:
        rows = []
        for line in self.ok("status").out.splitlines():
            cells = tuple(c.strip() for c in line.strip("|").split("|"))
            if line.startswith("|") and cells[0] not in ("Category", "") and not cells[0].startswith("-"):
                rows.append(cells[:3])
        return rows

    def user_pools(self) -> list[str]:
        return [
            p["Id"] for p in self.sandbox.client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
        ]


@pytest.fixture
def app(tmp_path: Path, sandbox_server) -> App:  # noqa: F811
    sandbox_server.reset()
    root = tmp_path / "web"
    (root / "src").mkdir(parents=True)
    (root / "package.json").write_text('{"name": "web", "version": "1.0.0", "dependencies": {"react": "18"}}')
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
    env.update(sandbox_server.env())
    env.update(
        {
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "CI": "true",
            "AWS_CONFIG_FILE": str(home / "no-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-creds"),
        }
    )
    project = App(root, env, sandbox_server)
    project.ok(
        "init",
        "--yes",
        "--amplify",
        json.dumps({"projectName": f"web{uuid.uuid4().hex[:6]}", "envName": "dev"}),
        "--providers",
        json.dumps({"awscloudformation": {"configLevel": "general"}}),
    )
    return project


def app_client(sandbox):
    from botocore import UNSIGNED
    from botocore.config import Config

    return sandbox.client("cognito-idp", config=Config(signature_version=UNSIGNED))


def sign_up_and_in(app: App, client_id: str, pool_id: str, email: str) -> dict:
    """What an app does: sign up, (admin-)confirm, sign in with the web client."""
    public = app_client(app.sandbox)
    public.sign_up(
        ClientId=client_id,
        Username=email,
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": email}],
    )
    app.sandbox.client("cognito-idp").admin_confirm_sign_up(UserPoolId=pool_id, Username=email)
    return public.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]


def role_trust(app: App) -> dict[str, list[tuple]]:
    """Who may assume the environment's auth and unauth roles: (effect, principal, pool, amr) per statement."""
    provider = json.loads((app.root / "amplify/backend/amplify-meta.json").read_text())["providers"][
        "awscloudformation"
    ]
    iam = app.sandbox.client("iam")
    trust = {}
    for amr, key in (("authenticated", "AuthRoleName"), ("unauthenticated", "UnauthRoleName")):
        doc = iam.get_role(RoleName=provider[key])["Role"]["AssumeRolePolicyDocument"]
        trust[amr] = [
            (
                s["Effect"],
                s["Principal"]["Federated"],
                s.get("Condition", {}).get("StringEquals", {}).get("cognito-identity.amazonaws.com:aud"),
                s.get("Condition", {})
                .get("ForAnyValue:StringLike", {})
                .get("cognito-identity.amazonaws.com:amr"),
            )
            for s in doc["Statement"]
        ]
    return trust


def test_headless_auth_push_sign_in_then_remove(app: App):
    app.ok("add", "auth", "--headless", stdin=json.dumps(EMAIL_SIGN_IN))
    [name] = [
        n
        for n in json.loads((app.root / "amplify/backend/backend-config.json").read_text())["auth"]
        if n != "userPoolGroups"
    ]
    assert sorted(app.status_rows()) == sorted(
        [("Auth", name, "Create"), ("Auth", "userPoolGroups", "Create")]
    )

    app.ok("push", "--yes")
    config = app.exports()
    for key in (
        "aws_cognito_region",
        "aws_user_pools_id",
        "aws_user_pools_web_client_id",
        "aws_cognito_identity_pool_id",
    ):
        assert config[key], key
    assert (
        config["aws_cognito_username_attributes"] == ["EMAIL"] and config["aws_cognito_region"] == "us-east-1"
    )
    assert json.loads((app.root / "src/amplifyconfiguration.json").read_text()) == config
    assert sorted(app.status_rows()) == sorted(
        [("Auth", name, "No Change"), ("Auth", "userPoolGroups", "No Change")]
    )

    pool_id, client_id = config["aws_user_pools_id"], config["aws_user_pools_web_client_id"]
    tokens = sign_up_and_in(app, client_id, pool_id, "ada@example.com")
    assert tokens["IdToken"] and tokens["AccessToken"]
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError, match="Incorrect username or password"):
        app_client(app.sandbox).initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ada@example.com", "PASSWORD": "wrong"},
        )
    groups = app.sandbox.client("cognito-idp").list_groups(UserPoolId=pool_id)["Groups"]
    assert sorted(
        (g["GroupName"], g["Precedence"], g["RoleArn"].endswith(f"-{g['GroupName']}GroupRole"))
        for g in groups
    ) == [("Admins", 1, True), ("Editors", 7, True)]
    identity = app.sandbox.client("cognito-identity").describe_identity_pool(
        IdentityPoolId=config["aws_cognito_identity_pool_id"]
    )
    assert identity["AllowUnauthenticatedIdentities"] is False
    assert {p["ClientId"] for p in identity["CognitoIdentityProviders"]} >= {client_id}
    pool = config["aws_cognito_identity_pool_id"]
    assert role_trust(app) == {
        "authenticated": [("Allow", "cognito-identity.amazonaws.com", pool, "authenticated")],
        "unauthenticated": [("Allow", "cognito-identity.amazonaws.com", pool, "unauthenticated")],
    }

    change = {
        "version": 1,
        "serviceModification": {
            "serviceName": "Cognito",
            "userPoolModification": {"mfa": {"mode": "OPTIONAL", "mfaTypes": ["TOTP"]}},
        },
    }
    app.ok("update", "auth", "--params", json.dumps(change))
    assert ("Auth", name, "Update") in app.status_rows()
    app.ok("push", "--yes")
    mfa = app.sandbox.client("cognito-idp").get_user_pool_mfa_config(UserPoolId=pool_id)
    assert mfa["MfaConfiguration"] == "OPTIONAL" and mfa["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    assert app.exports()["aws_user_pools_id"] == pool_id and app.exports()["aws_cognito_mfa_types"] == [
        "TOTP"
    ]
    assert ("Auth", name, "No Change") in app.status_rows()

    app.ok("remove", "auth", "--yes")
    assert sorted(app.status_rows()) == sorted(
        [("Auth", name, "Delete"), ("Auth", "userPoolGroups", "Delete")]
    )
    app.ok("push", "--yes")
    assert pool_id not in app.user_pools()
    assert role_trust(app) == {
        amr: [("Deny", "cognito-identity.amazonaws.com", None, None)]
        for amr in ("authenticated", "unauthenticated")
    }
    assert "aws_user_pools_id" not in app.exports()
    assert app.status_rows() == []


def test_gen1_cli_inputs_resource_pushes_unchanged(app: App, gen1):
    name = gen1.inputs["cognitoConfig"]["resourceName"]
    folder = app.root / "amplify/backend/auth" / name
    folder.mkdir(parents=True)
    (folder / "cli-inputs.json").write_text(json.dumps(gen1.inputs, indent=2))
    backend_config = app.root / "amplify/backend/backend-config.json"
    backend_config.write_text(
        json.dumps(
            {
                "auth": {
                    name: {
                        "service": "Cognito",
                        "providerPlugin": "awscloudformation",
                        "dependsOn": [],
                        "customAuth": False,
                        "frontendAuthConfig": {
                            "usernameAttributes": ["EMAIL"],
                            "signupAttributes": ["EMAIL"],
                            "mfaConfiguration": "OFF",
                            "mfaTypes": ["SMS"],
                            "verificationMechanisms": ["EMAIL"],
                            "socialProviders": [],
                            "passwordProtectionSettings": {
                                "passwordPolicyMinLength": 8,
                                "passwordPolicyCharacters": [],
                            },
                        },
                    }
                }
            }
        )
    )
    app.ok("push", "--yes")
    config = app.exports()
    pools = app.sandbox.client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
    assert [p["Name"] for p in pools if p["Id"] == config["aws_user_pools_id"]] == [
        "notesapp_userpool_0a1b2c3d-dev"
    ]
    assert sign_up_and_in(
        app, config["aws_user_pools_web_client_id"], config["aws_user_pools_id"], "gen1@example.com"
    )


def test_gen1_lambda_callout_on_a_retired_runtime_is_refused_then_deploys_on_a_current_one(app: App, gen1):
    folder = app.root / "amplify/backend/auth/legacyauth"
    folder.mkdir(parents=True)
    template = folder / "legacyauth-cloudformation-template.yml"
    template.write_text(gen1.yaml.replace("{extra}", gen1.lambda_callout))
    (folder / "parameters.json").write_text('{"userPoolName": "legacy"}')
    (app.root / "amplify/backend/backend-config.json").write_text(
        json.dumps({"auth": {"legacyauth": {"service": "Cognito", "providerPlugin": "awscloudformation"}}})
    )
    meta_before = (app.root / "amplify/backend/amplify-meta.json").read_text()
    result = app.amplify("push", "--yes")
    assert result.code == 2, result.err
    assert (
        "auth legacyauth (Cognito): its template creates Lambda function UserPoolClientLambda with runtime "
        "nodejs8.10, which AWS no longer accepts" in result.err
    )
    assert "requires 'aws-sdk' (SDK v2)" in result.err
    assert "amplify/backend/auth/legacyauth/legacyauth-cloudformation-template.yml" in result.err
    assert "Traceback" not in result.err
    assert (app.root / "amplify/backend/amplify-meta.json").read_text() == meta_before
    assert app.user_pools() == []

    # What the refusal says to do: a current runtime, no SDK v2. The callout then runs in the sandbox.
    fixed = gen1.yaml.replace("{extra}", gen1.current_callout).replace(
        "Outputs:\n",
        "Outputs:\n  AppClientIdEcho:\n    Value: !GetAtt UserPoolClientInputs.appClientIdEcho\n",
    )
    template.write_text(fixed)
    app.ok("push", "--yes")
    meta = json.loads((app.root / "amplify/backend/amplify-meta.json").read_text())
    output = meta["auth"]["legacyauth"]["output"]
    pools = app.sandbox.client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
    assert output["UserPoolId"] in [p["Id"] for p in pools]
    clients = app.sandbox.client("cognito-idp").list_user_pool_clients(UserPoolId=output["UserPoolId"])
    assert output["AppClientIdEcho"] in [c["ClientId"] for c in clients["UserPoolClients"]]


def test_interactive_add_with_email_sign_in(app: App):
    pexpect = pytest.importorskip("pexpect")
    child = spawn_amplify("add", "auth", cwd=app.root, env=app.env, timeout=60, dimensions=(40, 200))
    try:
        child.expect("default authentication and security configuration")
        child.send("\r")  # Default configuration
        child.expect("How do you want users to be able to sign in")
        child.send("\x1b[B")  # down: Email
        child.send("\r")
        child.expect("configure advanced settings")
        child.send("\x1b[B")  # down: Yes, I want to make some additional changes.
        child.send("\r")
        child.expect("What attributes are required for signing up")
        child.send("\r")  # keep what is ticked: Email, the sign-in attribute
        child.expect("Successfully added auth resource")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    [name] = json.loads((app.root / "amplify/backend/backend-config.json").read_text())["auth"]
    config = json.loads((app.root / f"amplify/backend/auth/{name}/cli-inputs.json").read_text())[
        "cognitoConfig"
    ]
    assert config["usernameAttributes"] == ["email"] and config["requiredAttributes"] == ["email"]
    app.ok("push", "--yes")
    exports = app.exports()
    assert exports["aws_cognito_username_attributes"] == ["EMAIL"]
    assert sign_up_and_in(
        app, exports["aws_user_pools_web_client_id"], exports["aws_user_pools_id"], "eve@example.com"
    )


def test_native_frontends_get_the_cognito_sections(app: App):
    app.ok("configure", "project", "--yes", "--frontend", json.dumps({"frontend": "ios"}))
    app.ok("auth", "add", "--params", json.dumps(EMAIL_SIGN_IN))
    app.ok("push", "--yes")
    meta = json.loads((app.root / "amplify/backend/amplify-meta.json").read_text())
    [output] = [e["output"] for e in meta["auth"].values() if e["service"] == "Cognito"]
    legacy = json.loads((app.root / "awsconfiguration.json").read_text())
    assert legacy["CognitoUserPool"]["Default"] == {
        "PoolId": output["UserPoolId"],
        "AppClientId": output["AppClientID"],
        "Region": "us-east-1",
    }
    assert legacy["CredentialsProvider"]["CognitoIdentity"]["Default"]["PoolId"] == output["IdentityPoolId"]
    plugin = json.loads((app.root / "amplifyconfiguration.json").read_text())["auth"]["plugins"][
        "awsCognitoAuthPlugin"
    ]
    assert plugin["CognitoUserPool"] == legacy["CognitoUserPool"] and plugin["Auth"]["Default"][
        "usernameAttributes"
    ] == ["EMAIL"]


def test_a_pool_cognito_rejects_fails_the_push_by_name_and_changes_nothing(app: App):
    folder = app.root / "amplify/backend/auth/clash"
    folder.mkdir(parents=True)
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "UserPool": {
                "Type": "AWS::Cognito::UserPool",
                "Properties": {
                    "UserPoolName": "clash",
                    "UsernameAttributes": ["email"],
                    "AliasAttributes": ["email"],
                },
            }
        },
        "Outputs": {"UserPoolId": {"Value": {"Ref": "UserPool"}}},
    }
    (folder / "clash-cloudformation-template.json").write_text(json.dumps(template))
    (app.root / "amplify/backend/backend-config.json").write_text(
        json.dumps({"auth": {"clash": {"service": "Cognito", "providerPlugin": "awscloudformation"}}})
    )
    result = app.amplify("push", "--yes")
    assert result.code == 1
    assert "auth/clash" in result.err and "Only one of UsernameAttributes or AliasAttributes" in result.err
    assert app.status_rows() == [("Auth", "clash", "Create")]
    assert app.user_pools() == []


def test_team_provider_info_values_reach_a_committed_template(app: App):
    folder = app.root / "amplify/backend/auth/legacyauth"
    folder.mkdir(parents=True)
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {"env": {"Type": "String"}, "userPoolName": {"Type": "String"}},
        "Resources": {
            "UserPool": {
                "Type": "AWS::Cognito::UserPool",
                "Properties": {"UserPoolName": {"Ref": "userPoolName"}},
            }
        },
        "Outputs": {"UserPoolId": {"Value": {"Ref": "UserPool"}}},
    }
    (folder / "legacyauth-cloudformation-template.json").write_text(json.dumps(template))
    (folder / "parameters.json").write_text('{"userPoolName": "from-parameters"}')
    (app.root / "amplify/backend/backend-config.json").write_text(
        json.dumps({"auth": {"legacyauth": {"service": "Cognito", "providerPlugin": "awscloudformation"}}})
    )
    tpi_path = app.root / "amplify/team-provider-info.json"
    tpi = json.loads(tpi_path.read_text())
    tpi["dev"]["categories"] = {"auth": {"legacyauth": {"userPoolName": "from-dev-env"}}}
    tpi_path.write_text(json.dumps(tpi))
    app.ok("push", "--yes")
    pools = app.sandbox.client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
    assert [p["Name"] for p in pools] == ["from-dev-env"]
