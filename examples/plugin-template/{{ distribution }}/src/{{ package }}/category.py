"""The ``{{ name }}`` category: the CloudFormation each of its resources adds to a push."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import Category


class {{ class_name }}Category(Category):
    """Resources under ``amplify/backend/{{ name }}/<resource>/``."""

    def template(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        """The resource's nested stack. TODO: your resources (this placeholder creates nothing billable)."""
        return {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": "{{ name }} resource created by {{ distribution }}",
            "Parameters": {"env": {"Type": "String"}},
            "Resources": {"Placeholder": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
            "Outputs": {},
        }

    def frontend_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """Keys this resource adds to the frontend's config files (flat, ``aws_…`` style)."""
        return {}
