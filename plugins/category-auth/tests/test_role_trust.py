"""Which roles a push rewrites: only those whose trust differs from the deployed identity pool's."""

from __future__ import annotations

from amplify_category_auth.role_trust import deny_all, plan, trusting, wanted

ROLES = {"providers": {"awscloudformation": {"AuthRoleName": "app-auth", "UnauthRoleName": "app-unauth"}}}


def meta_with_pool(pool: str | None) -> dict:
    output = {"UserPoolId": "us-east-1_abc", **({"IdentityPoolId": pool} if pool else {})}
    return {**ROLES, "auth": {"app": {"service": "Cognito", "output": output}}}


def test_a_new_pool_rewrites_both_roles_and_a_second_push_rewrites_none():
    target = wanted(meta_with_pool("us-east-1:pool-1"))
    assert target == {
        "app-auth": trusting("us-east-1:pool-1", "authenticated"),
        "app-unauth": trusting("us-east-1:pool-1", "unauthenticated"),
    }
    root_stack_deny = {"Version": "2012-10-17", "Statement": [{"Sid": "", **deny_all()["Statement"][0]}]}
    assert plan({"app-auth": root_stack_deny, "app-unauth": root_stack_deny}, target) == target
    assert plan(target, target) == {}


def test_a_replaced_pool_rewrites_the_roles_and_no_pool_means_deny():
    old = wanted(meta_with_pool("us-east-1:pool-1"))
    assert set(plan(old, wanted(meta_with_pool("us-east-1:pool-2")))) == {"app-auth", "app-unauth"}
    assert wanted(meta_with_pool(None)) == {"app-auth": deny_all(), "app-unauth": deny_all()}
    assert wanted({"auth": {}}) == {}  # no root-stack roles recorded: nothing to write
