"""A bad state file is an error naming it, never a traceback (issue 11, item 9).

Each corruption is written into each state file of a project made by the real ``amplify init``
(with a DEV hosting resource pushed to the sandbox), and ``status``, ``push`` and ``env list``
run in this process (the console script's ``run``). Every run ends with exit 0 (the command
does not need that file) or exit 2 naming the file; none ends in a traceback.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import Env

STATE_FILES = [
    "amplify/.config/local-env-info.json",
    "amplify/.config/project-config.json",
    "amplify/.config/local-aws-info.json",
    "amplify/team-provider-info.json",
    "amplify/backend/backend-config.json",
    "amplify/backend/amplify-meta.json",
    "amplify/backend/tags.json",
    "amplify/#current-cloud-backend/amplify-meta.json",
    "amplify/#current-cloud-backend/backend-config.json",
    "amplify/backend/hosting/S3AndCloudFront/parameters.json",
    "amplify/backend/hosting/S3AndCloudFront/template.json",
]


def corruptions(original: bytes) -> dict[str, bytes]:
    data = json.loads(original)
    every_value_a_number = {key: 1 for key in data} if isinstance(data, dict) and data else {"dev": 1}
    return {
        "empty": b"",
        "truncated": original[: max(1, len(original) // 2)],
        "binary": bytes(range(256)),
        "not-utf8": '{"envName": "d\u00e9v"}'.encode("latin-1"),
        "list": b"[1, 2]",
        "empty-object": b"{}",
        "number": b"42",
        "values-of-wrong-type": json.dumps(every_value_a_number).encode(),
        "deeply-nested": b'{"a": ' * 100_000 + b"1" + b"}" * 100_000,
        "nested-just-readable": b'{"a": ' * 900 + b"1" + b"}" * 900,
    }


COMMANDS = (["status"], ["push", "--yes"], ["env", "list"])

#: Valid JSON of the right shape whose content is wrong (a template parameter without a value,
#: "nothing deployed yet"): push refuses it (exit 2) or the cloud does (exit 1), with one clear
#: error line that need not name the file.
CONTENT_REFUSED = {
    *(
        ("amplify/backend/hosting/S3AndCloudFront/parameters.json", label)
        for label in ("empty-object", "values-of-wrong-type", "nested-just-readable")
    ),
    ("amplify/#current-cloud-backend/amplify-meta.json", "empty-object"),  # "nothing deployed yet"
}


@pytest.fixture(scope="module")
def hosted(initialised: Path, tmp_path_factory: pytest.TempPathFactory, sandbox_server) -> Path:
    """The initialised project with a DEV hosting resource pushed."""
    import os

    base = tmp_path_factory.mktemp("hosted")
    target = base / "robust"
    shutil.copytree(initialised, target, symlinks=True)
    info = target / "amplify" / ".config" / "local-env-info.json"
    data = json.loads(info.read_text())
    data["projectPath"] = str(target)
    info.write_text(json.dumps(data))
    home = initialised.parent / "home"
    e = Env(
        {
            **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))},
            **sandbox_server.env(),
            "HOME": str(home),
            "AMPLIFY_HOME": str(home / ".amplify"),
            "AWS_CONFIG_FILE": str(home / "none"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "none"),
            "CI": "true",
        },
        home,
    )
    for args in (["hosting", "add", "--stage", "DEV", "--yes"], ["push", "--yes"]):
        result = e.run(*args, cwd=target)
        assert result.code == 0, result.text
    return target


@pytest.mark.slow
def test_every_corruption_of_every_state_file(hosted, inprocess, tmp_path):
    project = tmp_path / "robust"
    shutil.copytree(hosted, project, symlinks=True)
    info = project / "amplify" / ".config" / "local-env-info.json"
    info.write_text(json.dumps({**json.loads(info.read_text()), "projectPath": str(project)}))
    pristine = {name: (project / name).read_bytes() for name in STATE_FILES}
    for args in COMMANDS:
        baseline = inprocess(*args, cwd=project)
        assert baseline.code == 0, (args, baseline.text)

    runs, problems = 0, []
    for name in STATE_FILES:
        for label, content in corruptions(pristine[name]).items():
            for args in COMMANDS:
                for other, original in pristine.items():
                    (project / other).write_bytes(original)
                (project / name).write_bytes(content)
                result = inprocess(*args, cwd=project)
                runs += 1
                where = f"{name} ({label}): amplify {' '.join(args)}"
                if result.code is None or "Traceback" in result.text:
                    problems.append(f"{where}: traceback {result.err.strip().splitlines()[-1:]}")
                elif result.code in (1, 2) and args[0] == "push" and (name, label) in CONTENT_REFUSED:
                    if "✖" not in result.err:
                        problems.append(
                            f"{where}: exit {result.code} without an error line: {result.err.strip()[-300:]}"
                        )
                elif result.code == 2:
                    if name not in result.err and str(project / name) not in result.err:
                        problems.append(
                            f"{where}: exit 2 without naming the file: {result.err.strip()[-300:]}"
                        )
                elif result.code != 0:
                    problems.append(f"{where}: exit {result.code}: {result.err.strip()[-300:]}")
    print(f"{runs} runs, {len(problems)} problems")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_binary_local_env_info_is_named(env, project, args):
    path = project / "amplify" / ".config" / "local-env-info.json"
    path.write_bytes(bytes(range(256)))
    result = env.run(*args, cwd=project)
    assert result.code == 2, result.text
    assert "local-env-info.json" in result.err and "Traceback" not in result.text
    assert path.read_bytes() == bytes(range(256))
