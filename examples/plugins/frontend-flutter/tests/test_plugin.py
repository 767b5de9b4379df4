"""The plugin loads the way ``amplify`` loads it, and passes ``amplify plugin verify``."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

from amplify_core.plugins.loader import load_plugins
from amplify_frontend_flutter import plugin

ROOT = Path(__file__).resolve().parents[1]


def test_entry_point_is_installed():
    """``pip install -e .`` registered the entry point amplify discovers."""
    found = {ep.name: ep.value for ep in entry_points(group="amplify.frontends")}
    assert found.get("flutter") == "amplify_frontend_flutter.plugin"


def test_discovered_and_active():
    """Real discovery (what every ``amplify`` run does) finds the plugin and accepts it."""
    records = [r for r in load_plugins().records if r.name == "flutter" and r.kind == "frontend"]
    assert records, "amplify did not discover the plugin: is it installed?"
    assert records[0].status.value == "active", records[0].reason


def test_registers_its_descriptor(register_plugin):
    record = register_plugin(plugin)
    assert [info.name for info in record.descriptors] == ["flutter"]


def test_passes_verify(amplify_cli):
    result = amplify_cli(["plugin", "verify", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.stdout
