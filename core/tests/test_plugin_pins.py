"""Plugin pins in project-config.json: ``amplify plugin pin`` and the check before every command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from amplify_core import hookimpl
from amplify_core.plugins import pins
from amplify_core.testing import run_amplify

pytest_plugins = ["amplify_core.testing"]

PLUGIN = """
from amplify_core import hookimpl


@hookimpl
def amplify_post_push(context, command, result):
    pass
"""


def make_project(root: Path, plugins: dict | None = None, **extra) -> Path:
    config = {"projectName": "pinned", "version": "3.1", "frontend": "javascript", **extra}
    if plugins is not None:
        config["plugins"] = plugins
    path = root / "amplify" / ".config" / "project-config.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(config, indent=2) + "\n")
    return root


def read_config(root: Path) -> dict:
    return json.loads((root / "amplify" / ".config" / "project-config.json").read_text())


@pytest.fixture
def hosting_010(fake_dist):
    """``amplify-category-hosting`` 0.1.0 as the installed distribution (shadows a real one)."""
    return fake_dist("amplify-category-hosting", "0.1.0")


@pytest.fixture
def installed_plugins(fake_dist, register_plugin):
    """Two installed plugin distributions, registered as active plugins."""
    records = []
    for name, version in (("amplify-util-alpha", "1.0.0"), ("amplify-util-beta", "2.1.0")):
        package = name.replace("-", "_")
        fake_dist(
            name,
            version,
            entry_points={"amplify.plugins": {name.split("-")[-1]: f"{package}.plugin"}},
            files={f"{package}/__init__.py": "", f"{package}/plugin.py": PLUGIN},
        )
        module = __import__(f"{package}.plugin", fromlist=["plugin"])
        records.append(register_plugin(module))
    return records


def test_mismatched_pin_stops_any_command_with_exit_2(tmp_path, hosting_010, amplify_cli):
    project = make_project(tmp_path, {"amplify-category-hosting": "==0.0.1"})
    result = amplify_cli(["status"], cwd=project)
    assert result.exit_code == 2
    assert "amplify-category-hosting: pinned ==0.0.1, installed 0.1.0" in result.stderr
    assert "Fix: pip install 'amplify-category-hosting==0.0.1'" in result.stderr
    assert "amplify plugin pin" in result.stderr


def test_every_problem_is_listed_with_one_fix(tmp_path, hosting_010, amplify_cli):
    project = make_project(
        tmp_path, {"amplify-category-hosting": ">=0.2,<0.3", "amplify-not-installed-x": "==1.0"}
    )
    result = amplify_cli(["env", "list"], cwd=project / "amplify")  # from a sub-folder too
    assert result.exit_code == 2
    assert "amplify-category-hosting: pinned >=0.2,<0.3, installed 0.1.0" in result.stderr
    assert "amplify-not-installed-x: pinned ==1.0, not installed" in result.stderr
    assert "pip install 'amplify-category-hosting>=0.2,<0.3' 'amplify-not-installed-x==1.0'" in result.stderr


def test_satisfied_pins_let_commands_run(tmp_path, hosting_010, amplify_cli):
    project = make_project(tmp_path, {"amplify-category-hosting": "==0.1.0"})
    result = amplify_cli(["schema"], cwd=project)
    assert result.exit_code == 0, result.output


def test_exempt_help_version_and_plugin_commands(tmp_path, hosting_010, amplify_cli):
    project = make_project(tmp_path, {"amplify-category-hosting": "==0.0.1"})
    for args in (["--help"], ["--version"], ["status", "--help"], ["plugin", "list", "--json"]):
        result = amplify_cli(args, cwd=project)
        assert result.exit_code == 0, (args, result.output)


def test_ignore_variable_runs_once_regardless(tmp_path, hosting_010, amplify_cli):
    project = make_project(tmp_path, {"amplify-category-hosting": "==0.0.1"})
    result = amplify_cli(["schema"], cwd=project, env={pins.IGNORE_ENV: "1"})
    assert result.exit_code == 0, result.output


def test_no_check_outside_a_project_or_without_pins(tmp_path, amplify_cli):
    assert amplify_cli(["schema"], cwd=tmp_path).exit_code == 0
    assert amplify_cli(["schema"], cwd=make_project(tmp_path / "p")).exit_code == 0


def test_bad_pins_are_bad_input(tmp_path, amplify_cli):
    project = make_project(tmp_path / "a", {"amplify-category-hosting": "0.1"})
    result = amplify_cli(["schema"], cwd=project)
    assert result.exit_code == 2
    assert "pinned '0.1': not a valid version specifier" in result.stderr
    project = make_project(tmp_path / "b", plugins=["amplify-category-hosting"])
    result = amplify_cli(["schema"], cwd=project)
    assert result.exit_code == 2
    assert '"plugins" must map distribution names to version specifiers' in result.stderr


def test_a_pinned_plugin_that_fails_to_load_is_a_problem(tmp_path, fake_dist, plugin_set):
    from amplify_core.plugins.records import PluginRecord, Status

    fake_dist("amplify-util-broken", "1.0.0")
    plugin_set.add_record(
        PluginRecord(
            name="broken",
            kind="util",
            entry_point="x",
            distribution="amplify-util-broken",
            version="1.0.0",
            status=Status.FAILED,
            reason="ImportError: nope",
        )
    )
    [problem] = pins.find_problems({"amplify-util-broken": "==1.0.0"}, plugin_set)
    assert problem.line() == (
        "amplify-util-broken: pinned '==1.0.0': installed 1.0.0 but it could not be loaded (failed: ImportError: nope)"
    )


def test_pin_writes_the_installed_versions(tmp_path, installed_plugins, amplify_cli):
    project = make_project(tmp_path, javascript={"framework": "none"})
    result = amplify_cli(["plugin", "pin"], cwd=project)
    assert result.exit_code == 0, result.output
    assert "Pinned 2 plugins in amplify/.config/project-config.json" in result.stdout
    config = read_config(project)
    assert config["plugins"] == {"amplify-util-alpha": "==1.0.0", "amplify-util-beta": "==2.1.0"}
    assert config["javascript"] == {"framework": "none"}  # the rest of the file is kept
    assert amplify_cli(["plugin", "pin", "--check"], cwd=project).exit_code == 0
    assert amplify_cli(["schema"], cwd=project).exit_code == 0


def test_pin_leaves_official_plugins_to_the_release_unless_all(
    tmp_path, installed_plugins, hosting_010, register_plugin, amplify_cli
):
    import types

    official = types.ModuleType("fake_official_hosting_plugin")
    official.amplify_post_push = hookimpl(lambda context, command, result: None)
    register_plugin(official, name="hosting", distribution="amplify-category-hosting", version="0.1.0")
    project = make_project(tmp_path)
    assert amplify_cli(["plugin", "pin"], cwd=project).exit_code == 0
    assert read_config(project)["plugins"] == {
        "amplify-util-alpha": "==1.0.0",
        "amplify-util-beta": "==2.1.0",
    }
    result = amplify_cli(["plugin", "pin", "--all"], cwd=project)
    assert result.exit_code == 0, result.output
    assert read_config(project)["plugins"]["amplify-category-hosting"] == "==0.1.0"


def test_pin_one_unpin_one_and_check(tmp_path, installed_plugins, hosting_010, amplify_cli):
    project = make_project(tmp_path, {"amplify-category-hosting": "==0.0.1"})
    result = amplify_cli(["plugin", "pin", "alpha"], cwd=project)  # a plugin name
    assert result.exit_code == 0, result.output
    assert read_config(project)["plugins"] == {
        "amplify-category-hosting": "==0.0.1",
        "amplify-util-alpha": "==1.0.0",
    }
    check = amplify_cli(["plugin", "pin", "--check"], cwd=project)
    assert check.exit_code == 2 and "pinned ==0.0.1, installed 0.1.0" in check.stderr
    assert (
        amplify_cli(["plugin", "pin", "amplify-category-hosting"], cwd=project).exit_code == 0
    )  # a distribution
    assert read_config(project)["plugins"]["amplify-category-hosting"] == "==0.1.0"
    assert (
        amplify_cli(["plugin", "pin", "--remove", "alpha", "amplify-category-hosting"], cwd=project).exit_code
        == 0
    )
    assert "plugins" not in read_config(project)
    missing = amplify_cli(["plugin", "pin", "no-such-thing"], cwd=project)
    assert (
        missing.exit_code == 2
        and "neither an installed plugin nor an installed distribution" in missing.stderr
    )


def test_pin_outside_a_project(tmp_path, amplify_cli):
    result = amplify_cli(["plugin", "pin"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "No Amplify project found" in result.stderr


def test_plugin_list_json_shape_is_stable(installed_plugins, amplify_cli):
    data = json.loads(amplify_cli(["plugin", "list", "--json"]).stdout)
    assert set(data) == {"core", "plugins"}
    assert set(data["core"]) == {"distribution", "version", "apiVersion"}
    assert data["plugins"][0] == {
        "name": "alpha",
        "kind": "util",
        "distribution": "amplify-util-alpha",
        "version": "1.0.0",
        "status": "active",
        "reason": None,
        "entryPoint": "amplify_util_alpha.plugin",
    }


def test_applies_to():
    assert not pins.applies_to([])
    assert not pins.applies_to(["--version"]) and not pins.applies_to(["-v"])
    assert not pins.applies_to(["push", "-h"]) and not pins.applies_to(["plugin", "pin"])
    assert pins.applies_to(["status", "-v"])  # -v after a command is that command's option


def test_real_amplify_status_in_a_pinned_project(tmp_path):
    """The issue's acceptance, through the installed ``amplify`` command."""
    installed = pins.installed_version("amplify-category-hosting")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMPLIFY_")}
    if installed is None:
        site = tmp_path / "site"
        info = site / "amplify_category_hosting-0.1.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: amplify-category-hosting\nVersion: 0.1.0\n"
        )
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
        installed = "0.1.0"
    project = make_project(tmp_path / "app", {"amplify-category-hosting": "==0.0.1"})
    done = run_amplify("status", cwd=project, env=env, timeout=60)
    assert done.code == 2, done.out + done.err
    assert f"amplify-category-hosting: pinned ==0.0.1, installed {installed}" in done.err
    assert "pip install 'amplify-category-hosting==0.0.1'" in done.err
