"""One object per project: reads and writes its Gen 1 files through the atomic writer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError
from .jsonfile import read_json, write_json
from .legacy import no_current_environment
from .models import LocalEnvInfo, ProjectConfig
from .paths import ProjectPaths, require_project_root


class Project:
    """An initialised project rooted at ``root``."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.paths = ProjectPaths(self.root)

    @classmethod
    def find(cls, start: Path) -> Project:
        """The project containing ``start``; a ProjectError (exit 2) outside any project."""
        root = require_project_root(start)
        return cls(root)

    # -- committed files ---------------------------------------------------------------

    def project_config(self) -> ProjectConfig:
        return _validated(ProjectConfig, self.paths.project_config, read_json(self.paths.project_config))

    def save_project_config(self, config: ProjectConfig) -> None:
        write_json(self.paths.project_config, config.model_dump(exclude_none=True))

    def team_provider_info(self) -> dict[str, Any]:
        return read_json(self.paths.team_provider_info, default={})

    def save_team_provider_info(self, data: dict[str, Any]) -> None:
        """Sorted keys so the file merges cleanly between teammates."""
        write_json(self.paths.team_provider_info, data, sort_keys=True)

    def backend_config(self, *, current: bool = False) -> dict[str, Any]:
        path = self.paths.current_backend_config if current else self.paths.backend_config
        return read_json(path, default={})

    def save_backend_config(self, data: dict[str, Any]) -> None:
        write_json(self.paths.backend_config, data)

    # -- local files -------------------------------------------------------------------

    def local_env_info(self) -> LocalEnvInfo:
        data = read_json(self.paths.local_env_info, default=None)
        if data is None:
            raise no_current_environment(self.root)
        return _validated(LocalEnvInfo, self.paths.local_env_info, data)

    def save_local_env_info(self, info: LocalEnvInfo) -> None:
        write_json(self.paths.local_env_info, info.model_dump(exclude_none=True))

    @property
    def env_name(self) -> str:
        return self.local_env_info().envName

    def local_aws_info(self) -> dict[str, Any]:
        return read_json(self.paths.local_aws_info, default={})

    def save_local_aws_info(self, data: dict[str, Any]) -> None:
        write_json(self.paths.local_aws_info, data)

    def amplify_meta(self, *, current: bool = False) -> dict[str, Any]:
        path = self.paths.current_amplify_meta if current else self.paths.amplify_meta
        return read_json(path, default={})

    def save_amplify_meta(self, data: dict[str, Any], *, current: bool = False) -> None:
        path = self.paths.current_amplify_meta if current else self.paths.amplify_meta
        write_json(path, data)

    def env_names(self) -> list[str]:
        """Environments known to this clone: team-provider-info ∪ local-aws-info, sorted."""
        return sorted(set(self.team_provider_info()) | set(self.local_aws_info()))


def _validated(model: Any, path: Path, data: Any) -> Any:
    """``model`` built from a file's JSON; a value it refuses is a UsageError naming the file."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        from .shapes import what_to_do

        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the whole file"
        raise UsageError(
            f"{path} has the wrong shape: {where}: {first['msg']}.", hint=what_to_do(path)
        ) from None
