"""The provider skeleton: settings are validated, environments have outputs."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from {{ package }} import plugin
from {{ package }}.provider import {{ class_name }}Provider


def test_configure_validates_settings():
    provider = {{ class_name }}Provider(context=None)
    assert provider.configure({"region": "eu-west-1"}) == {"region": "eu-west-1"}
    with pytest.raises(ValidationError):
        provider.configure({"secretAccessKey": "never here"})


def test_init_env_returns_outputs():
    outputs = {{ class_name }}Provider(context=None).init_env("myapp", "dev", {"region": "local"})
    assert outputs["StackName"] == "myapp-dev"


def test_schema_is_published(register_plugin, amplify_cli):
    register_plugin(plugin)
    result = amplify_cli(["schema", "providers.{{ name }}"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["additionalProperties"] is False
