"""The README's main command (``./dev demo``): deploy ``examples/web-app`` to the local sandbox.

Steps, each the real ``amplify`` command a user would type, headless:

1. start the sandbox in the background (or reuse the one already running) and write the AWS
   profile ``amplify-sandbox`` that points at it (``amplify sandbox env --write-profile``);
2. copy ``examples/web-app`` to a new temporary folder;
3. ``amplify init --yes`` with that profile;
4. ``amplify hosting add --stage PROD --yes`` (private S3 bucket behind CloudFront);
5. ``amplify publish --yes`` (push, ``npm run-script build``, upload);
6. fetch the preview URL (``/`` and a deep link) and check that it serves the page.

Exit 0 when the page is served, 1 otherwise. Nothing waits for input; every step has a
time limit. The sandbox keeps running afterwards so the site can be opened in a browser
(``amplify sandbox stop`` ends it).

Options: ``--port N`` (sandbox port for a new sandbox; default ``$AMPLIFY_SANDBOX_PORT`` or
4577; 0 picks a free one), ``--stage DEV`` (an S3 website instead). The project folder is
kept, so you can change the app and run ``amplify publish`` again from it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
WEB_APP = HERE / "web-app"
AMPLIFY = shutil.which("amplify", path=str(Path(sys.executable).parent)) or "amplify"
PROFILE = "amplify-sandbox"
STEP_TIMEOUT = 300  # seconds; the whole demo takes a few seconds on a laptop
EXPECTED = "<title>amplify example</title>"


class DemoFailed(Exception):
    pass


def step(title: str) -> None:
    print(f"\n==> {title}", flush=True)


def amplify(
    *args: str, cwd: Path | None = None, check: bool = True, quiet: bool = False
) -> subprocess.CompletedProcess:
    shown = " ".join(a if " " not in a and "{" not in a else f"'{a}'" for a in args)
    print(f"$ amplify {shown}", flush=True)
    proc = subprocess.run(
        [AMPLIFY, *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
    )
    if not quiet or proc.returncode != 0:
        for stream in (proc.stdout, proc.stderr):
            if stream.strip():
                print(stream.rstrip(), flush=True)
    if check and proc.returncode != 0:
        raise DemoFailed(f"`amplify {args[0]} {args[1] if len(args) > 1 else ''}` exited {proc.returncode}")
    return proc


def sandbox_status() -> dict:
    proc = amplify("sandbox", "status", "--json", check=False, quiet=True)
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {"running": False}


def ensure_sandbox(port: int | None) -> dict:
    status = sandbox_status()
    if status.get("running"):
        print(f"Reusing the sandbox already running at {status.get('endpoint')}.")
        return status
    args = ["sandbox", "start", "--detach"] + (["--port", str(port)] if port is not None else [])
    if amplify(*args, check=False).returncode != 0:
        if port is None:  # the default port is taken by something else: let the system pick one
            amplify("sandbox", "start", "--detach", "--port", "0")
        else:
            raise DemoFailed("the sandbox did not start")
    status = sandbox_status()
    if not status.get("running"):
        raise DemoFailed("the sandbox is not running after start")
    return status


def copy_web_app(target: Path) -> Path:
    ignore = shutil.ignore_patterns(
        "node_modules", "build", "amplify", "aws-exports.js", "amplifyconfiguration.json"
    )
    shutil.copytree(WEB_APP, target, ignore=ignore)
    return target


def preview_url(project: Path, endpoint: str) -> str:
    meta = json.loads((project / "amplify/backend/amplify-meta.json").read_text(encoding="utf-8"))
    output = meta["hosting"]["S3AndCloudFront"]["output"]
    port = urlparse(endpoint).port
    if output.get("CloudFrontDistributionID"):
        return f"http://{output['CloudFrontDistributionID'].lower()}.cloudfront.localhost:{port}/"
    return f"http://{output['HostingBucketName']}.s3-website.localhost:{port}/"


def fetch(url: str, path: str) -> tuple[int, str, str]:
    """GET ``path`` of a ``*.localhost`` preview URL, connecting to 127.0.0.1 directly (not every
    resolver maps ``*.localhost`` to loopback, though browsers do)."""
    parts = urlparse(url)
    connection = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": parts.netloc})
        response = connection.getresponse()
        return (
            response.status,
            response.getheader("Content-Type", ""),
            response.read().decode("utf-8", "replace"),
        )
    finally:
        connection.close()


def check_site(url: str, stage: str) -> None:
    deep = "/some/deep/link"
    for path in ("/", deep):
        status, content_type, body = fetch(url, path)
        expected_status = 200 if (stage == "PROD" or path == "/") else 404
        ok = status == expected_status and content_type.startswith("text/html") and EXPECTED in body
        print(f"GET {path:<16} → {status} {content_type}{'' if ok else '  (unexpected)'}")
        if not ok:
            raise DemoFailed(f"the preview did not serve the page for {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Deploy examples/web-app to the local sandbox.")
    parser.add_argument("--port", type=int, default=None, help="port for a new sandbox (0: any free port)")
    parser.add_argument("--stage", choices=("PROD", "DEV"), default="PROD")
    args = parser.parse_args()
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="amplify-demo-"))
    project = workdir / "web-app"
    try:
        step("Start the local sandbox (moto on 127.0.0.1) and write the AWS profile for it")
        status = ensure_sandbox(args.port)
        amplify("sandbox", "env", "--write-profile")

        step(f"Copy examples/web-app to {project}")
        copy_web_app(project)

        step("Initialise the project (headless)")
        providers = {
            "awscloudformation": {"configLevel": "project", "useProfile": True, "profileName": PROFILE}
        }
        amplify(
            "init",
            "--yes",
            "--amplify",
            json.dumps({"projectName": "webapp", "envName": "dev"}),
            "--providers",
            json.dumps(providers),
            cwd=project,
        )

        step(f"Add hosting ({args.stage})")
        amplify("hosting", "add", "--stage", args.stage, "--yes", cwd=project)

        step("Publish: push the hosting stack, build the app, upload it")
        amplify("publish", "--yes", cwd=project)

        step("Check the preview")
        url = preview_url(project, status["endpoint"])
        check_site(url, args.stage)
        print(f"\nThe site is live in the sandbox ({time.monotonic() - started:.1f} s):\n\n    {url}\n")
        print("Open it in a browser (any *.localhost name reaches this machine).")
        print(f"The project is {project}: change the app there and run `amplify publish` again.")
        print("Stop the sandbox with: amplify sandbox stop")
        return 0
    except (DemoFailed, subprocess.TimeoutExpired, OSError, KeyError, json.JSONDecodeError) as exc:
        print(f"\nDemo failed: {exc}", file=sys.stderr)
        print(f"The project is kept for a look: {project}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
