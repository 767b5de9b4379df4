"""``AWS::Lambda::Permission`` as CloudFormation manages it.

moto adds the permission's statement to the function's resource policy at create, never
removes it, and ignores an update: a template that drops a permission (an S3 trigger removed)
left the function invocable by that service, and one that points the permission at another
function (an S3 trigger moved to a new function) left the new function without it, so S3
refused the bucket's notification. Here the resource remembers its statement; deleting it
removes the statement; any change replaces it (every property of the type requires
replacement): the new statement first, the old one removed in the update's cleanup phase.
"""

from __future__ import annotations

import json
from typing import Any

from .stack_operations import after_success


def install() -> None:
    from moto.awslambda.models import Permission
    from moto.awslambda.utils import get_backend

    if getattr(Permission, "_amplify_extension", False):
        return

    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        function = get_backend(account_id, region_name).get_function(properties["FunctionName"])
        statement, _revision = function.policy.add_statement(raw=json.dumps(properties))
        permission = cls(region=region_name)
        permission.function = function
        permission.sid = statement["Sid"]
        return permission

    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):
        new = cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name
        )

        def remove_old() -> None:
            original_resource.delete(account_id, region_name)

        if not after_success(remove_old):
            remove_old()
        return new

    def delete(self: Any, account_id: str, region_name: str) -> None:
        function = getattr(self, "function", None)
        if function is None:
            return
        try:
            function.policy.del_statement(self.sid)
        except Exception:  # noqa: BLE001 - the statement (or the function) is already gone
            return

    setattr(Permission, "create_from_cloudformation_json", classmethod(create_from_cloudformation_json))
    setattr(Permission, "update_from_cloudformation_json", classmethod(update_from_cloudformation_json))
    setattr(Permission, "delete", delete)
    setattr(Permission, "physical_resource_id", property(lambda self: getattr(self, "sid", "")))
    setattr(Permission, "_amplify_extension", True)
