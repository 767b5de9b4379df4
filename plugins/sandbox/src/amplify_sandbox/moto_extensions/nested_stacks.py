"""Nested stacks (``AWS::CloudFormation::Stack``): moto has no attribute lookup on stacks, so
``Fn::GetAtt <Nested>.Outputs.<Name>`` failed. Here it reads the child's output.

(How a child is created and updated — in place, keeping its name and id, with rollback — is in
:mod:`.stack_operations`.)"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import models as cfn_models
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException


def _stack_get_cfn_attribute(self: Any, attribute_name: str) -> Any:
    prefix = "Outputs."
    wanted = attribute_name[len(prefix) :]
    if attribute_name.startswith(prefix) and wanted in self.output_map.outputs:
        output = self.output_map[wanted]
        if output is not None:
            return output.value
    raise UnformattedGetAttTemplateException()


def install() -> None:
    setattr(cfn_models.Stack, "get_cfn_attribute", _stack_get_cfn_attribute)
