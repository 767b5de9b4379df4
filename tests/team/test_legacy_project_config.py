"""A ``project-config.json`` in the 2018–2019 shape (``frontendHandler``, ``providers`` as an
object of Node package paths) is read; it is rewritten in today's shape only when a command
writes it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from amplify_core.testing import AMPLIFY

from .conftest import headless_init, project_name, read, web_app

pytestmark = pytest.mark.slow

NODE = "/usr/local/lib/node_modules/@aws-amplify/cli/node_modules"


def legacy_shape(config: dict, app) -> dict:
    return {
        "projectName": config["projectName"],
        "projectPath": str(app),
        "defaultEditor": "sublime",
        "frontendHandler": {"javascript": f"{NODE}/amplify-frontend-javascript"},
        "javascript": config["javascript"],
        "providers": {"awscloudformation": f"{NODE}/amplify-provider-awscloudformation"},
    }


def test_the_old_shape_is_read_and_rewritten_only_when_written(teammate, tmp_path):
    alice = teammate("alice")
    app = web_app(tmp_path / "app")
    headless_init(alice, app, project_name())
    alice.ok("hosting", "add", "--stage", "DEV", "--yes", cwd=app)
    config_file = app / "amplify/.config/project-config.json"
    config_file.write_text(json.dumps(legacy_shape(read(config_file), app), indent=4))
    old_bytes = config_file.read_bytes()

    status = alice.ok("status", cwd=app)
    assert "S3AndCloudFront" in status.out and "Traceback" not in status.text
    assert alice.ok("env", "list", cwd=app).out.count("dev") == 1
    alice.ok("push", "--yes", cwd=app)
    assert "No Change" in alice.ok("status", cwd=app).out
    assert config_file.read_bytes() == old_bytes  # nothing wrote it: left as it was

    alice.ok("configure", "project", "--amplify", json.dumps({"projectName": "renamed"}), "--yes", cwd=app)
    rewritten = read(config_file)
    assert rewritten["frontend"] == "javascript" and rewritten["providers"] == ["awscloudformation"]
    assert rewritten["projectName"] == "renamed"
    assert not {"frontendHandler", "projectPath", "defaultEditor"} & set(rewritten)
    assert rewritten["javascript"]["framework"] == "react"


def test_a_project_from_before_environments_says_what_to_do(teammate, tmp_path):
    alice = teammate("alice")
    app = web_app(tmp_path / "app")
    headless_init(alice, app, project_name())
    config_file = app / "amplify/.config/project-config.json"
    config_file.write_text(json.dumps(legacy_shape(read(config_file), app)))
    # Before multi-environment support: the stack was recorded in .amplifyrc at the root and
    # there was no team-provider-info.json nor local-env-info.json.
    tpi = read(app / "amplify/team-provider-info.json")
    (app / ".amplifyrc").write_text(json.dumps({"providers": tpi["dev"]}))
    for name in ("team-provider-info.json", ".config/local-env-info.json", ".config/local-aws-info.json"):
        (app / "amplify" / name).unlink()

    for args in (("push", "--yes"), ("status",)):
        refused = alice.amplify(*args, cwd=app)
        assert refused.code == 2, refused.text
        assert "made before Amplify CLI environments" in refused.err and "Traceback" not in refused.text

    # The one line it gives, with this teammate's profile: then the project works again.
    hint = next(line for line in refused.err.splitlines() if "amplify env import" in line)
    command = hint.split("environment: ", 1)[-1].replace('"default"', '"sandbox"')
    done = subprocess.run(
        command,
        shell=True,
        cwd=app,
        env={**alice.env, "PATH": f"{Path(AMPLIFY).parent}:{alice.env['PATH']}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        read(app / "amplify/team-provider-info.json")["dev"]["awscloudformation"]
        == tpi["dev"]["awscloudformation"]
    )
    assert "Current Environment: dev" in alice.ok("status", cwd=app).out
    alice.ok("push", "--yes", cwd=app)
