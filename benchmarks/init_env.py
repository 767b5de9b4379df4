"""Headless ``amplify init`` and the environment commands against a running sandbox (issue 4).

Targets: headless init median ≤ 1.0 s (the Node CLI takes 3.63 s), ``env list --json``
≤ 0.25 s (Node: 0.73 s); ``env add --yes`` / ``env checkout`` / ``env pull`` are shown next to
the Node CLI's 3.2–3.3 s (measured on the same kind of machine).

Every init runs in a fresh project folder and creates a real root stack (deployment bucket,
both roles) on the sandbox, through a named profile whose ``endpoint_url`` points at it. Pass
``--endpoint http://127.0.0.1:PORT`` to use a sandbox you started (``amplify sandbox start``);
otherwise one is started for the run and stopped afterwards.

Python modules are compiled once into a temporary bytecode cache (as an installed package
would be), even when ``PYTHONDONTWRITEBYTECODE`` is set in the calling shell.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from common import VENV_BIN, Measurement, measure, print_table, run_once

NODE = {"init": 3.63, "env list --json": 0.73, "env add": 3.2, "env checkout": 3.3, "env pull": 3.3}
TARGETS = {"init": 1.0, "env list --json": 0.25}
AMPLIFY = str(VENV_BIN / "amplify")


def write_profile(home: Path, endpoint: str, keys) -> dict[str, str]:
    """A ``bench`` profile for the sandbox at ``endpoint``, signing with the keys it issued."""
    aws = home / ".aws"
    aws.mkdir(parents=True, exist_ok=True)
    (aws / "config").write_text(f"[profile bench]\nregion = us-east-1\nendpoint_url = {endpoint}\n")
    (aws / "credentials").write_text(
        f"[bench]\naws_access_key_id = {keys.access_key_id}\naws_secret_access_key = {keys.secret_access_key}\n"
    )
    (aws / "credentials").chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        HOME=str(home),
        AMPLIFY_HOME=str(home / ".amplify"),
        AWS_CONFIG_FILE=str(aws / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(aws / "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        PYTHONPYCACHEPREFIX=str(home / "pycache"),
        CI="true",
    )
    return env


def make_app(folder: Path) -> Path:
    (folder / "src").mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": "bench", "dependencies": {"react": "^18.0.0"}}))
    return folder


def init_argv(index: int) -> list[str]:
    return [
        AMPLIFY,
        "init",
        "--amplify",
        json.dumps({"projectName": f"bench{index}", "envName": "dev", "defaultEditor": "code"}),
        "--frontend",
        json.dumps({"frontend": "javascript", "framework": "react"}),
        "--providers",
        json.dumps(
            {"awscloudformation": {"configLevel": "project", "useProfile": True, "profileName": "bench"}}
        ),
        "--yes",
    ]


def timed_series(label: str, argvs: list[tuple[list[str], Path]], env: dict[str, str]) -> Measurement:
    times, peaks = [], []
    for argv, cwd in argvs:
        elapsed, peak, code = run_once(argv, cwd=cwd, env=env)
        if code != 0:
            raise SystemExit(f"{label}: {' '.join(argv[:2])} exited {code} in {cwd}")
        times.append(elapsed)
        peaks.append(peak)
    return Measurement(label, statistics.median(times), max(peaks), len(times))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--endpoint", help="a running sandbox, e.g. http://127.0.0.1:4577")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="amplify-bench-init-"))
    home = work / "home"
    from amplify_sandbox.credentials import read_keys

    process = None
    endpoint = args.endpoint
    keys_home = None  # a sandbox at --endpoint: the user's own, its keys in their amplify home
    if endpoint is None:
        from amplify_sandbox.launch import launch

        keys_home = home / ".amplify-sandbox"
        process, state = launch(0, home=keys_home, new_session=False)
        endpoint = state.endpoint
    try:
        env = write_profile(home, endpoint, read_keys(keys_home))
        warm = make_app(work / "warm")
        if run_once(init_argv(0), cwd=warm, env=env)[2] != 0:  # compiles modules, warms the server
            raise SystemExit("the warm-up init failed; is the sandbox at " + endpoint + " running?")
        apps = [make_app(work / f"app{i}") for i in range(1, args.runs + 1)]
        rows = [measure("amplify --version", [AMPLIFY, "--version"], runs=args.runs, cwd=warm, env=env)]
        rows.append(timed_series("init", [(init_argv(i), app) for i, app in enumerate(apps, 1)], env))
        rows.append(
            measure(
                "env list --json",
                [AMPLIFY, "env", "list", "--json"],
                runs=args.runs * 2,
                cwd=apps[0],
                env=env,
            )
        )
        adds = [([AMPLIFY, "env", "add", "prod", "--yes"], app) for app in apps]
        rows.append(timed_series("env add", adds, env))
        rows.append(
            timed_series("env checkout", [([AMPLIFY, "env", "checkout", "dev"], app) for app in apps], env)
        )
        rows.append(timed_series("env pull", [([AMPLIFY, "env", "pull"], app) for app in apps], env))
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)

    print_table(f"amplify init and env commands against the sandbox ({endpoint})", rows)
    print("\n| what | ours | Node CLI | target |\n|---|---|---|---|")
    for row in rows[1:]:
        target = TARGETS.get(row.label)
        verdict = ""
        if target is not None:
            verdict = f"≤ {target} s: {'met' if row.median_s <= target else 'MISSED'}"
        print(
            f"| {row.label} | {row.median_s:.3f} s | {NODE[row.label]} s "
            f"({NODE[row.label] / row.median_s:.1f}×) | {verdict} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
