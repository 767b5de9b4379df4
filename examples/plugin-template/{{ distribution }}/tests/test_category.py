"""The category's template and its headless schema."""

from __future__ import annotations

import json

from {{ package }} import plugin
from {{ package }}.category import {{ class_name }}Category


def test_template_has_resources(tmp_path):
    template = {{ class_name }}Category(context=None).template(tmp_path, {"service": "{{ class_name }}"})
    assert template["AWSTemplateFormatVersion"] == "2010-09-09"
    assert template["Resources"]


def test_schema_is_published(register_plugin, amplify_cli):
    register_plugin(plugin)
    result = amplify_cli(["schema", "categories.{{ name }}"])
    assert result.exit_code == 0, result.output
    assert "resourceName" in json.loads(result.stdout)["properties"]
