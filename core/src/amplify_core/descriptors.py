"""What registration hooks return: small frozen descriptors.

A descriptor names a plugin and points at the code that does the work with ``"module:attr"``
strings (see :mod:`amplify_core.lazy`), so the core can list plugins and build ``--help``
without importing implementations. Behaviour lives on the object ``factory`` builds.

Validation happens in ``__post_init__``: a malformed descriptor is refused when its plugin is
loaded, and the plugin is reported as invalid instead of failing later. Which hook returns
which descriptor, and where each is listed, is the kinds table (:mod:`amplify_core.kinds`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from . import API_VERSION
from .lazy import is_ref

if TYPE_CHECKING:
    from .context import AmplifyContext

#: The one rule for plugin, descriptor, entry-point and command names.
NAME_RULE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
NAME_RULE_TEXT = "lowercase letters and digits, words joined by single '-' (like 'my-tool')"

Ref: TypeAlias = "str | Callable[..., Any]"
"""A ``"module:attr"`` string (imported on first use) or the object itself."""

Factory: TypeAlias = "str | Callable[[AmplifyContext], Any]"
"""A ``"module:Class"`` string or a callable that takes the context and returns the object."""


def name_problem(name: object) -> str | None:
    """Why ``name`` breaks :data:`NAME_RULE`, or ``None`` when it is a good name."""
    if isinstance(name, str) and NAME_RULE.match(name):
        return None
    return f"{name!r} must be {NAME_RULE_TEXT}"


def _check_ref(what: str, value: object, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not (is_ref(value) or callable(value)):
        raise ValueError(f"{what} must be a 'module:attr' string or a callable")


@dataclass(frozen=True, kw_only=True)
class PluginInfo:
    """The base of every descriptor: a name, a one-line summary and the plugin API it speaks.

    :param name: the plugin's name (``javascript``, ``hosting``, ``sandbox``).
    :param summary: one line for ``plugin list``, prompts and ``--help``.
    :param api_version: leave the default; a core speaking another API refuses the plugin.
    """

    name: str
    summary: str
    api_version: int = API_VERSION

    #: Singular noun used in error messages (``frontend``, ``command`` …).
    noun = "plugin"

    def __post_init__(self) -> None:
        problem = name_problem(self.name)
        if problem:
            raise ValueError(f"{self.noun} name {problem}")
        for alias in self.names()[1:]:
            problem = name_problem(alias)
            if problem:
                raise ValueError(f"{self.noun} {self.name!r}: alias {problem}")
        if not isinstance(self.summary, str) or not self.summary.strip():
            raise ValueError(f"{self.noun} {self.name!r} needs a non-empty summary")
        if not isinstance(self.api_version, int):
            raise ValueError(f"{self.noun} {self.name!r}: api_version must be an int")
        try:
            self._check_refs()
        except ValueError as exc:
            raise ValueError(f"{self.noun} {self.name!r}: {exc}") from None

    def names(self) -> tuple[str, ...]:
        """Every name this descriptor takes in its table (the name, then any aliases)."""
        return (self.name,)

    def refs(self) -> dict[str, Any]:
        """Every ``"module:attr"`` reference it holds, by field (for ``plugin verify``)."""
        return {}

    def _check_refs(self) -> None:
        for what, ref in self.refs().items():
            _check_ref(what, ref)


@dataclass(frozen=True, kw_only=True)
class ImplementedInfo(PluginInfo):
    """A descriptor whose behaviour lives on an object its ``factory`` builds.

    :param factory: ``"module:Class"`` of the kind's interface subclass (see each kind);
        called with the :class:`~amplify_core.context.AmplifyContext`.
    :param params: ``"module:Model"`` of the pydantic model of its headless JSON block.
    :param schemas: further named parameter models (``{"add": "m:HostingAddParams"}``) that
        ``amplify schema`` can print.
    """

    factory: Factory
    params: Ref | None = None
    schemas: Mapping[str, Ref] = field(default_factory=dict)

    def refs(self) -> dict[str, Any]:
        found: dict[str, Any] = {"factory": self.factory}
        if self.params is not None:
            found["params"] = self.params
        found.update({f"schemas[{key!r}]": ref for key, ref in self.schemas.items()})
        return found


@dataclass(frozen=True, kw_only=True)
class FrontendInfo(ImplementedInfo):
    """A frontend (javascript, android, ios …).

    ``name`` is the one used in ``--frontend {"frontend": name}`` and ``project-config.json``;
    ``factory`` builds an :class:`amplify_core.interfaces.Frontend`; ``params`` is the model of
    the ``--frontend`` JSON without its ``frontend`` key (``{"framework": …, "config": {…}}``).
    """

    noun = "frontend"


@dataclass(frozen=True, kw_only=True)
class ProviderInfo(ImplementedInfo):
    """A cloud provider (``awscloudformation``); ``factory`` builds an
    :class:`amplify_core.interfaces.Provider`, ``params`` models its block of ``--providers``."""

    noun = "provider"


@dataclass(frozen=True, kw_only=True)
class CategoryInfo(ImplementedInfo):
    """A backend category (``hosting`` …); ``factory`` builds an
    :class:`amplify_core.interfaces.Category`, ``params`` models its block of ``--categories``.

    :param services: the services it offers (``("S3AndCloudFront",)``).
    """

    services: tuple[str, ...] = ()
    noun = "category"


@dataclass(frozen=True, kw_only=True)
class CommandInfo(PluginInfo):
    """A top-level command group a plugin adds (``amplify sandbox …``, ``amplify hosting …``).

    :param name: the word after ``amplify``.
    :param summary: the line shown in ``amplify --help``.
    :param app: ``"module:app"`` of a ``typer.Typer`` (imported only when the command runs
        or its own ``--help`` is asked for).
    :param aliases: other words for the same group (``("aws",)``).
    """

    app: Ref
    aliases: tuple[str, ...] = ()
    noun = "command"

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def refs(self) -> dict[str, Any]:
        return {"app": self.app}


Descriptor = FrontendInfo | ProviderInfo | CategoryInfo | CommandInfo
