"""The ``--frontend`` parameters of the javascript frontend (without the ``"frontend"`` key).

The core turns this model into a JSON Schema and validates the user's JSON against it before
anything is written, so an unknown framework or an incomplete ``config`` is refused with its
JSON path and exit 2. Gen 1 warned and fell back to ``none`` for an unknown framework, and
refused an incomplete ``config``; here both are errors because a CI script that names a
framework means it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from .frameworks import Framework


class JavascriptConfig(BaseModel):
    """All four keys, or none: Gen 1 refused a partial ``config`` the same way."""

    model_config = ConfigDict(extra="forbid")

    SourceDir: str = Field(
        min_length=1, description="Where aws-exports.js is written, relative to the project."
    )
    DistributionDir: str = Field(
        min_length=1, description="The folder the build produces and hosting publishes."
    )
    BuildCommand: str = Field(
        min_length=1, description="Shell command that builds the app, run from the project root."
    )
    StartCommand: str = Field(
        min_length=1, description="Shell command that serves the app locally (amplify run)."
    )


class JavascriptParams(BaseModel):
    """``{"framework": …, "config": {…}}``; both optional, detected defaults fill the gaps."""

    model_config = ConfigDict(extra="forbid")

    framework: Framework | SkipJsonSchema[None] = Field(
        default=None, description="The framework; detected from package.json when left out."
    )
    config: JavascriptConfig | SkipJsonSchema[None] = Field(
        default=None, description="The four settings; the framework's defaults when left out."
    )
