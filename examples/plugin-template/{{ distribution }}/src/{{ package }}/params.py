"""The headless parameters of the ``{{ name }}`` {{ kind }}, as a pydantic model.

The core generates the JSON Schema from this model (``amplify schema`` prints it) and
validates the user's JSON against it before anything is written or deployed, so describe
every field: the descriptions are the documentation CI authors read.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
# [[if kind=frontend,provider]]
from pydantic.json_schema import SkipJsonSchema
# [[end]]

# [[if kind=frontend]]

class {{ class_name }}Config(BaseModel):
    """The frontend's ``config`` block, stored in ``project-config.json``."""

    model_config = ConfigDict(extra="forbid")

    ConfigDir: str = Field(
        min_length=1, description="Folder the config file is written to, relative to the project."
    )


class {{ class_name }}Params(BaseModel):
    """``--frontend '{"frontend": "{{ name }}", "config": {…}}'`` without the ``frontend`` key."""

    model_config = ConfigDict(extra="forbid")

    config: {{ class_name }}Config | SkipJsonSchema[None] = Field(
        default=None, description="The frontend's settings; detected defaults when left out."
    )
# [[end]]
# [[if kind=provider]]

class {{ class_name }}Params(BaseModel):
    """This provider's block of ``--providers '{"{{ name }}": {…}}'``. Never put a secret here."""

    model_config = ConfigDict(extra="forbid")

    region: str = Field(default="local", min_length=1, description="Where the environment's resources live.")
    profile: str | SkipJsonSchema[None] = Field(
        default=None, description="A named profile holding the credentials (kept outside the project)."
    )
# [[end]]
# [[if kind=category]]

class {{ class_name }}Params(BaseModel):
    """This category's block of ``--categories '{"{{ name }}": {…}}'``."""

    model_config = ConfigDict(extra="forbid")

    resourceName: str = Field(
        default="{{ name }}", pattern=r"^[a-zA-Z][a-zA-Z0-9]*$", description="Name of the category's resource."
    )
# [[end]]
