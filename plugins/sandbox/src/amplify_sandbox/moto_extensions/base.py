"""Shared plumbing: CloudFormation values arrive as numbers, booleans or strings, and resource
types moto does not know are registered with its template parser here.

moto looks resource types up in ``moto.cloudformation.parsing.get_model_map()``; :func:`register`
adds a model class to what that function returns (wrapped once, so nothing changes until a gap
module's ``install()`` runs). Another module adds a resource type with one ``register(Model)``."""

from __future__ import annotations

import functools
from typing import Any

from moto.cloudformation import parsing
from moto.cloudfront.models import cloudfront_backends
from moto.core.common_models import BaseModel


def as_bool(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def as_int(value: Any, default: int | None = None) -> int | None:
    if value is None or value == "":
        return default
    return int(float(value))


def cf_list(values: list[Any] | None) -> dict[str, Any]:
    """CloudFront's ``{"Quantity": n, "Items": [...]}`` list wrapper."""
    values = list(values or [])
    return {"Quantity": len(values), "Items": values}


class CfnResource(BaseModel):
    """Common plumbing of the resource types moto does not know (moto duck-types these)."""

    def is_created(self) -> bool:
        return True


class CloudFrontResource(CfnResource):
    """A stack resource that lives in moto's CloudFront backend of its account and partition."""

    account_id: str
    partition: str

    def _backend(self) -> Any:
        return cloudfront_backends[self.account_id][self.partition]


_EXTRA_TYPES: dict[str, Any] = {}
_WRAPPED = False


def register(model: Any) -> None:
    """Make moto's template parser create ``model`` for its ``cloudformation_type()``."""
    global _WRAPPED
    _EXTRA_TYPES[model.cloudformation_type()] = model
    if not _WRAPPED:
        original = parsing.get_model_map

        @functools.lru_cache
        def get_model_map() -> dict[str, Any]:
            return {**original(), **_EXTRA_TYPES}

        parsing.get_model_map = get_model_map
        _WRAPPED = True
    parsing.get_model_map.cache_clear()
