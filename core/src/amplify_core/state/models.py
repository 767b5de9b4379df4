"""Pydantic models of the Gen 1 project files (``amplify/.config`` and ``amplify/backend``, as the Node CLI writes them).

Every model allows extra keys so that a file written by the Node CLI (or a newer version of
ours) keeps everything we do not know about when we write it back.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from .legacy import modern_project_config

#: Gen 1's only provider. Its name is the key of the provider's block in ``amplify-meta.json``
#: ``providers``, in each ``team-provider-info.json`` environment and in every resource's
#: ``providerPlugin``, so Gen 1 projects need it spelled exactly so; the one place it is written.
DEFAULT_PROVIDER = "awscloudformation"


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class ProjectConfig(_Open):
    """``amplify/.config/project-config.json`` (committed). The frontend's block sits under
    its own name, e.g. ``"javascript": {"framework": "react", "config": {…}}``."""

    projectName: str
    version: str = "3.1"
    frontend: str
    providers: list[str] = Field(default_factory=lambda: [DEFAULT_PROVIDER])
    plugins: dict[str, str] | None = None

    @property
    def provider_name(self) -> str:
        """The project's provider (its first; Gen 1 projects have only :data:`DEFAULT_PROVIDER`)."""
        return self.providers[0] if self.providers else DEFAULT_PROVIDER

    @model_validator(mode="before")
    @classmethod
    def _read_legacy_shape(cls, data: Any) -> Any:
        """The 2018–2019 shape (``frontendHandler``, ``providers`` as an object) reads as today's."""
        return modern_project_config(data)

    def frontend_settings(self) -> dict[str, Any]:
        return dict((self.model_extra or {}).get(self.frontend) or {})

    def with_frontend(self, name: str, settings: dict[str, Any]) -> ProjectConfig:
        data = self.model_dump(exclude_none=True)
        if name != self.frontend:
            data.pop(self.frontend, None)
        data["frontend"] = name
        data[name] = settings
        return ProjectConfig.model_validate(data)


class LocalEnvInfo(_Open):
    """``amplify/.config/local-env-info.json`` (git-ignored)."""

    projectPath: str
    defaultEditor: str = "vscode"
    envName: str


class AwsInfo(_Open):
    """One environment's entry of ``local-aws-info.json``: how to reach AWS. No secrets."""

    configLevel: Literal["project", "general", "amplifyAdmin"] = "project"
    useProfile: bool | None = None
    profileName: str | None = None
    awsConfigFilePath: str | None = None


class LocalAwsInfo(RootModel[dict[str, AwsInfo]]):
    """``amplify/.config/local-aws-info.json``: env name → :class:`AwsInfo`."""


class EnvProviderInfo(_Open):
    """One environment of ``team-provider-info.json``."""

    awscloudformation: dict[str, Any] = Field(default_factory=dict)
    categories: dict[str, Any] | None = None


class TeamProviderInfo(RootModel[dict[str, EnvProviderInfo]]):
    """``amplify/team-provider-info.json``: env name → provider outputs (committed, sorted)."""


class ResourceEntry(_Open):
    """One resource of ``backend-config.json`` / ``amplify-meta.json``."""

    service: str
    providerPlugin: str = DEFAULT_PROVIDER


class BackendConfig(RootModel[dict[str, dict[str, ResourceEntry]]]):
    """``amplify/backend/backend-config.json``: category → resource → entry."""
