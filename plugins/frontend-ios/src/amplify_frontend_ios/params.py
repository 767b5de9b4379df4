"""The ``--frontend`` parameters of the ios frontend (without the ``"frontend"`` key): none.

The frontend has no settings, so any other key is refused. A ``config`` object is accepted
and ignored, because Gen 1 ignored it and its own scripts pass one: the e2e script
``frontend-config-drift.sh`` sends ``{"frontend": "ios", "config": {"ResDir": …}}``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema


class IosParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    config: dict[str, Any] | SkipJsonSchema[None] = Field(
        default=None, description="Ignored (accepted for Gen 1 scripts that pass one)."
    )
