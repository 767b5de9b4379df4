"""The test kit amplify ships for plugin authors, plus a Flutter app and a stand-in cloud."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from amplify_core.plugin import Provider, ProviderInfo, hookimpl

pytest_plugins = ["amplify_core.testing"]

EXAMPLE_APP = Path(__file__).resolve().parents[3] / "flutter-app"


@pytest.fixture
def flutter_app(tmp_path: Path) -> Path:
    """A copy of ``examples/flutter-app`` (or a minimal one when the plugin is tested alone)."""
    app = tmp_path / "flutterapp"
    if EXAMPLE_APP.is_dir():
        shutil.copytree(EXAMPLE_APP, app)
    else:
        (app / "lib").mkdir(parents=True)
        (app / "pubspec.yaml").write_text("name: flutterapp\n")
    return app


class InMemoryCloud(Provider):
    """Stands in for ``awscloudformation`` so ``amplify init`` runs without any cloud."""

    def configure(self, params: dict[str, Any] | None) -> dict[str, Any]:
        return {"configLevel": "general"}

    def init_env(self, project_name: str, env_name: str, aws_info: dict[str, Any]) -> dict[str, Any]:
        stack = f"amplify-{project_name}-{env_name}-00000"
        return {"StackName": stack, "DeploymentBucketName": f"{stack}-deployment", "Region": "us-east-1"}

    def store_current_cloud_backend(self, env_name, env_info, aws_info, folder) -> None:
        return None

    def pull_env(self, env_name, env_info, aws_info, dest):
        return env_info

    def delete_env(self, env_name, env_info, aws_info) -> None:
        return None

    def import_env(self, env_name, config, aws_info):
        return dict(config), aws_info


class InMemoryCloudPlugin:
    @hookimpl
    def amplify_providers(self):
        return [
            ProviderInfo(
                name="awscloudformation", summary="In-memory stand-in for tests", factory=InMemoryCloud
            )
        ]


@pytest.fixture
def in_memory_cloud(register_plugin):
    return register_plugin(
        InMemoryCloudPlugin(), kind="provider", name="in-memory-cloud", distribution="tests"
    )
