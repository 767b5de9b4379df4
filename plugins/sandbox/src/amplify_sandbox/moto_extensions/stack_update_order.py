"""Stack updates in CloudFormation's order. moto's ``ResourceMap.update`` deletes the resources a
new template drops *first* and never forgets their models; CloudFormation creates and updates
first and deletes in a cleanup phase at the end, and a removed resource is gone for good.

Two user-visible consequences of moto's way, both fixed here:

* A resource removed by one update and added back by a later one (hosting PROD → DEV → PROD:
  the distribution and its origin access control) got its *deleted* model back — ``GetAtt``
  then raised ``KeyError`` and every read of the stack answered HTTP 500.
* Delete-first hides a template bug AWS exposes: replacing an ``AWS::S3::BucketPolicy`` by one
  with another logical id deletes the bucket's policy *after* the new one was put, on AWS.

Also as AWS does: a removed resource whose ``DeletionPolicy`` is ``Retain`` is kept in the
account (and forgotten by the stack).
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import parsing


def _retry(names: list[str], attempt: Any) -> None:
    """Run ``attempt(name)`` for each name, retrying failures as moto does (dependency order is
    not known, so a resource whose dependency is not ready yet is tried again next pass)."""
    pending = list(names)
    last_exception: Exception | None = None
    for _ in range(parsing.MAX_UPDATE_ATTEMPTS):
        if not pending:
            return
        for name in pending.copy():
            try:
                attempt(name)
            except Exception as exc:  # noqa: BLE001 - moto reports any failure this way
                last_exception = exc
            else:
                pending.remove(name)
    if pending and last_exception is not None:
        raise last_exception


def update(self: Any, template: dict[str, Any], parameters: dict[str, Any] | None = None) -> None:
    """``ResourceMap.update``: add, modify, then clean up what the new template dropped."""
    actions = self.build_resource_diff(template, parameters)
    old_resources = self._resource_json_map

    self._template = template
    if parameters:
        self.input_parameters = parameters
    self.load_mapping()
    self.load_parameters()
    self.load_conditions()
    self._resource_json_map = template["Resources"]

    for name in actions["Add"]:
        self._parsed_resources.pop(name, None)  # never revive a model from an earlier life
        _ = self[name]  # moto's lazy map creates the resource on first access

    def modify(name: str) -> None:
        changed = parsing.parse_and_update_resource(
            name, self._resource_json_map[name], self,
            account_id=self._account_id, region_name=self._region_name,
        )
        self._parsed_resources[name] = changed

    _retry(actions["Modify"], modify)

    def remove(name: str) -> None:
        resource_json = old_resources[name]
        resource = self._parsed_resources.get(name)
        if resource is not None and resource_json.get("DeletionPolicy") != "Retain":
            self._delete_resource(resource, resource_json)
        self._parsed_resources.pop(name, None)

    _retry(actions["Remove"], remove)


def install() -> None:
    parsing.ResourceMap.update = update
