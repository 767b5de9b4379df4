"""``AWS::Lambda::Permission`` removed with its stack resource.

moto adds the permission's statement to the function's resource policy at create and never
removes it: a template that drops a permission (an S3 trigger removed, a schedule turned off)
left the function invocable by that service. Here the resource remembers its statement and
deleting it removes the statement, as CloudFormation does.
"""

from __future__ import annotations

import json
from typing import Any


def install() -> None:
    from moto.awslambda.models import Permission
    from moto.awslambda.utils import get_backend

    if getattr(Permission, "_amplify_extension", False):
        return

    def create_from_cloudformation_json(  # type: ignore[no-untyped-def]
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        function = get_backend(account_id, region_name).get_function(properties["FunctionName"])
        statement, _revision = function.policy.add_statement(raw=json.dumps(properties))
        permission = cls(region=region_name)
        permission.function = function
        permission.sid = statement["Sid"]
        return permission

    def delete(self: Any, account_id: str, region_name: str) -> None:
        function = getattr(self, "function", None)
        if function is None:
            return
        try:
            function.policy.del_statement(self.sid)
        except Exception:  # noqa: BLE001 - the statement (or the function) is already gone
            return

    Permission.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    Permission.delete = delete
    Permission._amplify_extension = True
