"""The ``{{ name }}`` provider: how to reach the cloud, and one set of resources per environment.

A skeleton: replace the TODOs with calls to your cloud. Keep cloud SDK imports inside the
methods (or in modules imported from them) so that ``amplify --help`` stays fast. The
vocabulary (``aws_info``, ``env_info``, snapshot folders) is explained on
:class:`amplify_core.interfaces.Provider`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import Provider

from .params import {{ class_name }}Params


class {{ class_name }}Provider(Provider):
    """Environments of a ``{{ name }}`` project."""

    def configure(self, params: dict[str, Any] | None) -> dict[str, Any]:
        """Validated settings stored per environment in ``local-aws-info.json`` (never a secret)."""
        return {{ class_name }}Params.model_validate(params or {}).model_dump(exclude_none=True)

    def init_env(self, project_name: str, env_name: str, aws_info: dict[str, Any]) -> dict[str, Any]:
        """Create the environment; the outputs go to ``team-provider-info.json``."""
        # TODO: create the environment's root resources in your cloud.
        return {"StackName": f"{project_name}-{env_name}", "Region": aws_info.get("region", "local")}

    def store_current_cloud_backend(
        self, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any], folder: Path
    ) -> None:
        """Keep ``folder`` (the deployed state) where other clones can fetch it."""
        # TODO: upload the folder; until then `env pull` in another clone finds nothing.

    def pull_env(
        self, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any], dest: Path
    ) -> dict[str, Any]:
        """Fetch what :meth:`store_current_cloud_backend` kept into ``dest``."""
        # TODO: download the folder; an empty ``dest`` means nothing was ever stored.
        return env_info

    def delete_env(self, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any]) -> None:
        """Remove the environment's resources; tolerate what is already gone."""
        # TODO: delete what init_env created.

    def import_env(
        self, env_name: str, config: dict[str, Any], aws_info: dict[str, Any] | None
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """Check ``amplify env import`` input (no cloud call) and return what to record."""
        if not config.get("StackName"):
            from amplify_core.plugin import UsageError

            raise UsageError("--config: StackName is required")
        return dict(config), aws_info
