"""The core's own headless parameters: ``--amplify`` and ``--codegen``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

#: An optional field whose schema says only what a given value must be (no ``null``).
Optional = SkipJsonSchema[None]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]

ENV_NAME_PATTERN = r"^[a-z]{2,10}$"
ENV_NAME_RULE = "Environment name must be between 2 and 10 characters, and lowercase only."

#: Gen 1 editor ids, plus the aliases its headless scripts use (``code`` → ``vscode``).
EDITORS = ("vscode", "android-studio", "xcode", "atom", "sublime", "intellij", "vim", "emacs", "none")
EDITOR_ALIASES = {"code": "vscode", "idea14ce": "intellij"}
Editor = Literal[
    "vscode",
    "android-studio",
    "xcode",
    "atom",
    "sublime",
    "intellij",
    "vim",
    "emacs",
    "none",
    "code",
    "idea14ce",
]


class AmplifyParams(BaseModel):
    """``--amplify``: the project's basic information."""

    model_config = ConfigDict(extra="forbid")

    projectName: Annotated[str, StringConstraints(min_length=1, max_length=128)] | Optional = Field(
        None, description="Name of the project (normalised to 3-20 alphanumerics)."
    )
    envName: Annotated[str, StringConstraints(pattern=ENV_NAME_PATTERN)] | Optional = Field(
        None, description=ENV_NAME_RULE
    )
    defaultEditor: Editor | Optional = Field(None, description="Your default code editor.")
    appId: str | Optional = Field(None, description="Amplify app id (accepted for Gen 1 compatibility).")


class CodegenParams(BaseModel):
    """``--codegen``: handed to plugins implementing ``amplify_codegen``."""

    model_config = ConfigDict(extra="forbid")

    generateCode: bool = Field(False, description="Generate code for the API.")
    codeLanguage: NonEmpty | Optional = Field(None, description="javascript, typescript, flow …")
    fileNamePattern: NonEmpty | Optional = Field(None, description="Glob of generated operation files.")
    generatedFileName: str | Optional = Field(None, description="Name of the generated types file.")
    generateDocs: bool = Field(False, description="Generate GraphQL statements.")
    maxDepth: Annotated[int, Field(ge=1)] | Optional = Field(None, description="Maximum statement depth.")


def normalize_editor(editor: str | None) -> str | None:
    """Map Gen 1 editor aliases to their ids."""
    if editor is None:
        return None
    return EDITOR_ALIASES.get(editor, editor)
