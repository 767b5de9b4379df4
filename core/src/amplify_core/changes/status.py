"""What changed since the last successful push, from local files only.

*Desired* resources are ``amplify/backend/backend-config.json``. *Deployed* resources are
``amplify/#current-cloud-backend/amplify-meta.json``, which the push writes only after the
cloud accepted the change, each with the ``lastPushDirHash`` it was deployed with. So:

* **Create** — desired, not deployed;
* **Delete** — deployed, no longer desired;
* **Update** — both, and the resource's hash (:mod:`.hashing`) differs from the deployed one;
* **No Change** — both, same hash.

A deployed entry without one of our hashes (a project last pushed by the Node CLI, whose
``lastPushDirHash`` is a base64 SHA-1 of another recipe) is compared the Gen 1 way: the hash
of its ``#current-cloud-backend`` copy and entry.
A failed or interrupted push records nothing, so its changes still show here afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..state.jsonfile import read_json
from ..state.models import DEFAULT_PROVIDER
from ..state.paths import ProjectPaths
from .hashing import resource_hash

#: ``amplify-meta.json`` keys that are not categories.
NON_CATEGORY_KEYS = frozenset({"providers", "parameters"})


class Operation(StrEnum):
    CREATE = "Create"
    UPDATE = "Update"
    DELETE = "Delete"
    NO_CHANGE = "No Change"


#: Row order of the status table, as in the Gen 1 CLI.
OPERATION_ORDER = {Operation.CREATE: 0, Operation.UPDATE: 1, Operation.DELETE: 2, Operation.NO_CHANGE: 3}


@dataclass(frozen=True)
class ResourceStatus:
    """One resource and what a push would do to it.

    :param entry: the desired ``backend-config.json`` entry (the deployed one for Delete).
    :param local_hash: the resource's hash now (``None`` for Delete).
    :param deployed_hash: the hash recorded at its last successful push (``None`` for Create).
    """

    category: str
    name: str
    operation: Operation
    entry: Mapping[str, Any] = field(default_factory=dict)
    local_hash: str | None = None
    deployed_hash: str | None = None

    @property
    def service(self) -> str:
        return str(self.entry.get("service", ""))

    @property
    def provider_plugin(self) -> str:
        return str(self.entry.get("providerPlugin", DEFAULT_PROVIDER))

    @property
    def logical_id(self) -> str:
        """The nested stack's logical id in the root stack (Gen 1: ``<category><resource>``)."""
        return f"{self.category}{self.name}"

    @property
    def changed(self) -> bool:
        return self.operation is not Operation.NO_CHANGE

    @property
    def key(self) -> tuple[str, str]:
        return (self.category, self.name)


@dataclass(frozen=True)
class BackendStatus:
    """Every resource's status plus whether the stack tags changed."""

    env_name: str
    resources: tuple[ResourceStatus, ...]
    tags_changed: bool = False

    @property
    def changes(self) -> list[ResourceStatus]:
        return [r for r in self.resources if r.changed]

    @property
    def has_changes(self) -> bool:
        return bool(self.changes) or self.tags_changed

    def filtered(self, categories: Iterable[str]) -> list[ResourceStatus]:
        """Rows of the given categories (case-insensitive); all rows when none are given."""
        wanted = {c.lower() for c in categories}
        if not wanted:
            return list(self.resources)
        return [r for r in self.resources if r.category.lower() in wanted]

    def get(self, category: str, name: str) -> ResourceStatus | None:
        return next((r for r in self.resources if r.key == (category, name)), None)


def categories_of(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{category: {resource: entry}}`` of a backend-config or amplify-meta document."""
    out: dict[str, dict[str, Any]] = {}
    for category, resources in (data or {}).items():
        if category in NON_CATEGORY_KEYS or not isinstance(resources, dict):
            continue
        entries = {n: e for n, e in resources.items() if isinstance(e, dict)}
        if entries:
            out[category] = entries
    return out


def compare(
    desired: Mapping[str, Mapping[str, Any]],
    deployed: Mapping[str, Mapping[str, Any]],
    local_hashes: Mapping[tuple[str, str], str],
    fallback_hashes: Mapping[tuple[str, str], str] | None = None,
) -> list[ResourceStatus]:
    """The pure core of :func:`backend_status`: entries and hashes in, statuses out (sorted).

    :param desired: ``{category: {resource: backend-config entry}}``.
    :param deployed: ``{category: {resource: current amplify-meta entry}}``.
    :param local_hashes: the hash of every desired resource.
    :param fallback_hashes: for deployed entries lacking ``lastPushDirHash``, the hash of
        their ``#current-cloud-backend`` copy.
    """
    fallback_hashes = fallback_hashes or {}
    rows: list[ResourceStatus] = []
    for category, resources in desired.items():
        for name, entry in resources.items():
            key = (category, name)
            current = (deployed.get(category) or {}).get(name)
            local = local_hashes[key]
            if current is None:
                rows.append(ResourceStatus(category, name, Operation.CREATE, entry, local, None))
                continue
            recorded = current.get("lastPushDirHash")
            if not is_our_hash(recorded):
                recorded = fallback_hashes.get(key)
            operation = Operation.NO_CHANGE if recorded == local else Operation.UPDATE
            rows.append(ResourceStatus(category, name, operation, entry, local, recorded))
    for category, resources in deployed.items():
        for name, entry in resources.items():
            if name not in (desired.get(category) or {}):
                rows.append(
                    ResourceStatus(
                        category,
                        name,
                        Operation.DELETE,
                        _desired_part(entry),
                        None,
                        entry.get("lastPushDirHash"),
                    )
                )
    rows.sort(key=lambda r: (OPERATION_ORDER[r.operation], r.category, r.name))
    return rows


def is_our_hash(value: Any) -> bool:
    """A hash recorded by this CLI (hex SHA-256), not by the Node CLI (base64 SHA-1)."""
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


#: Keys a push adds to an ``amplify-meta.json`` entry; what remains is the backend-config entry.
RUNTIME_KEYS = frozenset(
    {
        "providerMetadata",
        "output",
        "lastPushTimeStamp",
        "lastPushDirHash",
        "lastPushTemplateHash",
    }
)


def _desired_part(meta_entry: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta_entry.items() if k not in RUNTIME_KEYS}


def backend_status(paths: ProjectPaths, env_name: str) -> BackendStatus:
    """Compare ``amplify/backend`` with the last successful push. Reads local files only."""
    desired = categories_of(read_json(paths.backend_config, default={}))
    deployed = categories_of(read_json(paths.current_amplify_meta, default={}))
    local_hashes = {
        (category, name): resource_hash(paths.resource_dir(category, name), entry)
        for category, resources in desired.items()
        for name, entry in resources.items()
    }
    fallback: dict[tuple[str, str], str] = {}
    missing = [
        (category, name)
        for category, resources in deployed.items()
        for name, entry in resources.items()
        if not is_our_hash(entry.get("lastPushDirHash")) and name in (desired.get(category) or {})
    ]
    if missing:
        current_config = categories_of(read_json(paths.current_backend_config, default={}))
        for category, name in missing:
            entry = (current_config.get(category) or {}).get(name) or _desired_part(deployed[category][name])
            fallback[(category, name)] = resource_hash(
                paths.resource_dir(category, name, current=True), entry
            )
    rows = compare(desired, deployed, local_hashes, fallback)
    return BackendStatus(env_name=env_name, resources=tuple(rows), tags_changed=tags_changed(paths))


def tags_path(paths: ProjectPaths, *, current: bool = False) -> Path:
    base = paths.current_cloud_backend if current else paths.backend
    return base / "tags.json"


def tags_changed(paths: ProjectPaths) -> bool:
    """``backend/tags.json`` differs from the copy taken at the last successful push."""
    local = read_json(tags_path(paths), default=None)
    current = read_json(tags_path(paths, current=True), default=None)
    return local != current
