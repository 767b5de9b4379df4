"""``amplify status`` in a project with 20 resources (issue 5), and a no-op push.

Targets: status median ≤ 0.3 s with 20 resources (the Node CLI takes 2.97 s for a near-empty
project, measured on the same kind of machine), ≤ 0.2 s with 500 (``--resources 500``, issue
17), and a push with nothing to deploy ≤ 0.25 s. The project is built with the core's state API: 20 resources of
one category, each a folder with a template and parameters, all recorded as deployed by an
earlier push except two (one edited, one new), so every code path of the comparison runs.
No cloud is involved: status reads local files only. The no-op push runs in a second copy
where every resource is as deployed, and again in a project made against a sandbox, where it
checks that the root stack still exists (its one AWS call).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from common import VENV_BIN, measure, print_table

NODE_STATUS_S = 2.97
TARGET_S = 0.3  # 20 resources (issue 5)
TARGET_500_S = 0.2  # 500 resources (issue 17)
NOOP_PUSH_TARGET_S = 0.25


def template(index: int) -> dict:
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {"env": {"Type": "String"}, "label": {"Type": "String", "Default": "v1"}},
        "Resources": {
            f"Bucket{index}": {
                "Type": "AWS::S3::Bucket",
                "Properties": {"Tags": [{"Key": "label", "Value": {"Ref": "label"}}]},
            }
        },
        "Outputs": {"BucketName": {"Value": {"Ref": f"Bucket{index}"}}},
    }


def build_project(root: Path, resources: int = 20, *, changed: bool = True) -> None:
    """The project; with ``changed=False`` every resource is as deployed (a no-op push)."""
    from amplify_core.changes.hashing import resource_hash
    from amplify_core.state.models import LocalEnvInfo, ProjectConfig
    from amplify_core.state.project import Project

    project = Project(root)
    project.save_project_config(
        ProjectConfig(projectName="bench", frontend="javascript").with_frontend(
            "javascript",
            {
                "framework": "none",
                "config": {
                    "SourceDir": "src",
                    "DistributionDir": "dist",
                    "BuildCommand": "npm run build",
                    "StartCommand": "npm start",
                },
            },
        )
    )
    project.save_local_env_info(LocalEnvInfo(projectPath=str(root), envName="dev"))
    project.save_team_provider_info(
        {
            "dev": {
                "awscloudformation": {
                    "StackName": "amplify-bench-dev-00000",
                    "DeploymentBucketName": "amplify-bench-dev-00000-deployment",
                    "Region": "us-east-1",
                }
            }
        }
    )
    config: dict = {"testkit": {}}
    deployed: dict = {
        "providers": {"awscloudformation": {"StackName": "amplify-bench-dev-00000"}},
        "testkit": {},
    }
    for i in range(resources):
        name = f"res{i:02d}"
        entry = {"service": "Bucket", "providerPlugin": "awscloudformation"}
        folder = project.paths.resource_dir("testkit", name)
        folder.mkdir(parents=True)
        (folder / "template.json").write_text(json.dumps(template(i), indent=2))
        (folder / "parameters.json").write_text(json.dumps({"label": "v1"}))
        config["testkit"][name] = entry
        if i < resources - 1 or not changed:  # the last one was never pushed: Create
            deployed["testkit"][name] = {**entry, "lastPushDirHash": resource_hash(folder, entry)}
    if changed:
        (project.paths.resource_dir("testkit", "res00") / "parameters.json").write_text(
            json.dumps({"label": "v2"})
        )
    project.save_backend_config(config)
    project.save_amplify_meta(deployed)
    project.save_amplify_meta(deployed, current=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--resources", type=int, default=20)
    args = parser.parse_args()
    amplify = str(VENV_BIN / "amplify")
    with tempfile.TemporaryDirectory(prefix="amplify-bench-status-") as tmp:
        root = Path(tmp)
        build_project(root, args.resources)
        rows = [
            measure("python -c pass", [sys.executable, "-c", "pass"], runs=args.runs),
            measure("amplify --version", [amplify, "--version"], runs=args.runs, cwd=root),
            measure(
                f"amplify status ({args.resources} resources)", [amplify, "status"], runs=args.runs, cwd=root
            ),
            measure(
                f"amplify status -v ({args.resources} resources)",
                [amplify, "status", "-v"],
                runs=args.runs,
                cwd=root,
            ),
        ]
        clean = root / "clean"
        clean.mkdir()
        build_project(clean, args.resources, changed=False)
        rows.append(
            measure(
                f"amplify push --yes, nothing to do ({args.resources} resources)",
                [amplify, "push", "--yes"],
                runs=args.runs,
                cwd=clean,
            )
        )
    with tempfile.TemporaryDirectory(prefix="amplify-bench-noop-") as tmp:
        rows.append(_sandbox_no_op_push(Path(tmp), args.runs, amplify))
    print_table("amplify status", rows)
    status = rows[2]
    target = TARGET_500_S if args.resources >= 500 else TARGET_S
    verdict = "meets" if status.median_s <= target else "MISSES"
    print(
        f"\namplify status: {status.median_s:.3f} s median ({verdict} the {target} s target "
        f"for {args.resources} resources); "
        f"the Node CLI takes {NODE_STATUS_S} s ({NODE_STATUS_S / status.median_s:.1f}× slower)"
    )
    for push in rows[-2:]:
        print(
            f"{push.label}: {push.median_s:.3f} s median, {push.cpu_s:.3f} s CPU (target {NOOP_PUSH_TARGET_S} s)"
        )


def _sandbox_no_op_push(folder: Path, runs: int, amplify: str):
    """A no-op push that checks its root stack, as every real one does: a project made by
    ``amplify init`` against a sandbox (``local-aws-info.json`` names its profile) and pushed
    once, so the check goes by its kept presigned URL."""
    from amplify_sandbox.testing import init_sandbox_project, start_sandbox_process

    server = start_sandbox_process(folder / "sandbox-home")
    try:
        project = init_sandbox_project(folder, server)
        first = project.amplify("push", "--yes")
        if first.code != 0:
            raise SystemExit(f"the sandbox project's first push failed: {first.text}")
        return measure(
            "amplify push --yes, nothing to do, root stack checked in the sandbox",
            [amplify, "push", "--yes"],
            runs=runs,
            cwd=project.root,
            env=project.env,
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
