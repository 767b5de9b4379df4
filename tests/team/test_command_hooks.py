"""Command hooks (``amplify/hooks/pre-<command>[-<subcommand>].sh|.js|.py``, ``post-…``) run as
Gen 1 runs them, and init writes Gen 1's hooks README, samples, cli.json and amplify/README.md."""

from __future__ import annotations

import json
import shutil

import pytest

from .conftest import headless_init, project_name, read, stacks_of, web_app

pytestmark = pytest.mark.slow

RECORD_EVENT_PY = """\
import json, sys
event = json.load(sys.stdin)
with open("amplify/hooks/{name}.json", "w") as out:
    json.dump(event, out)
"""


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_writes_the_hooks_folder_readme_and_cli_json(teammate, tmp_path):
    alice = teammate("alice")
    app = web_app(tmp_path / "app")
    headless_init(alice, app, project_name())
    amplify_dir = app / "amplify"
    hooks = sorted(p.name for p in (amplify_dir / "hooks").iterdir())
    assert hooks == ["README.md", "post-push.sh.sample", "pre-push.js.sample"]
    assert "pre-push" in (amplify_dir / "hooks" / "README.md").read_text()
    assert (amplify_dir / "README.md").read_text().startswith("# ")
    assert read(amplify_dir / "cli.json")["features"]["project"] == {"overrides": True}
    # The samples are not hooks: a push runs none of them.
    result = alice.ok("push", "--yes", cwd=app)
    assert "execution start" not in result.text


def test_a_failing_pre_push_hook_stops_push_before_anything_changes(teammate, sandbox_server, tmp_path):
    alice = teammate("alice")
    name = project_name()
    app = web_app(tmp_path / "app")
    headless_init(alice, app, name)
    alice.ok("hosting", "add", "--stage", "DEV", "--yes", cwd=app)
    (app / "amplify/hooks/pre-push.sh").write_text("echo checking before push\nexit 1\n")
    (app / "amplify/hooks/post-push.py").write_text(RECORD_EVENT_PY.format(name="post-push"))
    before, stacks = tree(app), stacks_of(sandbox_server, name)

    stopped = alice.amplify("push", "--yes", cwd=app)
    assert stopped.code == 1, stopped.text
    assert "Hook amplify/hooks/pre-push.sh exited with exit code 1" in stopped.err
    assert "checking before push" in stopped.err
    assert tree(app) == before and stacks_of(sandbox_server, name) == stacks
    assert (
        "S3AndCloudFront" in alice.ok("status", cwd=app).out and "Create" in alice.ok("status", cwd=app).out
    )

    (app / "amplify/hooks/pre-push.sh").write_text("cat > amplify/hooks/pre-push.json\n")
    alice.ok("push", "--yes", cwd=app)
    pre = read(app / "amplify/hooks/pre-push.json")
    post = read(app / "amplify/hooks/post-push.json")
    assert pre == post and "error" not in post
    assert pre["data"]["amplify"]["command"] == "push"
    assert pre["data"]["amplify"]["environment"] == {
        "envName": "dev",
        "projectPath": str(app.resolve()),
        "defaultEditor": "vscode",
    }
    assert pre["data"]["amplify"]["argv"] == ["amplify", "push", "--yes"]
    assert len(stacks_of(sandbox_server, name)) == len(stacks) + 1  # the hosting stack now


def test_env_hooks_in_both_word_orders_and_post_hooks_see_errors(teammate, tmp_path):
    alice = teammate("alice")
    app = web_app(tmp_path / "app")
    headless_init(alice, app, project_name())
    hooks = app / "amplify/hooks"
    (hooks / "pre-add-env.py").write_text(RECORD_EVENT_PY.format(name="pre-add-env"))
    (hooks / "post-checkout-env.py").write_text(RECORD_EVENT_PY.format(name="post-checkout-env"))

    alice.ok("add", "env", "qa", "--yes", cwd=app)
    event = read(hooks / "pre-add-env.json")["data"]["amplify"]
    assert (event["command"], event["subCommand"]) == ("add", "env")

    failed = alice.amplify("env", "checkout", "nope", cwd=app)
    assert failed.code == 2
    error = read(hooks / "post-checkout-env.json")["error"]
    assert "'nope'" in error["message"]

    (hooks / "pre-add-env.sh").write_text("exit 0\n")
    duplicate = alice.amplify("env", "add", "stage", "--yes", cwd=app)
    assert duplicate.code == 2 and "duplicate hook scripts: pre-add-env.py, pre-add-env.sh" in duplicate.err
    assert set(read(app / "amplify/team-provider-info.json")) == {"dev", "qa"}


@pytest.mark.skipif(shutil.which("node") is None, reason="a .js hook runs with node")
def test_a_js_hook_for_a_category_subcommand(teammate, tmp_path):
    alice = teammate("alice")
    app = web_app(tmp_path / "app")
    headless_init(alice, app, project_name())
    (app / "amplify/hooks/pre-add-hosting.js").write_text(
        "const e = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "console.log('hosting hook ' + e.data.amplify.subCommand);\nprocess.exit(3);\n"
    )
    refused = alice.amplify("hosting", "add", "--stage", "DEV", "--yes", cwd=app)
    assert refused.code == 1 and "hosting hook hosting" in refused.err
    assert "pre-add-hosting.js exited with exit code 3" in refused.err
    assert not (app / "amplify/backend/hosting").exists()
    assert json.loads((app / "amplify/backend/backend-config.json").read_text()) == {}
