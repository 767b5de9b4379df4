"""A Gen 1-shaped project written straight to disk: the ``amplify/`` folder the Node CLI leaves
after ``amplify init`` (``project-config.json``, ``team-provider-info.json``,
``backend-config.json`` …), and resources added in its formats. For tests that need a
project's files without running ``init`` or reaching a cloud; one shape, not one per test."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The frontend ``amplify init`` records for a plain javascript app with a no-op build.
JAVASCRIPT = {
    "frontend": "javascript",
    "javascript": {
        "framework": "none",
        "config": {
            "SourceDir": "src",
            "DistributionDir": "dist",
            "BuildCommand": "true",
            "StartCommand": "true",
        },
    },
}


def write_file(path: Path, data: Any) -> Path:
    """Write ``data`` to ``path`` (parents made): text or bytes as they are, anything else as
    JSON indented by two, as the Node CLI writes it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


@dataclass
class Gen1Project:
    """A project folder holding (or about to hold) a Gen 1 ``amplify/`` folder."""

    root: Path

    @property
    def amplify_dir(self) -> Path:
        return self.root / "amplify"

    @property
    def backend(self) -> Path:
        return self.amplify_dir / "backend"

    def read(self, relative: str) -> Any:
        """The JSON file ``relative`` to ``amplify/``."""
        return json.loads((self.amplify_dir / relative).read_text(encoding="utf-8"))

    def write(self, relative: str, data: Any) -> Path:
        """Write ``relative`` to ``amplify/`` (see :func:`write_file`)."""
        return write_file(self.amplify_dir / relative, data)

    def update_backend_config(self, blocks: Mapping[str, Any]) -> None:
        """Set top-level blocks of ``backend-config.json`` (a category, ``parameters`` …)."""
        config = self.read("backend/backend-config.json")
        config.update(blocks)
        self.write("backend/backend-config.json", config)

    def add_resource(
        self,
        category: str,
        name: str,
        config: Mapping[str, Any],
        files: Mapping[str, Any] | None = None,
    ) -> Path:
        """Declare ``category``/``name`` in ``backend-config.json`` with ``config`` (its
        ``service``, ``providerPlugin``, ``dependsOn`` …) and write ``files`` (paths relative to
        its folder ``backend/<category>/<name>``, JSON data or text); returns that folder."""
        backend_config = self.read("backend/backend-config.json")
        backend_config.setdefault(category, {})[name] = dict(config)
        self.write("backend/backend-config.json", backend_config)
        folder = self.backend / category / name
        folder.mkdir(parents=True, exist_ok=True)
        for relative, data in (files or {}).items():
            write_file(folder / relative, data)
        return folder

    def set_env_values(self, env: str, category: str, name: str, values: Mapping[str, Any]) -> None:
        """A resource's values for environment ``env`` in ``team-provider-info.json``."""
        tpi = self.read("team-provider-info.json")
        tpi[env].setdefault("categories", {}).setdefault(category, {})[name] = dict(values)
        self.write("team-provider-info.json", tpi)


def write_gen1_project(
    root: Path,
    *,
    name: str = "app",
    env: str = "dev",
    frontend: Mapping[str, Any] = JAVASCRIPT,
    editor: str = "vscode",
    region: str = "us-east-1",
) -> Gen1Project:
    """The ``amplify/`` folder of a project ``amplify init`` made for environment ``env``, with
    no resource and nothing deployed (its stack and bucket names are made up; no cloud)."""
    project = Gen1Project(Path(root))
    stack = f"amplify-{name}-{env}-12345"
    provider = {"StackName": stack, "Region": region, "DeploymentBucketName": f"{stack}-deployment"}
    project.write(
        ".config/project-config.json",
        {
            "projectName": name,
            "version": "3.1",
            "frontend": frontend["frontend"],
            "providers": ["awscloudformation"],
            **{key: value for key, value in frontend.items() if key != "frontend"},
        },
    )
    project.write(
        ".config/local-env-info.json",
        {"projectPath": str(project.root), "defaultEditor": editor, "envName": env},
    )
    project.write(".config/local-aws-info.json", {env: {"configLevel": "general"}})
    project.write("team-provider-info.json", {env: {"awscloudformation": provider}})
    project.write("backend/backend-config.json", {})
    project.write("backend/amplify-meta.json", {"providers": {"awscloudformation": provider}})
    (project.amplify_dir / "#current-cloud-backend").mkdir(parents=True)
    return project
