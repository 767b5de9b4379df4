"""Plugin discovery: every kind of broken plugin is skipped, reported once, and listed."""

from __future__ import annotations

import json

GOOD_FRONTEND = """
from amplify_core import hookimpl
from amplify_core.descriptors import FrontendInfo

@hookimpl
def amplify_frontends():
    return [FrontendInfo(name="fakefront", summary="A fake frontend", factory="fake_front_impl:Front")]
"""


def plugin_rows(result):
    return {p["name"]: p for p in json.loads(result.out)["plugins"]}


def test_broken_import_is_reported_once_and_help_still_works(fake_site, run_amplify):
    fake_site.add(
        "amplify-frontend-broken",
        "0.3.1",
        group="amplify.frontends",
        name="broken",
        module="broken_plugin",
        source="raise RuntimeError('boom at import')\n",
    )
    result = run_amplify("--help")
    assert result.code == 0
    assert "init" in result.out and "push" in result.out
    lines = [line for line in result.err.splitlines() if "broken" in line]
    assert len(lines) == 1
    assert "amplify-frontend-broken 0.3.1" in lines[0] and "boom at import" in lines[0]

    listed = run_amplify("plugin", "list", "--json")
    assert listed.code == 0
    row = plugin_rows(listed)["broken"]
    assert row["status"] == "failed"
    assert row["distribution"] == "amplify-frontend-broken" and row["version"] == "0.3.1"


def test_good_plugin_is_active(fake_site, run_amplify):
    fake_site.add(
        "amplify-frontend-fake",
        "1.2.0",
        group="amplify.frontends",
        name="fakefront",
        module="fake_front_plugin",
        source=GOOD_FRONTEND,
    )
    result = run_amplify("plugin", "list", "--json")
    row = plugin_rows(result)["fakefront"]
    assert (row["status"], row["kind"], row["version"]) == ("active", "frontend", "1.2.0")
    assert "fakefront" not in result.err
    versions = run_amplify("--version")
    assert "amplify-frontend-fake 1.2.0" in versions.out


def test_incompatible_core_requirement_is_not_imported(fake_site, run_amplify, tmp_path):
    marker = tmp_path / "imported"
    fake_site.add(
        "amplify-frontend-future",
        "2.0.0",
        group="amplify.frontends",
        name="future",
        module="future_plugin",
        requires=["amplify-cli-core>=9"],
        source=f"open({str(marker)!r}, 'w').write('x')\n",
    )
    result = run_amplify("plugin", "list", "--json")
    row = plugin_rows(result)["future"]
    assert row["status"] == "incompatible"
    assert "amplify-cli-core>=9" in row["reason"]
    assert not marker.exists()


def test_bad_hook_signature_unknown_hook_and_api_version(fake_site, run_amplify):
    fake_site.add(
        "amplify-util-badsig",
        "0.1.0",
        group="amplify.plugins",
        name="badsig",
        module="badsig_plugin",
        source="""
from amplify_core import hookimpl
@hookimpl
def amplify_post_push(context, command, result, surprise):
    pass
""",
    )
    fake_site.add(
        "amplify-util-typo",
        "0.1.0",
        group="amplify.plugins",
        name="typo",
        module="typo_plugin",
        source="""
from amplify_core import hookimpl
@hookimpl
def amplify_post_pusj(context):
    pass
""",
    )
    fake_site.add(
        "amplify-frontend-oldapi",
        "0.1.0",
        group="amplify.frontends",
        name="oldapi",
        module="oldapi_plugin",
        source="""
from amplify_core import hookimpl
from amplify_core.descriptors import FrontendInfo
@hookimpl
def amplify_frontends():
    return [FrontendInfo(name="oldapi", summary="old", factory="x:Y", api_version=99)]
""",
    )
    result = run_amplify("plugin", "list", "--json")
    rows = plugin_rows(result)
    assert rows["badsig"]["status"] == "incompatible" and "surprise" in rows["badsig"]["reason"]
    assert rows["typo"]["status"] == "incompatible" and "amplify_post_pusj" in rows["typo"]["reason"]
    assert rows["oldapi"]["status"] == "incompatible" and "API 99" in rows["oldapi"]["reason"]
    ours = ("amplify-util-badsig", "amplify-util-typo", "amplify-frontend-oldapi")
    reported = [line for line in result.err.splitlines() if any(d in line for d in ours)]
    assert len(reported) == 3


def test_invalid_descriptor_and_name_conflict(fake_site, run_amplify):
    fake_site.add(
        "amplify-frontend-fake",
        "1.0.0",
        group="amplify.frontends",
        name="fakefront",
        module="fake_front_plugin",
        source=GOOD_FRONTEND,
    )
    fake_site.add(
        "amplify-frontend-copycat",
        "0.5.0",
        group="amplify.frontends",
        name="zcopycat",
        module="copycat_plugin",
        source=GOOD_FRONTEND,
    )
    fake_site.add(
        "amplify-frontend-shouty",
        "0.1.0",
        group="amplify.frontends",
        name="shouty",
        module="shouty_plugin",
        source="""
from amplify_core import hookimpl
from amplify_core.descriptors import FrontendInfo
@hookimpl
def amplify_frontends():
    return [FrontendInfo(name="SHOUTY", summary="bad name", factory="x:Y")]
""",
    )
    rows = plugin_rows(run_amplify("plugin", "list", "--json"))
    assert rows["fakefront"]["status"] == "active"
    assert rows["zcopycat"]["status"] == "conflict"
    assert "amplify-frontend-fake 1.0.0" in rows["zcopycat"]["reason"]
    assert rows["shouty"]["status"] == "invalid"


def test_disabled_plugins_are_never_imported(fake_site, run_amplify, tmp_path):
    marker = tmp_path / "imported"
    fake_site.add(
        "amplify-util-noisy",
        "0.1.0",
        group="amplify.plugins",
        name="noisy",
        module="noisy_plugin",
        source=f"open({str(marker)!r}, 'w').write('x')\n",
    )
    result = run_amplify("plugin", "list", "--json", env={"AMPLIFY_DISABLE_PLUGINS": "other, noisy"})
    assert plugin_rows(result)["noisy"]["status"] == "disabled"
    assert not marker.exists()
    assert "noisy" not in result.err


def test_plugin_command_runs_by_name_alias_and_both_word_orders(fake_site, run_amplify):
    (fake_site.root / "widget_commands.py").write_text("""
import typer
app = typer.Typer(help="Widgets.")
@app.command()
def add(name: str = typer.Option("w1", "--name")):
    typer.echo(f"added widget {name}")
@app.command()
def remove():
    typer.echo("removed widget")
""")
    fake_site.add(
        "amplify-util-widget",
        "0.1.0",
        group="amplify.plugins",
        name="widget",
        module="widget_plugin",
        source="""
from amplify_core import hookimpl
from amplify_core.descriptors import CommandInfo
@hookimpl
def amplify_commands():
    return [CommandInfo(name="widget", summary="Manage widgets.", app="widget_commands:app", aliases=("wd",))]
""",
    )
    help_text = run_amplify("--help").out
    assert "widget (wd)" in help_text and "Manage widgets." in help_text
    assert run_amplify("widget", "add", "--name", "a").out.strip() == "added widget a"
    assert run_amplify("add", "widget", "--name", "b").out.strip() == "added widget b"
    assert run_amplify("wd", "remove").out.strip() == "removed widget"
    assert run_amplify("remove", "wd").out.strip() == "removed widget"


def test_plugin_may_not_take_a_core_command(fake_site, run_amplify):
    fake_site.add(
        "amplify-util-hijack",
        "0.1.0",
        group="amplify.plugins",
        name="hijack",
        module="hijack_plugin",
        source="""
from amplify_core import hookimpl
from amplify_core.descriptors import CommandInfo
@hookimpl
def amplify_commands():
    return [CommandInfo(name="push", summary="Not the real push.", app="x:app")]
""",
    )
    rows = plugin_rows(run_amplify("plugin", "list", "--json"))
    assert rows["hijack"]["status"] == "conflict"
    assert "core command" in rows["hijack"]["reason"]


def test_missing_official_plugin_names_its_package(run_amplify):
    result = run_amplify("hosting", "add", env={"AMPLIFY_DISABLE_PLUGINS": "hosting"})
    assert result.code == 2
    assert "amplify-category-hosting" in result.err
    assert run_amplify("add", "hosting", env={"AMPLIFY_DISABLE_PLUGINS": "hosting"}).code == 2


def test_unknown_command_is_usage_error(run_amplify):
    result = run_amplify("frobnicate")
    assert result.code == 2
    assert "No such command" in result.err


def test_core_requirement_forms():
    from amplify_core.plugins.loader import core_requirement_problem

    assert core_requirement_problem(["amplify-cli-core>=0.1,<0.2"]) is None
    assert core_requirement_problem(["amplify_cli_core (>=0.1)"]) is None
    assert "requires amplify-cli-core" in core_requirement_problem(["amplify-cli-core[testing]>=5"])
    assert core_requirement_problem(["amplify-cli-core>=5; extra == 'x'"]) is None
    assert core_requirement_problem(["boto3>=99"]) is None


def test_one_name_rule_for_descriptors_entry_points_and_the_scaffold(fake_site, run_amplify, tmp_path):
    """'my--tool' (a doubled '-') is refused everywhere, in the same words."""
    fake_site.add(
        "amplify-util-dashes",
        "0.1.0",
        group="amplify.plugins",
        name="dashes",
        module="dashes_plugin",
        source="""
from amplify_core import hookimpl
from amplify_core.descriptors import CommandInfo
@hookimpl
def amplify_commands():
    return [CommandInfo(name="my--tool", summary="bad name", app="x:app")]
""",
    )
    rule = "must be lowercase letters and digits, words joined by single '-'"
    row = plugin_rows(run_amplify("plugin", "list", "--json"))["dashes"]
    assert row["status"] == "invalid" and rule in row["reason"]

    scaffold = run_amplify("plugin", "new", "--kind", "util", "--name", "my--tool", "--events", "none")
    assert scaffold.code == 2 and "words joined by single '-'" in scaffold.err

    package = tmp_path / "pkg"
    package.mkdir()
    (package / "pyproject.toml").write_text(
        '[project]\nname = "amplify-util-x"\nversion = "0.1.0"\ndependencies = ["amplify-cli-core"]\n'
        '[project.entry-points."amplify.plugins"]\n"my--tool" = "x_plugin"\n'
    )
    verified = run_amplify("plugin", "verify", str(package))
    assert (
        verified.code != 0
        and "amplify.plugins:my--tool: the name 'my--tool' " + rule in verified.out + verified.err
    )


def _age(root, seconds=3600):
    """Date ``root`` and everything in it back, as files installed a while ago are (the
    discovery cache trusts no time from the last seconds)."""
    import os
    import time

    past = time.time() - seconds
    for path in [root, *root.rglob("*")]:
        os.utime(path, (past, past))


def test_remembered_discovery_sees_installs_removals_and_edits(fake_site, run_amplify, tmp_path):
    import shutil

    source = GOOD_FRONTEND
    fake_site.add(
        "amplify-frontend-fake",
        "1.2.0",
        group="amplify.frontends",
        name="fakefront",
        module="fake_front_plugin",
        source=source,
    )
    _age(fake_site.root)
    assert "amplify-frontend-fake 1.2.0 (fakefront)" in run_amplify("--version").out
    assert list((tmp_path / "home" / ".cache" / "amplify").glob("entry-points-*"))  # remembered
    assert "amplify-frontend-fake 1.2.0 (fakefront)" in run_amplify("--version").out  # from memory

    # installed since: a new distribution folder
    fake_site.add(
        "amplify-frontend-other",
        "0.4.0",
        group="amplify.frontends",
        name="otherfront",
        module="other_front_plugin",
        source=source.replace("fakefront", "otherfront"),
    )
    assert "amplify-frontend-other 0.4.0 (otherfront)" in run_amplify("--version").out
    _age(fake_site.root)
    run_amplify("--version")

    # edited in place: the version in METADATA (the folders' times do not change)
    (info,) = fake_site.root.glob("amplify_frontend_fake-*.dist-info")
    metadata = info / "METADATA"
    metadata.write_text(metadata.read_text().replace("Version: 1.2.0", "Version: 1.3.0"))
    assert "amplify-frontend-fake 1.3.0 (fakefront)" in run_amplify("--version").out
    _age(fake_site.root)
    run_amplify("--version")

    # removed
    shutil.rmtree(info)
    versions = run_amplify("--version").out
    assert "amplify-frontend-fake" not in versions and "amplify-frontend-other 0.4.0" in versions


def test_unreadable_discovery_memory_is_rescanned(fake_site, run_amplify, tmp_path):
    fake_site.add(
        "amplify-frontend-fake",
        "1.2.0",
        group="amplify.frontends",
        name="fakefront",
        module="fake_front_plugin",
        source=GOOD_FRONTEND,
    )
    _age(fake_site.root)
    run_amplify("--version")
    (cache,) = (tmp_path / "home" / ".cache" / "amplify").glob("entry-points-*")
    cache.write_bytes(b"\x00garbage")
    result = run_amplify("--version")
    assert result.code == 0 and result.err == ""
    assert "amplify-frontend-fake 1.2.0 (fakefront)" in result.out
