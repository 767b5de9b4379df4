"""The object every command, plugin object and event hook receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .console import Console
from .errors import PluginError
from .lazy import resolve
from .plugins.registry import OFFICIAL_PACKAGES, PluginSet, Registered
from .prompts.prompter import Prompter

if TYPE_CHECKING:
    from .interfaces import Category, Frontend, Provider
    from .state.project import Project


@dataclass
class AmplifyContext:
    """What a command knows: where it runs, the plugins, how to ask and how to print.

    :param cwd: the folder the command was started in.
    :param yes: ``--yes`` was given (take defaults, skip confirmations).
    """

    plugins: PluginSet
    prompter: Prompter
    console: Console = field(default_factory=Console)
    cwd: Path = field(default_factory=Path.cwd)
    yes: bool = False
    _project: Project | None = field(default=None, repr=False)
    _instances: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)

    # -- project -----------------------------------------------------------------------

    @property
    def project(self) -> Project:
        """The project around ``cwd`` (found by walking up); ProjectError outside one."""
        if self._project is None:
            from .state.project import Project

            self._project = Project.find(self.cwd)
        return self._project

    def set_project(self, project: Project) -> None:
        self._project = project

    @property
    def project_dir(self) -> Path:
        return self._project.root if self._project else self.cwd

    # -- plugin objects ----------------------------------------------------------------

    def frontend(self, name: str) -> Frontend:
        """The object of frontend ``name`` (one per context); PluginError when not installed."""
        frontend: Frontend = self._instance("frontend", name, self.plugins.frontends)
        return frontend

    def provider(self, name: str | None = None) -> Provider:
        """The object of provider ``name`` (one per context; default Gen 1's); PluginError when
        not installed."""
        if name is None:
            from .state.models import DEFAULT_PROVIDER

            name = DEFAULT_PROVIDER
        provider: Provider = self._instance("provider", name, self.plugins.providers)
        return provider

    def category(self, name: str) -> Category:
        """The object of category ``name`` (one per context); PluginError when not installed."""
        category: Category = self._instance("category", name, self.plugins.categories)
        return category

    def _instance(self, kind: str, name: str, table: dict[str, Registered]) -> Any:
        key = (kind, name)
        if key not in self._instances:
            registered = table.get(name)
            if registered is None:
                from .plugins.install import install_command

                package = OFFICIAL_PACKAGES.get(name)
                installed = ", ".join(sorted(table)) or "none"
                raise PluginError(
                    f"The {kind} {name!r} is not installed (installed: {installed}).",
                    hint=f"Install it: {install_command(package)}" if package else None,
                )
            self._instances[key] = resolve(registered.info.factory)(self)
        return self._instances[key]

    # -- events ------------------------------------------------------------------------

    def fire(self, event: str, **kwargs: Any) -> None:
        """Broadcast an event hook through the plugin manager, in pluggy's order.

        Each implementation is isolated (:mod:`amplify_core.plugins.guard`): a failing
        ``amplify_pre_*`` implementation stops the command; any other is reported by plugin
        name and the rest still run.
        """
        getattr(self.plugins.pm.hook, event)(context=self, **kwargs)


@dataclass(frozen=True)
class Outcome:
    """Passed to ``amplify_post_*`` hooks."""

    success: bool
    error: BaseException | None = None
    url: str | None = None
