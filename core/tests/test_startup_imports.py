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
            env={**os.environ, "AMPLIFY_HOME": str(home)},
        )
        report = json.loads(proc.stderr.strip().splitlines()[-1])
        assert report["code"] == 0
        return report["heavy"]

    assert imported("--version") == ["importlib.metadata"]  # the first run scans, and remembers
    assert imported("--version") == []
    assert imported("--help") == ["typer"]
