"""``amplify plugin verify``: every problem discovery would hit, named before users hit it."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from amplify_core.plugins.verify import suggested_core_requirement, verify_distribution, verify_folder

pytest_plugins = ["amplify_core.testing"]

GOOD_PLUGIN = """
from amplify_core import hookimpl
from amplify_core.descriptors import CommandInfo


@hookimpl
def amplify_commands():
    return [CommandInfo(name="{name}", summary="demo", app="{package}.commands:app")]


@hookimpl
def amplify_post_push(context, command, result):
    context.console.info("pushed")
"""

COMMANDS = '''
import typer

app = typer.Typer(name="{name}")


@app.command()
def hello():
    """Say hello."""
'''


def make_package(
    root: Path,
    *,
    name: str = "demo",
    plugin: str = GOOD_PLUGIN,
    group: str = "amplify.plugins",
    dependencies: str | None = None,
    extra_files: dict[str, str] | None = None,
) -> Path:
    package = f"amplify_util_{name.replace('-', '_')}"
    folder = root / f"amplify-util-{name}"
    src = folder / "src" / package
    src.mkdir(parents=True)
    deps = dependencies if dependencies is not None else f'["{suggested_core_requirement()}"]'
    (folder / "pyproject.toml").write_text(
        textwrap.dedent(f'''
        [project]
        name = "amplify-util-{name}"
        version = "1.2.3"
        dependencies = {deps}

        [project.entry-points."{group}"]
        {name} = "{package}.plugin"
    ''')
    )
    (src / "__init__.py").write_text("")
    (src / "plugin.py").write_text(plugin.format(name=name, package=package))
    (src / "commands.py").write_text(COMMANDS.format(name=name))
    for relative, text in (extra_files or {}).items():
        (src / relative).write_text(text.format(name=name, package=package))
    return folder


def test_a_good_package_passes_with_one_line(tmp_path, amplify_cli):
    folder = make_package(tmp_path)
    result = amplify_cli(["plugin", "verify", str(folder)])
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    assert line.startswith("✔ amplify-util-demo 1.2.3 (folder ")
    assert "OK — 1 entry point, 2 hooks, 1 descriptor; works with amplify-cli-core" in line
    assert result.stderr == ""


def test_defaults_to_the_current_folder(tmp_path, amplify_cli):
    folder = make_package(tmp_path)
    assert amplify_cli(["plugin", "verify"], cwd=folder).exit_code == 0


def test_misspelt_hook_is_named_with_a_suggestion(tmp_path, amplify_cli):
    folder = make_package(
        tmp_path, plugin=GOOD_PLUGIN.replace("def amplify_post_push", "def amplify_post_psuh")
    )
    result = amplify_cli(["plugin", "verify", str(folder)])
    assert result.exit_code == 1
    assert "1 problem" in result.stdout
    assert "unknown hook amplify_post_psuh (did you mean amplify_post_push?)" in result.stdout


def test_every_problem_is_listed_at_once(tmp_path):
    plugin = (
        GOOD_PLUGIN
        + """

@hookimpl
def amplify_pre_push(context, comand):
    pass


@hookimpl
def amplify_post_init(context, env_name="dev"):
    pass


def amplify_pre_publish(context):
    pass


@hookimpl
def amplify_post_env_add(context, *args):
    pass
"""
    )
    report = verify_folder(make_package(tmp_path, plugin=plugin))
    text = "\n".join(report.problems)
    assert len(report.problems) == 4, text
    assert (
        "amplify_pre_push takes 'comand', which the hook does not have; it is called with (context, command)"
        in text
    )
    assert "amplify_post_init gives argument 'env_name' a default value" in text
    assert "amplify_pre_publish is not decorated with @hookimpl" in text
    assert "amplify_post_env_add takes *args" in text


def test_packaging_problems(tmp_path):
    report = verify_folder(make_package(tmp_path, dependencies='["pydantic"]', group="amplify.plugin"))
    text = "\n".join(report.problems)
    assert "does not depend on amplify-cli-core" in text
    assert "unknown group amplify.plugin (did you mean amplify.plugins?)" in text


def test_core_version_outside_the_range_is_incompatible(tmp_path):
    report = verify_folder(make_package(tmp_path, dependencies='["amplify-cli-core>=9,<10"]'))
    assert report.problems == [
        f"requires amplify-cli-core<10,>=9, but this core is {__import__('amplify_core').__version__} (plugin API 1)"
    ]


def test_uncapped_core_requirement_is_a_warning(tmp_path):
    report = verify_folder(make_package(tmp_path, dependencies='["amplify-cli-core>=0.1"]'))
    assert report.ok
    assert any("has no upper bound" in w for w in report.warnings)


def test_import_error_is_reported(tmp_path):
    report = verify_folder(make_package(tmp_path, plugin="import does_not_exist\n"))
    assert report.problems == [
        "entry point amplify.plugins:demo: cannot import amplify_util_demo.plugin: "
        "ModuleNotFoundError: No module named 'does_not_exist'"
    ]


def test_descriptor_problems(tmp_path):
    plugin = """
from amplify_core import hookimpl
from amplify_core.descriptors import FrontendInfo, ProviderInfo, CategoryInfo


@hookimpl
def amplify_frontends():
    return [FrontendInfo(name="demo", summary="x", factory="{package}.impl:NotAFrontend",
                         params="{package}.impl:NotAModel")]


@hookimpl
def amplify_providers():
    return [ProviderInfo(name="demo", summary="x", factory="{package}.impl:HalfProvider",
                         params="{package}.impl:Open")]
"""
    impl = """
from pydantic import BaseModel
from amplify_core.interfaces import Provider


class NotAFrontend:
    pass


class NotAModel:
    pass


class HalfProvider(Provider):
    def configure(self, params):
        return {{}}


class Open(BaseModel):
    region: str = "x"
"""
    report = verify_folder(
        make_package(tmp_path, plugin=plugin, group="amplify.frontends", extra_files={"impl.py": impl})
    )
    text = "\n".join(report.problems)
    assert "FrontendInfo 'demo': factory NotAFrontend must subclass amplify_core.interfaces.Frontend" in text
    assert "FrontendInfo 'demo' params: must be a pydantic model class" in text
    assert "ProviderInfo 'demo': HalfProvider does not implement delete_env, import_env, init_env" in text
    warnings = "\n".join(report.warnings)
    assert "Open accepts unknown keys" in warnings
    assert "registers ProviderInfo 'demo' but sits in amplify.frontends" in warnings


def test_invalid_descriptor_is_refused_like_discovery_would(tmp_path):
    plugin = GOOD_PLUGIN.replace('name="{name}"', 'name="Bad Name"')
    report = verify_folder(make_package(tmp_path, plugin=plugin))
    assert len(report.problems) == 1
    assert "invalid: amplify_commands: command name 'Bad Name' must be lowercase" in report.problems[0]


def test_command_app_must_be_typer(tmp_path):
    folder = make_package(tmp_path)
    (folder / "src" / "amplify_util_demo" / "commands.py").write_text("app = 42\n")
    report = verify_folder(folder)
    assert report.problems == [
        "CommandInfo 'demo': app 'amplify_util_demo.commands:app' is a int, not a typer.Typer"
    ]


def test_heavy_import_is_a_warning(tmp_path):
    report = verify_folder(make_package(tmp_path, plugin="import boto3\n" + GOOD_PLUGIN))
    assert report.ok
    assert any("also imports boto3, botocore" in w for w in report.warnings)


def test_folder_without_pyproject(tmp_path, amplify_cli):
    result = amplify_cli(["plugin", "verify", str(tmp_path)])
    assert result.exit_code == 1
    assert "no pyproject.toml" in result.stdout


def test_unknown_target_is_bad_usage(amplify_cli, tmp_path):
    result = amplify_cli(["plugin", "verify", "no-such-plugin-anywhere"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "No folder, installed distribution or plugin named 'no-such-plugin-anywhere'" in result.stderr


def test_json_report(tmp_path, amplify_cli):
    folder = make_package(tmp_path, plugin=GOOD_PLUGIN.replace("amplify_post_push", "amplify_post_pus"))
    result = amplify_cli(["plugin", "verify", str(folder), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["distribution"] == "amplify-util-demo"
    assert data["entry_points"] == ["amplify.plugins:demo"]
    assert data["problems"] == [
        "entry point amplify.plugins:demo: unknown hook amplify_post_pus (did you mean amplify_post_push?)"
    ]


def test_installed_distribution_by_distribution_or_plugin_name(fake_dist, amplify_cli, register_plugin):
    fake_dist(
        "amplify-util-fakeaudit",
        "2.0.0",
        entry_points={"amplify.plugins": {"fakeaudit": "amplify_util_fakeaudit.plugin"}},
        requires=[suggested_core_requirement()],
        files={
            "amplify_util_fakeaudit/__init__.py": "",
            "amplify_util_fakeaudit/plugin.py": GOOD_PLUGIN.format(
                name="fakeaudit", package="amplify_util_fakeaudit"
            ),
            "amplify_util_fakeaudit/commands.py": COMMANDS.format(name="fakeaudit"),
        },
    )
    report = verify_distribution("amplify-util-fakeaudit")
    assert report.ok, report.problems
    assert report.where == "installed" and report.version == "2.0.0"
    import amplify_util_fakeaudit.plugin as module

    register_plugin(module)  # name, kind and distribution come from the installed entry point
    result = amplify_cli(["plugin", "verify", "fakeaudit"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("✔ amplify-util-fakeaudit 2.0.0 (installed): OK")


OFFICIAL = sorted(
    {
        *__import__("amplify_core.plugins.registry", fromlist=["x"]).OFFICIAL_PACKAGES.values(),
        "amplify-frontend-flutter",
    }
)


@pytest.mark.parametrize("distribution", OFFICIAL)
def test_the_installed_plugins_of_this_repository_pass(distribution):
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import distribution as find

    try:
        find(distribution)
    except PackageNotFoundError:
        pytest.skip(f"{distribution} is not installed")
    report = verify_distribution(distribution)
    assert report.ok, report.problems
    assert report.warnings == []
