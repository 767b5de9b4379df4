"""A hosted site's own loopback port: ``http://127.0.0.1:<port>/`` as publish prints it, read
by a plain client (urllib, which cannot resolve ``*.localhost``), kept across a restart.

The real ``amplify`` against its own sandbox process (it is stopped and started again).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import socket
import urllib.request
import uuid
from pathlib import Path

import pytest
from amplify_core.testing import run_amplify
from amplify_sandbox.testing import start_sandbox_process

WEB_APP = Path(__file__).resolve().parents[1] / "examples" / "web-app"
SITE = {
    "index.html": '<html><head><link rel="stylesheet" href="/assets/site.css"></head>'
    '<script src="/assets/app.js"></script>home</html>',
    "assets/app.js": "console.log('app')",
    "assets/site.css": "body{color:red}",
}
LOCAL_URL = re.compile(r"^http://127\.0\.0\.1:(\d+)/$", re.M)


def quiet_port(avoid: int = 0) -> int:
    """A free port below the system's ephemeral range, where users' sandboxes live (4577 by
    default): site ports count up from the sandbox's, and in the ephemeral range another test's
    connection could take a stopped site's port (the site would then move, and say so)."""
    rng = random.Random()
    while True:
        port = rng.randrange(20000, 30000, 100)
        if abs(port - avoid) < 200:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port


def fetch(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, answer.headers.get("Content-Type", ""), answer.read().decode()


def amplify(root: Path, env: dict[str, str], *args: str) -> str:
    proc = run_amplify(*args, cwd=root, env=env, timeout=180)
    assert proc.code == 0, (
        f"amplify {' '.join(args)} exited {proc.code}:\n{proc.out}{proc.err}{_hang_log(proc.err)}"
    )
    return proc.out


def _hang_log(stderr: str) -> str:
    """A stop that hung names the server log holding every thread's stack: show its end."""
    marker = "Where it hung is in its log: "
    if marker not in stderr:
        return ""
    log = Path(stderr.split(marker, 1)[1].split()[0])
    try:
        return "\n--- server log ---\n" + "\n".join(log.read_text(errors="replace").splitlines()[-150:])
    except OSError as exc:
        return f"\n(server log unreadable: {exc})"


@pytest.mark.slow
def test_the_site_port_serves_assets_and_deep_links_and_survives_a_restart(tmp_path: Path):
    home = tmp_path / "home"
    amplify_home = home / ".amplify"
    amplify_home.mkdir(parents=True)
    sandbox = start_sandbox_process(amplify_home, port=quiet_port())
    try:
        root = tmp_path / "web-app"
        shutil.copytree(WEB_APP, root, ignore=shutil.ignore_patterns("node_modules", "build", "amplify"))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
        env.update(
            {
                "HOME": str(home),
                "AMPLIFY_HOME": str(amplify_home),
                "CI": "true",
                "AWS_CONFIG_FILE": str(home / "no-config"),
                "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-creds"),
            }
        )
        env.update(sandbox.env())
        amplify(
            root,
            env,
            "init",
            "--yes",
            "--amplify",
            json.dumps({"projectName": f"web{uuid.uuid4().hex[:8]}", "envName": "dev"}),
            "--providers",
            json.dumps({"awscloudformation": {"configLevel": "general"}}),
        )
        config_path = root / "amplify/.config/project-config.json"
        config = json.loads(config_path.read_text())
        config["javascript"]["config"]["BuildCommand"] = "true"  # the site below is the build
        config_path.write_text(json.dumps(config))
        for key, text in SITE.items():
            (root / "build" / key).parent.mkdir(parents=True, exist_ok=True)
            (root / "build" / key).write_text(text)
        amplify(root, env, "hosting", "add", "--stage", "PROD", "--yes")

        published = amplify(root, env, "publish", "--yes")
        after = published.split("Your app is published successfully.", 1)[1].strip().splitlines()
        assert LOCAL_URL.match(after[0]), f"the loopback URL comes first:\n{published}"
        assert ".cloudfront.net" not in published, "the unreachable AWS name is not shown"
        assert ".cloudfront.localhost:" in after[1]  # still offered for browsers
        url = after[0]
        assert int(LOCAL_URL.match(url).group(1)) != sandbox.port

        status, kind, body = fetch(url)
        assert status == 200 and kind.startswith("text/html") and "home" in body
        assert fetch(url + "assets/app.js")[:2] == (200, "text/javascript; charset=utf-8")
        assert fetch(url + "assets/site.css")[2] == "body{color:red}"
        status, kind, body = fetch(url + "settings/profile")  # the SPA's 404 -> index.html rule
        assert status == 200 and "home" in body

        exports = (root / "src/aws-exports.js").read_text()
        assert f'"aws_content_delivery_url": "{url}"' in exports, exports
        shown = amplify(root, env, "status")
        assert f"Hosting endpoint: {url}\n" in shown and ".cloudfront.net" not in shown

        listed = amplify(root, env, "sandbox", "status")
        lines = [line.strip() for line in listed.splitlines()]
        assert lines[lines.index(url.rstrip("/") + "/") + 1].endswith(
            ".cloudfront.localhost:" + str(sandbox.port) + "/"
        )

        amplify(root, env, "sandbox", "stop")
        sandbox.process.wait(timeout=15)
        sandbox = start_sandbox_process(
            amplify_home, port=quiet_port(avoid=sandbox.port)
        )  # the site's port stays
        assert fetch(url + "assets/app.js")[2] == "console.log('app')"
        assert "home" in fetch(url + "some/deep/link")[2]
        assert url in amplify(root, env, "sandbox", "status")
        env.update(sandbox.env())
        assert f"Hosting endpoint: {url}\n" in amplify(root, env, "status")
    finally:
        sandbox.stop()
