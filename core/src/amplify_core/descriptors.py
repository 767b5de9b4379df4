"""What registration hooks return: small frozen descriptors.

A descriptor names a plugin and points at the code that does the work with ``"module:attr"``
strings (see :mod:`amplify_core.lazy`), so the core can list plugins and build ``--help``
without importing implementations. Behaviour lives on the object ``factory`` builds.

Validation happens in ``__post_init__``: a malformed descriptor is refused when its plugin is
loaded, and the plugin is reported as invalid instead of failing later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import API_VERSION
from .lazy import is_ref

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def _check_common(kind: str, name: str, summary: str, api_version: int) -> None:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"{kind} name must be lowercase letters, digits and '-': {name!r}")
    if not isinstance(summary, str) or not summary.strip():
        raise ValueError(f"{kind} {name!r} needs a non-empty summary")
    if not isinstance(api_version, int):
        raise ValueError(f"{kind} {name!r}: api_version must be an int")


def _check_ref(kind: str, name: str, what: str, value: Any, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not (is_ref(value) or callable(value)):
        raise ValueError(f"{kind} {name!r}: {what} must be a 'module:attr' string or a callable")


@dataclass(frozen=True, kw_only=True)
class FrontendInfo:
    """A frontend (javascript, android, ios …).

    :param name: the name used in ``--frontend {"frontend": name}`` and ``project-config.json``.
    :param summary: one line for ``plugin list`` and prompts.
    :param factory: ``"module:Class"`` of an :class:`amplify_core.interfaces.Frontend` subclass;
        called with the :class:`~amplify_core.context.AmplifyContext`.
    :param params: ``"module:Model"`` of the pydantic model for the ``--frontend`` JSON
        without its ``frontend`` key (e.g. ``{"framework": …, "config": {…}}``).
    """

    name: str
    summary: str
    factory: Any
    params: Any = None
    api_version: int = API_VERSION

    def __post_init__(self) -> None:
        _check_common("frontend", self.name, self.summary, self.api_version)
        _check_ref("frontend", self.name, "factory", self.factory)
        _check_ref("frontend", self.name, "params", self.params, optional=True)


@dataclass(frozen=True, kw_only=True)
class ProviderInfo:
    """A cloud provider (``awscloudformation``).

    :param params: ``"module:Model"`` for the provider's block of ``--providers``.
    :param schemas: further named parameter models (e.g. ``{"env-import-config": "m:Model"}``)
        that ``amplify schema`` can print.
    """

    name: str
    summary: str
    factory: Any
    params: Any = None
    schemas: dict[str, Any] = field(default_factory=dict)
    api_version: int = API_VERSION

    def __post_init__(self) -> None:
        _check_common("provider", self.name, self.summary, self.api_version)
        _check_ref("provider", self.name, "factory", self.factory)
        _check_ref("provider", self.name, "params", self.params, optional=True)
        for key, ref in self.schemas.items():
            _check_ref("provider", self.name, f"schemas[{key!r}]", ref)


@dataclass(frozen=True, kw_only=True)
class CategoryInfo:
    """A backend category (``hosting`` …).

    :param services: the services it offers (``("S3AndCloudFront",)``).
    :param params: ``"module:Model"`` for the category's block of ``--categories``.
    :param schemas: further named parameter models (``{"add": "m:HostingAddParams"}``).
    """

    name: str
    summary: str
    factory: Any
    services: tuple[str, ...] = ()
    params: Any = None
    schemas: dict[str, Any] = field(default_factory=dict)
    api_version: int = API_VERSION

    def __post_init__(self) -> None:
        _check_common("category", self.name, self.summary, self.api_version)
        _check_ref("category", self.name, "factory", self.factory)
        _check_ref("category", self.name, "params", self.params, optional=True)
        for key, ref in self.schemas.items():
            _check_ref("category", self.name, f"schemas[{key!r}]", ref)


@dataclass(frozen=True, kw_only=True)
class CommandInfo:
    """A top-level command group a plugin adds (``amplify sandbox …``, ``amplify hosting …``).

    :param name: the word after ``amplify``.
    :param summary: the line shown in ``amplify --help``.
    :param app: ``"module:app"`` of a ``typer.Typer`` (imported only when the command runs
        or its own ``--help`` is asked for).
    :param aliases: other words for the same group (``("aws",)``).
    """

    name: str
    summary: str
    app: Any
    aliases: tuple[str, ...] = ()
    api_version: int = API_VERSION

    def __post_init__(self) -> None:
        _check_common("command", self.name, self.summary, self.api_version)
        _check_ref("command", self.name, "app", self.app)
        for alias in self.aliases:
            if not _NAME.match(alias):
                raise ValueError(f"command {self.name!r}: bad alias {alias!r}")


Descriptor = FrontendInfo | ProviderInfo | CategoryInfo | CommandInfo
