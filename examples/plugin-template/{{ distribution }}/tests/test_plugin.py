"""The plugin loads the way ``amplify`` loads it, and passes ``amplify plugin verify``."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

from amplify_core.testing import discovered_plugin

from {{ package }} import plugin

ROOT = Path(__file__).resolve().parents[1]


def test_entry_point_is_installed():
    """``pip install -e .`` registered the entry point amplify discovers."""
    found = {ep.name: ep.value for ep in entry_points(group="{{ group }}")}
    assert found.get("{{ name }}") == "{{ package }}.plugin"


def test_discovered_and_active():
    """Real discovery (what every ``amplify`` run does) finds the plugin and accepts it."""
    discovered_plugin("{{ name }}", "{{ kind }}")


def test_registers_its_descriptor(register_plugin):
    record = register_plugin(plugin)
    assert [info.name for info in record.descriptors] == ["{{ name }}"]


def test_passes_verify(amplify_cli):
    result = amplify_cli(["plugin", "verify", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.stdout
