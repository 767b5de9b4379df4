"""An answer that is not AWS speaking (an HTML 500 from a crashed endpoint or a proxy in
between) is one clear line and exit 1 — never a botocore traceback (issue 13, item 5)."""

from __future__ import annotations

import json
import subprocess

from amplify_core.testing import AMPLIFY
from amplify_sandbox.faults import Fault


def test_html_error_pages_during_push_and_pull_are_one_line(project, proxy, tmp_path):
    assert project.amplify("testkit", "add", "one").code == 0
    before = project.snapshot()
    proxy.inject(Fault("server_error", match=lambda seen: seen.action == "DescribeStacks"))

    failed = project.amplify("push", "--yes")
    assert failed.code == 1, failed.text
    assert "Traceback" not in failed.err and "was not an AWS response" in failed.err
    assert project.snapshot() == before

    new = tmp_path / "attach"
    new.mkdir()
    pulled = subprocess.run(
        [AMPLIFY, "pull", "--yes", "--amplify", json.dumps({"projectName": project.name, "envName": "dev"})],
        cwd=new,
        env=project.env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert pulled.returncode == 1, pulled.stdout + pulled.stderr
    assert "Traceback" not in pulled.stderr and "was not an AWS response" in pulled.stderr
    assert list(new.iterdir()) == []

    proxy.clear()
    assert project.amplify("push", "--yes").code == 0
