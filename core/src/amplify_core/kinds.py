"""The one table of plugin kinds.

Discovery (entry-point groups), registration (hooks and the descriptor each returns), the
registry's tables, ``plugin verify``, ``plugin new``, the test kit and ``amplify schema`` all
iterate :data:`KINDS`; adding a kind is one more row here plus its hookspec.
"""

from __future__ import annotations

from dataclasses import dataclass

from .descriptors import CategoryInfo, CommandInfo, FrontendInfo, PluginInfo, ProviderInfo


@dataclass(frozen=True)
class Kind:
    """One kind of plugin.

    :param name: the kind's word (``plugin list``'s Kind column, ``plugin new --kind``).
    :param group: the entry-point group that names plugins of this kind.
    :param hook: the registration hook that returns its descriptors.
    :param descriptor: the descriptor type that hook returns.
    :param table: the :class:`~amplify_core.plugins.registry.PluginSet` attribute indexing
        active descriptors of this type by name.
    :param interface: ``"module:Class"`` its factories must subclass; ``None`` for commands.
    :param param_flag: the headless flag whose JSON holds a block per plugin of this kind
        (its schemas are named ``<flag>.<name>`` by ``amplify schema``), or ``None``.
    :param help: one line for ``plugin new``.
    """

    name: str
    group: str
    hook: str
    descriptor: type[PluginInfo]
    table: str
    interface: str | None
    param_flag: str | None
    help: str


KINDS: tuple[Kind, ...] = (
    Kind(
        name="frontend",
        group="amplify.frontends",
        hook="amplify_frontends",
        descriptor=FrontendInfo,
        table="frontends",
        interface="amplify_core.interfaces:Frontend",
        param_flag="frontend",
        help="a kind of app: detects it, writes its config files (like javascript, flutter)",
    ),
    Kind(
        name="provider",
        group="amplify.providers",
        hook="amplify_providers",
        descriptor=ProviderInfo,
        table="providers",
        interface="amplify_core.interfaces:Provider",
        param_flag="providers",
        help="a cloud provider: credentials and environments (like awscloudformation)",
    ),
    Kind(
        name="category",
        group="amplify.categories",
        hook="amplify_categories",
        descriptor=CategoryInfo,
        table="categories",
        interface="amplify_core.interfaces:Category",
        param_flag="categories",
        help="a backend category contributing CloudFormation (like hosting)",
    ),
    Kind(
        name="util",
        group="amplify.plugins",
        hook="amplify_commands",
        descriptor=CommandInfo,
        table="commands",
        interface=None,
        param_flag=None,
        help="adds commands and/or handles events",
    ),
)

BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
BY_GROUP: dict[str, Kind] = {kind.group: kind for kind in KINDS}
BY_HOOK: dict[str, Kind] = {kind.hook: kind for kind in KINDS}


def kind_of(info: PluginInfo) -> Kind:
    """The kind whose descriptor type ``info`` is (a subclass counts)."""
    for kind in KINDS:
        if isinstance(info, kind.descriptor):
            return kind
    raise TypeError(f"{type(info).__name__} is not a plugin descriptor")
