"""``amplify plugin new``: the template renders for every kind and event, and what it writes
installs, passes its own tests offline, is discovered, and handles a real ``amplify push``."""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import pytest
from amplify_core.hookspecs import AmplifySpecs
from amplify_core.scaffold.new import KINDS, PluginSpec, event_names
from amplify_core.scaffold.render import PLACEHOLDER, Selection, TemplateError, render_text
from amplify_core.scaffold.template import template_dir

pytest_plugins = ["amplify_core.testing"]

ROOT = Path(__file__).resolve().parents[2]
DIRECTIVE = re.compile(r"\[\[\s*(if|end)\b")
ALL_EVENTS = tuple(event_names())
KIND_FILES = {
    "frontend": {"frontend.py", "params.py", "test_frontend.py"},
    "provider": {"provider.py", "params.py", "test_provider.py"},
    "category": {"category.py", "params.py", "test_category.py"},
    "util": {"commands.py", "test_commands.py"},
}
COMMON = {
    ".github/workflows/publish.yml",
    ".github/workflows/test.yml",
    ".gitignore",
    "README.md",
    "pyproject.toml",
    "src/{package}/__init__.py",
    "src/{package}/py.typed",
    "src/{package}/plugin.py",
    "tests/conftest.py",
    "tests/test_plugin.py",
}


def spec_args(hook: str) -> list[str]:
    return [p for p in inspect.signature(getattr(AmplifySpecs, hook)).parameters if p != "self"]


# -- the template ------------------------------------------------------------------------


def test_the_template_is_the_examples_folder():
    assert template_dir() == ROOT / "examples" / "plugin-template"


def test_events_are_every_non_registration_hook():
    assert ALL_EVENTS == (
        "pre_init",
        "post_init",
        "pre_push",
        "post_push",
        "pre_publish",
        "post_publish",
        "post_env_add",
        "post_env_remove",
        "codegen",
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("events", [(), ALL_EVENTS], ids=["no-events", "all-events"])
def test_renders_valid_files_for_every_kind(kind, events):
    spec = PluginSpec(name="my-tool", kind=kind, events=events, description='Says "hi" \\ back')
    files = spec.render()
    package = "amplify_" + kind + "_my_tool"
    expected = {f.format(package=package) for f in COMMON}
    expected |= {(f"tests/{f}" if f.startswith("test_") else f"src/{package}/{f}") for f in KIND_FILES[kind]}
    if events:
        expected.add("tests/test_events.py")
    assert set(files) == expected
    for path, text in files.items():
        assert not PLACEHOLDER.search(text) and not DIRECTIVE.search(text), path
        if path.endswith(".py"):
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # an invalid escape sequence is an error here
                compile(text, path, "exec")
    pyproject = tomllib.loads(files["pyproject.toml"])
    assert pyproject["project"]["name"] == f"amplify-{kind}-my-tool"
    assert pyproject["project"]["description"] == 'Says "hi" \\ back'
    assert pyproject["project"]["dependencies"][0] == "amplify-cli-core>=0.1,<0.2"
    group = {
        "frontend": "amplify.frontends",
        "provider": "amplify.providers",
        "category": "amplify.categories",
        "util": "amplify.plugins",
    }[kind]
    assert pyproject["project"]["entry-points"] == {group: {"my-tool": f"{package}.plugin"}}
    plugin = ast.parse(files[f"src/{package}/plugin.py"])
    hooks = {
        node.name: [a.arg for a in node.args.args]
        for node in plugin.body
        if isinstance(node, ast.FunctionDef)
    }
    registration = {
        "frontend": "amplify_frontends",
        "provider": "amplify_providers",
        "category": "amplify_categories",
        "util": "amplify_commands",
    }[kind]
    assert set(hooks) == {registration, *(f"amplify_{e}" for e in events)}
    for hook, args in hooks.items():
        assert args == spec_args(hook), f"{hook}: the template's arguments differ from the hookspec"


def test_one_event_only():
    files = PluginSpec(name="audit", kind="util", events=("post_push",)).render()
    tests = files["tests/test_events.py"]
    assert "def test_post_push(" in tests and "def test_pre_push(" not in tests
    assert (
        "The plugin handles these events (see `src/amplify_util_audit/plugin.py`): post_push."
        in files["README.md"]
    )


def test_renderer_rejects_template_mistakes():
    selection = Selection("util", ())
    with pytest.raises(TemplateError, match="unknown placeholder"):
        render_text("{{ nope }}", {}, selection, "x")
    with pytest.raises(TemplateError, match="never closed"):
        render_text("# [[if kind=util]]\nx\n", {}, selection, "x")
    with pytest.raises(TemplateError, match="without"):
        render_text("# [[end]]\n", {}, selection, "x")
    with pytest.raises(TemplateError, match="unknown directive key"):
        render_text("# [[if colour=red]]\n# [[end]]\n", {}, selection, "x")


def test_renderer_blocks_nest_and_negate():
    text = "a\n# [[if kind!=util]]\nb\n# [[end]]\n<!-- [[if kind=util]] -->\nc\n# [[if event=post_push]]\nd\n# [[end]]\n<!-- [[end]] -->\n"
    assert render_text(text, {}, Selection("util", ("post_push",)), "x") == "a\nc\nd\n"
    assert render_text(text, {}, Selection("util", ()), "x") == "a\nc\n"
    assert render_text(text, {}, Selection("frontend", ()), "x") == "a\nb\n"


def test_another_template_can_be_chosen(tmp_path, amplify_cli, monkeypatch):
    copy = tmp_path / "tpl"
    shutil.copytree(template_dir(), copy)
    (copy / "{{ distribution }}" / "EXTRA.md").write_text("{{ name }} extra\n")
    monkeypatch.setenv("AMPLIFY_PLUGIN_TEMPLATE", str(copy))
    result = amplify_cli(["plugin", "new", "--name", "x", "--kind", "util", "--events", "none"], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "amplify-util-x" / "EXTRA.md").read_text() == "x extra\n"


# -- the command -------------------------------------------------------------------------


def test_headless(tmp_path, amplify_cli):
    result = amplify_cli(
        ["plugin", "new", "--kind", "util", "--name", "audit", "--events", "post_push", "--yes"], cwd=tmp_path
    )
    assert result.exit_code == 0, result.output
    assert "Created amplify-util-audit (amplify.plugins: audit; amplify_post_push; 13 files)" in result.stdout
    assert "pip install -e '.[test]'" in result.stdout
    assert (tmp_path / "amplify-util-audit" / "src" / "amplify_util_audit" / "plugin.py").is_file()


def test_missing_values_without_a_terminal_are_listed(tmp_path, amplify_cli):
    result = amplify_cli(["plugin", "new"], cwd=tmp_path)
    assert result.exit_code == 2
    for flag in ("name: ", "(--name)", "kind: ", "(--kind)", "events: ", "(--events"):
        assert flag in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_yes_takes_defaults_but_a_name_is_required(tmp_path, amplify_cli):
    result = amplify_cli(["plugin", "new", "--yes"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "name: What should be the name of the plugin: (--name)" in result.stderr
    assert "kind:" not in result.stderr
    result = amplify_cli(["plugin", "new", "tool", "--yes"], cwd=tmp_path)  # the name as an argument
    assert result.exit_code == 0, result.output
    assert "amplify-util-tool (amplify.plugins: tool; no events" in result.stdout


def test_interactive_answers_by_question_id(tmp_path, amplify_cli):
    answers = {"name": "Notify-Slack", "kind": "category", "events": ["post_publish", "pre_init"]}
    result = amplify_cli(["plugin", "new", "--dir", "plugins"], answers=answers, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.asked == ["name", "kind", "events"]
    folder = tmp_path / "plugins" / "amplify-category-notify-slack"
    plugin = (folder / "src" / "amplify_category_notify_slack" / "plugin.py").read_text()
    assert plugin.index("def amplify_pre_init") < plugin.index("def amplify_post_publish")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "widget"], "--kind: 'widget' is not one of frontend, provider, category, util"),
        (["--events", "post_psuh"], "--events: unknown event 'post_psuh'"),
        (["--name", "init"], "'init' is an amplify core command"),
        (["--name", "Bad_Name"], "Use lowercase letters and digits"),
    ],
)
def test_bad_values_are_refused(tmp_path, amplify_cli, args, message):
    base = {"--kind": "util", "--name": "ok", "--events": "none"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    result = amplify_cli(["plugin", "new", *[x for pair in base.items() for x in pair]], cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr


def test_full_distribution_name_and_event_spellings_are_accepted(tmp_path, amplify_cli):
    result = amplify_cli(
        [
            "plugin",
            "new",
            "--name",
            "amplify-util-audit",
            "--kind",
            "util",
            "--events",
            "amplify_post_push, pre-push",
        ],
        cwd=tmp_path,
    )
    assert result.exit_code == 0, result.output
    assert "amplify-util-audit (amplify.plugins: audit; amplify_pre_push, amplify_post_push;" in result.stdout


def test_existing_folder_needs_force(tmp_path, amplify_cli):
    args = ["plugin", "new", "--name", "audit", "--kind", "util", "--events", "none"]
    (tmp_path / "amplify-util-audit").mkdir()
    (tmp_path / "amplify-util-audit" / "keep.txt").write_text("mine")
    result = amplify_cli(args, cwd=tmp_path)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (tmp_path / "amplify-util-audit" / "keep.txt").exists()
    assert amplify_cli([*args, "--force"], cwd=tmp_path).exit_code == 0
    assert not (tmp_path / "amplify-util-audit" / "keep.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["amplify-util-audit"]  # no staging folder left


# -- the acceptance, end to end ----------------------------------------------------------

BOOT = "import site, sys; site.addsitedir(sys.argv.pop(1)); from amplify_core.cli.app import main; main()"
BOOT_PYTEST = (
    "import site, sys; site.addsitedir(sys.argv.pop(1)); import pytest; sys.exit(pytest.main(sys.argv[1:]))"
)


def seed_project(root: Path) -> Path:
    """An initialised project as ``amplify init`` leaves it, without any cloud."""
    from amplify_core.state.models import LocalEnvInfo, ProjectConfig
    from amplify_core.state.project import Project

    info = {"StackName": "amplify-app-dev-00000", "Region": "us-east-1", "DeploymentBucketName": "b"}
    state = Project(root)
    state.save_project_config(ProjectConfig(projectName="app", frontend="javascript"))
    state.save_local_env_info(LocalEnvInfo(projectPath=str(root), envName="dev"))
    state.save_local_aws_info({"dev": {"configLevel": "general"}})
    state.save_team_provider_info({"dev": {"awscloudformation": info}})
    state.save_backend_config({})
    state.save_amplify_meta({"providers": {"awscloudformation": info}})
    state.save_amplify_meta({"providers": {"awscloudformation": info}}, current=True)
    (root / "amplify" / "#current-cloud-backend" / "backend-config.json").write_text("{}\n")
    return root


@pytest.mark.slow
def test_generated_util_plugin_installs_tests_is_discovered_and_handles_push(tmp_path, amplify_cli):
    result = amplify_cli(
        ["plugin", "new", "--kind", "util", "--name", "audit", "--events", "post_push", "--yes"], cwd=tmp_path
    )
    assert result.exit_code == 0, result.output
    package = tmp_path / "amplify-util-audit"
    site = tmp_path / "site"
    # No way to any real AWS account: no AWS_* variables, no profile files, no instance metadata.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AMPLIFY_", "AWS_"))}
    env.update(
        {
            "PYTHONDONTWRITEBYTECODE": "1",
            "HOME": str(tmp_path / "home"),
            "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
        }
    )

    def run(*args: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=180,
        )

    # pip install -e, offline, into a throwaway site folder
    installed = run(
        "-m",
        "pip",
        "install",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-e",
        str(package),
        "--target",
        str(site),
    )
    assert installed.returncode == 0, installed.stderr
    # its own tests pass as generated
    tests = run(
        "-c",
        BOOT_PYTEST,
        str(site),
        "-q",
        "-p",
        "no:cacheprovider",
        "-W",
        "ignore::DeprecationWarning",
        cwd=package,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "7 passed" in tests.stdout
    # discovered and active
    listed = run("-c", BOOT, str(site), "plugin", "list", "--json")
    record = next(p for p in json.loads(listed.stdout)["plugins"] if p["name"] == "audit")
    assert (record["status"], record["distribution"], record["kind"]) == (
        "active",
        "amplify-util-audit",
        "util",
    )
    # a push fires its handler, also when the push fails: this project has no cloud and no
    # credentials, so the push's check of the root stack is refused (exit 2: no credentials
    # is the user's setup to fix) and the handler says so
    project = seed_project(tmp_path / "app")
    pushed = run("-c", BOOT, str(site), "push", "--yes", cwd=project)
    assert pushed.returncode == 2, pushed.stdout + pushed.stderr
    assert "audit: push failed" in pushed.stdout + pushed.stderr
    # a copy with a misspelt hook fails verification, naming it
    broken = tmp_path / "broken" / "amplify-util-audit"
    shutil.copytree(package, broken, ignore=shutil.ignore_patterns("__pycache__"))
    plugin_py = broken / "src" / "amplify_util_audit" / "plugin.py"
    plugin_py.write_text(plugin_py.read_text().replace("def amplify_post_push(", "def amplify_post_psuh("))
    verified = amplify_cli(["plugin", "verify", str(broken)])
    assert verified.exit_code == 1
    assert "unknown hook amplify_post_psuh (did you mean amplify_post_push?)" in verified.stdout
    assert amplify_cli(["plugin", "verify", str(package)]).exit_code == 0


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["frontend", "provider", "category"])
def test_generated_plugins_of_other_kinds_pass_their_tests(tmp_path, amplify_cli, kind):
    assert (
        amplify_cli(
            ["plugin", "new", "--kind", kind, "--name", "demo", "--events", "all"], cwd=tmp_path
        ).exit_code
        == 0
    )
    package = tmp_path / f"amplify-{kind}-demo"
    site = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMPLIFY_")}
    pip = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-e",
            str(package),
            "--target",
            str(site),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    assert pip.returncode == 0, pip.stderr
    tests = subprocess.run(
        [
            sys.executable,
            "-c",
            BOOT_PYTEST,
            str(site),
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "ignore::DeprecationWarning",
        ],
        cwd=package,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr


@pytest.mark.slow
def test_the_core_wheel_ships_the_template(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(tmp_path),
            str(ROOT / "core"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    import zipfile

    [wheel] = tmp_path.glob("amplify_cli_core-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "amplify_core/scaffold/template/template.toml" in names
    assert "amplify_core/scaffold/template/{{ distribution }}/src/{{ package }}/plugin.py" in names
