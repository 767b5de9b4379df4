"""Issue 14's acceptance: in a web project with auth and a content bucket, a signed-in user's
identity can put an object and a guest's cannot, against the sandbox, with boto3 as an app."""

from __future__ import annotations

import json

import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

pytestmark = pytest.mark.slow

AUTH = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "Cognito",
        "includeIdentityPool": True,
        "identityPoolConfiguration": {"unauthenticatedLogin": True},
        "userPoolConfiguration": {"signinMethod": "EMAIL", "requiredSignupAttributes": ["EMAIL"]},
    },
}
BUCKET = {
    "service": "S3",
    "resourceName": "files",
    "authAccess": ["CREATE_AND_UPDATE", "READ", "DELETE"],
    "guestAccess": ["READ"],
}
PASSWORD = "Correct-Horse-9"


def credentials(sandbox, pool: str, logins: dict[str, str] | None = None) -> dict[str, str]:
    identity = sandbox.client("cognito-identity", config=Config(signature_version=UNSIGNED))
    extra = {"Logins": logins} if logins else {}
    identity_id = identity.get_id(IdentityPoolId=pool, **extra)["IdentityId"]
    found = identity.get_credentials_for_identity(IdentityId=identity_id, **extra)
    assert found["IdentityId"] == identity_id
    return {"identity": identity_id, **found["Credentials"]}


def s3_as(sandbox, keys: dict[str, str]):
    return sandbox.client(
        "s3",
        aws_access_key_id=keys["AccessKeyId"],
        aws_secret_access_key=keys["SecretKey"],
        aws_session_token=keys["SessionToken"],
    )


def code(error: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = error.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_signed_in_identity_puts_and_a_guest_only_reads(project, sandbox_server):
    added = project.amplify("add", "auth", "--params", json.dumps(AUTH))
    assert added.code == 0, added.text
    stored = project.amplify("add", "storage", "--yes", "--params", json.dumps(BUCKET))
    assert stored.code == 0, stored.text
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    exports = json.loads(project.exports()[project.exports().index("{") : project.exports().rindex("}") + 1])
    pool_id, client_id = exports["aws_user_pools_id"], exports["aws_user_pools_web_client_id"]
    identity_pool, bucket = exports["aws_cognito_identity_pool_id"], exports["aws_user_files_s3_bucket"]

    app = sandbox_server.client("cognito-idp", config=Config(signature_version=UNSIGNED))
    app.sign_up(
        ClientId=client_id,
        Username="ada@example.com",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "ada@example.com"}],
    )
    sandbox_server.client("cognito-idp").admin_confirm_sign_up(UserPoolId=pool_id, Username="ada@example.com")
    tokens = app.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ada@example.com", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]
    login = {f"cognito-idp.us-east-1.amazonaws.com/{pool_id}": tokens["IdToken"]}

    user = credentials(sandbox_server, identity_pool, login)
    assert credentials(sandbox_server, identity_pool, login)["identity"] == user["identity"]  # same user
    as_user = s3_as(sandbox_server, user)
    as_user.put_object(Bucket=bucket, Key="public/x", Body=b"hello")
    private = f"private/{user['identity']}/notes"
    as_user.put_object(Bucket=bucket, Key=private, Body=b"mine")
    with pytest.raises(ClientError) as other_users:
        as_user.put_object(Bucket=bucket, Key="private/us-east-1:someone-else/notes", Body=b"x")
    assert code(other_users) == ("AccessDenied", 403)
    with pytest.raises(ClientError) as outside:
        as_user.put_object(Bucket=bucket, Key="elsewhere/x", Body=b"x")
    assert code(outside) == ("AccessDenied", 403)
    assert "is not authorized to perform: s3:PutObject" in outside.value.response["Error"]["Message"]

    guest = credentials(sandbox_server, identity_pool)
    assert guest["identity"] != user["identity"]
    as_guest = s3_as(sandbox_server, guest)
    with pytest.raises(ClientError) as refused:
        as_guest.put_object(Bucket=bucket, Key="public/y", Body=b"no")
    assert code(refused) == ("AccessDenied", 403)
    assert as_guest.get_object(Bucket=bucket, Key="public/x")["Body"].read() == b"hello"
    with pytest.raises(ClientError) as elsewhere:
        as_guest.get_object(Bucket=bucket, Key=private)
    assert code(elsewhere) == ("AccessDenied", 403)
    with pytest.raises(ClientError) as not_for_roles:
        s3_as(sandbox_server, user).create_bucket(Bucket=f"{bucket}-more")
    assert code(not_for_roles) == ("AccessDenied", 403)

    # Cognito's own refusals: a stranger's token, a signed-in identity without its login,
    # a session token that is not the session's.
    identity = sandbox_server.client("cognito-identity", config=Config(signature_version=UNSIGNED))
    with pytest.raises(ClientError) as forged:
        identity.get_id(IdentityPoolId=identity_pool, Logins={next(iter(login)): tokens["AccessToken"]})
    assert code(forged)[0] == "NotAuthorizedException"
    with pytest.raises(ClientError) as without_login:
        identity.get_credentials_for_identity(IdentityId=user["identity"])
    assert code(without_login) == ("NotAuthorizedException", 400)
    assert f"Access to Identity '{user['identity']}' is forbidden." in str(without_login.value)
    with pytest.raises(ClientError) as bad_token:
        s3_as(sandbox_server, {**user, "SessionToken": guest["SessionToken"]}).get_object(
            Bucket=bucket, Key="public/x"
        )
    assert code(bad_token) == ("InvalidToken", 400)


def test_a_pool_without_guests_refuses_unauthenticated_identities(project, sandbox_server):
    no_guests = json.loads(json.dumps(AUTH))
    no_guests["serviceConfiguration"]["identityPoolConfiguration"]["unauthenticatedLogin"] = False
    assert project.amplify("add", "auth", "--params", json.dumps(no_guests)).code == 0
    pushed = project.amplify("push", "--yes")
    assert pushed.code == 0, pushed.text
    text = project.exports()
    pool = json.loads(text[text.index("{") : text.rindex("}") + 1])["aws_cognito_identity_pool_id"]
    identity = sandbox_server.client("cognito-identity", config=Config(signature_version=UNSIGNED))
    with pytest.raises(ClientError) as refused:
        identity.get_id(IdentityPoolId=pool)
    assert code(refused) == ("NotAuthorizedException", 400)
    assert "Unauthenticated access is not supported for this identity pool." in str(refused.value)
