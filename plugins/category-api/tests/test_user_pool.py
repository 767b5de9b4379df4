"""A REST path behind a Cognito user-pool authorizer, end to end against the sandbox: only the
ID token of the project's own pool's signed-in user reaches the function (issue 15)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

AUTH = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "Cognito",
        "includeIdentityPool": False,
        "userPoolConfiguration": {"signinMethod": "EMAIL", "requiredSignupAttributes": ["EMAIL"]},
    },
}
PASSWORD = "Correct-Horse-9"
HANDLER = """\
exports.handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ hello: event.requestContext.authorizer.claims.email }),
});
"""


def get(url: str, token: str | None = None) -> tuple[int, bytes]:
    headers = {"Authorization": token} if token is not None else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def sign_in(sandbox, pool_id: str, client_id: str, email: str) -> dict:
    """What an app does: sign up, (admin-)confirm, sign in with the app client."""
    from botocore import UNSIGNED
    from botocore.config import Config

    public = sandbox.client("cognito-idp", config=Config(signature_version=UNSIGNED))
    public.sign_up(
        ClientId=client_id,
        Username=email,
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": email}],
    )
    sandbox.client("cognito-idp").admin_confirm_sign_up(UserPoolId=pool_id, Username=email)
    return public.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]


def expired_copy(token: str) -> str:
    """The same token with its expiry in the past, signed with the sandbox's (moto's) pool key."""
    from joserfc import jwk, jwt
    from moto.utilities.utils import load_resource

    key = jwk.RSAKey.import_key(load_resource("cognitoidp/resources/jwks-private.json"))
    claims = dict(jwt.decode(token, key).claims)
    claims.update(iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)
    return jwt.encode({"kid": "dummy", "alg": "RS256"}, claims, key)


@pytest.mark.slow
def test_a_user_pool_path_takes_only_a_signed_in_users_id_token(project, sandbox_server):
    assert project.amplify("add", "auth", "--params", json.dumps(AUTH)).code == 0
    added = project.amplify(
        "add", "function", "--yes", "--params", json.dumps({"functionName": "me", "runtime": "nodejs24.x"})
    )
    assert added.code == 0, added.text
    (project.backend / "function" / "me" / "src" / "index.js").write_text(HANDLER)
    paths = {
        "/me": {"lambdaFunction": "me", "permissions": {"setting": "userPool"}},
        "/open": {"lambdaFunction": "me"},
    }
    api = project.amplify("add", "api", "--params", json.dumps({"resourceName": "meapi", "paths": paths}))
    assert api.code == 0, api.text
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text

    text = project.exports()
    exports = json.loads(text[text.index("{") : text.rindex("}") + 1])
    [entry] = exports["aws_cloud_logic_custom"]
    url = f"{entry['endpoint']}/me"
    pool_id, client_id = exports["aws_user_pools_id"], exports["aws_user_pools_web_client_id"]
    tokens = sign_in(sandbox_server, pool_id, client_id, "ada@example.com")

    assert get(url) == (401, b'{"message": "Unauthorized"}')
    assert get(url, "not-a-token")[0] == 401
    assert get(url, tokens["AccessToken"])[0] == 401  # no OAuth scopes on the method: an ID token
    assert get(url, expired_copy(tokens["IdToken"]))[0] == 401

    idp = sandbox_server.client("cognito-idp")  # another pool's user, signed by the same sandbox key
    other = idp.create_user_pool(PoolName=f"other{project.name}", UsernameAttributes=["email"])["UserPool"][
        "Id"
    ]
    other_client = idp.create_user_pool_client(
        UserPoolId=other,
        ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    stranger = sign_in(sandbox_server, other, other_client, "eve@example.com")
    assert get(url, stranger["IdToken"])[0] == 401
    idp.delete_user_pool(UserPoolId=other)

    status, body = get(url, tokens["IdToken"])
    assert status == 200, body
    assert json.loads(body) == {"hello": "ada@example.com"}  # the claims reach the handler
    status, body = get(url, "Bearer " + tokens["IdToken"])
    assert status == 200, body
