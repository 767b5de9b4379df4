"""Import references written as ``"package.module:attribute"``.

Descriptors name their implementation classes this way so that listing plugins, building
``--help`` and printing ``--version`` never import a plugin's heavy modules.
"""

from importlib import import_module
from typing import Any


def resolve(ref: Any) -> Any:
    """Return the object a ``"module:attr"`` string names; any other value is returned as is."""
    if not isinstance(ref, str):
        return ref
    module_name, sep, attr = ref.partition(":")
    if not sep or not module_name or not attr:
        raise ValueError(f"not an import reference of the form 'module:attribute': {ref!r}")
    obj: Any = import_module(module_name)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def is_ref(value: Any) -> bool:
    """True for a well-formed ``"module:attr"`` string."""
    if not isinstance(value, str):
        return False
    module_name, sep, attr = value.partition(":")
    return bool(sep and module_name and attr)
