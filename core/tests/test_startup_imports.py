"""``--help``, ``--version`` and ``plugin list`` stay light: no AWS SDK, no InquirerPy, no
plugin implementation modules, whichever plugins are installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

PROBE = """
import json, sys
from amplify_core.cli.app import run
code = run(sys.argv[1:])
heavy = sorted({m.split('.')[0] for m in sys.modules
                if m.split('.')[0] in ('boto3', 'botocore', 'moto', 'InquirerPy', 'pydantic')})
plugin_modules = sorted(m for m in sys.modules
                        if m.startswith('amplify_') and not m.startswith('amplify_core')
                        and '.' in m and not m.endswith('.plugin'))
print(json.dumps({'code': code, 'heavy': heavy, 'plugin_modules': plugin_modules}), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["--help"], []),
        (["--version"], []),
        # typer (>= 0.28) coerces every command's options with pydantic, so running any
        # command with options imports it; the root's --help and --version never do.
        (["plugin", "list"], ["pydantic"]),
        (["plugin", "list", "--json"], ["pydantic"]),
    ],
)
def test_light_commands_import_nothing_heavy(args, allowed):
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60)
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["code"] == 0
    assert [m for m in report["heavy"] if m not in allowed] == []
    assert report["plugin_modules"] == []


#: Also names typer and importlib.metadata when imported.
PROBE_WIDE = PROBE.replace(
    "heavy = sorted({m.split('.')[0] for m in sys.modules\n"
    "                if m.split('.')[0] in ('boto3', 'botocore', 'moto', 'InquirerPy', 'pydantic')})",
    "heavy = sorted({m if m == 'importlib.metadata' else m.split('.')[0] for m in sys.modules\n"
    "                if m == 'importlib.metadata' or m.split('.')[0] in\n"
    "                ('boto3', 'botocore', 'moto', 'InquirerPy', 'pydantic', 'typer')})",
)


def test_version_skips_typer_and_remembered_discovery_skips_importlib_metadata(tmp_path):
    """``--version`` answers before typer is imported; once discovery is remembered
    (:mod:`amplify_core.plugins.discovery`), neither it nor ``--help`` imports importlib.metadata."""
    assert PROBE_WIDE != PROBE
    cwd, home = tmp_path / "cwd", tmp_path / "home"  # ``python -c`` puts the cwd on sys.path
    cwd.mkdir()
    past = time.time() - 3600
    os.utime(cwd, (past, past))

    def imported(*args):
        proc = subprocess.run(
            [sys.executable, "-c", PROBE_WIDE, *args],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=cwd,
            env={**os.environ, "AMPLIFY_HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")},
        )
        report = json.loads(proc.stderr.strip().splitlines()[-1])
        assert report["code"] == 0
        return report["heavy"]

    assert imported("--version") == ["importlib.metadata"]  # the first run scans, and remembers
    assert imported("--version") == []
    assert imported("--help") == ["typer"]


def test_push_with_nothing_to_deploy_and_no_aws_access_imports_no_aws_sdk(tmp_path):
    """Nothing to deploy and no ``local-aws-info.json`` entry: no AWS call, so no botocore."""
    from amplify_core.state.models import LocalEnvInfo, ProjectConfig
    from amplify_core.state.project import Project

    project = Project(tmp_path)
    project.save_project_config(ProjectConfig(projectName="light", frontend="javascript"))
    project.save_local_env_info(LocalEnvInfo(projectPath=str(tmp_path), envName="dev"))
    stack = {
        "StackName": "amplify-light-dev-00000",
        "DeploymentBucketName": "amplify-light-dev-00000-deployment",
    }
    project.save_team_provider_info({"dev": {"awscloudformation": {**stack, "Region": "us-east-1"}}})
    project.save_backend_config({})
    meta = {"providers": {"awscloudformation": stack}}
    project.save_amplify_meta(meta)
    project.save_amplify_meta(meta, current=True)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE_WIDE, "push", "--yes"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "AMPLIFY_HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, proc.stderr
    assert "No changes detected" in proc.stdout
    assert "botocore" not in report["heavy"] and "boto3" not in report["heavy"]
