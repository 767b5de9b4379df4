"""The ``--frontend`` parameters of the flutter frontend (without the ``"frontend"`` key).

``{"frontend": "flutter", "config": {"ResDir": "./lib/"}}``. As in Gen 1, a ``config``
without ``ResDir`` is refused ("the Flutter frontend configuration is incomplete"); here the
JSON Schema says so, and the core reports it with its path before anything is written.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema


class FlutterConfig(BaseModel):
    """The frontend's ``config`` block, stored in ``project-config.json``."""

    model_config = ConfigDict(extra="forbid")

    ResDir: str = Field(
        min_length=1,
        description="Folder for amplifyconfiguration.dart, relative to the project (Gen 1 default ./lib/).",
    )


class FlutterParams(BaseModel):
    """``--frontend '{"frontend": "flutter", "config": {"ResDir": …}}'`` without ``frontend``."""

    model_config = ConfigDict(extra="forbid")

    config: FlutterConfig | SkipJsonSchema[None] = Field(
        default=None, description="Where the configuration file goes; ./lib/ when left out."
    )
