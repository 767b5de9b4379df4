"""The ``--frontend`` parameters of the android frontend (without the ``"frontend"`` key).

``{"config": {"ResDir": "app/src/main/res"}}``. ``config`` may be left out (the default
``ResDir`` is used); given, it needs ``ResDir``, as Gen 1 required ("…android frontend
configuration is incomplete").
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema


class AndroidConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ResDir: str = Field(min_length=1, description="The app's res folder, relative to the project.")


class AndroidParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    config: AndroidConfig | SkipJsonSchema[None] = Field(
        default=None, description="Where the res folder is; app/src/main/res when left out."
    )
