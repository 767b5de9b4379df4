"""Which resources of a template depend on which: the order CloudFormation creates them in.

moto orders resources by ``DependsOn`` only and finds ``Ref`` / ``Fn::GetAtt`` dependencies by
creating them lazily when first referenced, so a circular dependency recurses until Python's
stack runs out (HTTP 500) instead of CloudFormation's ``ValidationError: Circular dependency
between resources``. This module reads the dependency graph from the template itself: every
``Ref``, ``Fn::GetAtt`` (list or ``"A.B"`` form), ``Fn::Sub`` ``${A}`` / ``${A.B}`` and
``DependsOn`` naming another resource.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

_SUB_NAME = re.compile(r"\$\{([^!}][^}]*)\}")


class CircularDependency(Exception):
    """The template's resources depend on each other in a cycle."""

    def __init__(self, names: list[str]):
        super().__init__(f"Circular dependency between resources: [{', '.join(sorted(names))}]")
        self.names = names


def _names_in(value: Any) -> Iterator[tuple[str, str | None]]:
    """``(name, attribute)`` of every Ref / GetAtt / Sub reference inside ``value``."""
    if isinstance(value, list):
        for item in value:
            yield from _names_in(item)
        return
    if not isinstance(value, dict):
        return
    for key, inner in value.items():
        if key == "Ref" and isinstance(inner, str):
            yield inner, None
        elif key == "Fn::GetAtt":
            if isinstance(inner, str) and "." in inner:
                name, _, attribute = inner.partition(".")
                yield name, attribute
            elif isinstance(inner, list) and inner and isinstance(inner[0], str):
                yield inner[0], inner[1] if len(inner) > 1 and isinstance(inner[1], str) else None
                yield from _names_in(inner[1:])
            else:
                yield from _names_in(inner)
        elif key == "Fn::Sub":
            text, variables = (
                (inner[0], inner[1] if len(inner) > 1 else {}) if isinstance(inner, list) else (inner, {})
            )
            if isinstance(text, str):
                for match in _SUB_NAME.findall(text):
                    name, _, attribute = match.partition(".")
                    if not (isinstance(variables, dict) and name in variables):
                        yield name, attribute or None
            yield from _names_in(variables)
        else:
            yield from _names_in(inner)


def references(resource: Mapping[str, Any]) -> list[tuple[str, str | None]]:
    """Every ``(name, attribute)`` a resource's properties (and Condition-free parts) refer to."""
    return list(_names_in({k: v for k, v in resource.items() if k != "DependsOn"}))


def depends_on(resource: Mapping[str, Any]) -> list[str]:
    value = resource.get("DependsOn") or []
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]


def dependencies(resource: Mapping[str, Any], resources: Mapping[str, Any]) -> list[str]:
    """The other resources of ``resources`` that ``resource`` needs first."""
    names = [name for name, _ in references(resource)] + depends_on(resource)
    seen: dict[str, None] = {}
    for name in names:
        if name in resources:
            seen.setdefault(name)
    return list(seen)


def creation_order(resources: Mapping[str, Any]) -> list[str]:
    """Every logical id, each after everything it depends on (template order otherwise).

    :raises CircularDependency: naming the resources on a cycle.
    """
    graph = {
        name: dependencies(body if isinstance(body, dict) else {}, resources)
        for name, body in resources.items()
    }
    order: list[str] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            raise CircularDependency(path[path.index(name) :])
        state[name] = 1
        for dependency in graph[name]:
            visit(dependency, [*path, name])
        state[name] = 2
        order.append(name)

    for name in graph:
        visit(name, [])
    return order
