"""``amplify schema``: the JSON Schema of every headless parameter, for CI and editors."""

from __future__ import annotations

from typing import Any

import typer

from ...errors import UsageError
from ...kinds import KINDS
from ...params.models import AmplifyParams, CodegenParams
from ...params.validate import schema_of
from .. import runtime
from ..output import new_app, print_json

app = new_app("schema", "Print the JSON Schema of a headless parameter.")

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def available() -> dict[str, Any]:
    """Schema name → model reference, for the core and every active plugin."""
    plugins = runtime.plugins()
    names: dict[str, Any] = {"amplify": AmplifyParams, "codegen": CodegenParams}
    for kind in KINDS:
        if kind.param_flag is None:
            continue
        for name, registered in plugins.tables[kind.name].items():
            info = registered.info
            if info.params is not None:
                names[f"{kind.param_flag}.{name}"] = info.params
            for key, ref in info.schemas.items():
                names[f"{kind.param_flag}.{name}.{key}"] = ref
    return names


@app.command()
def schema(
    name: str = typer.Argument(
        None, help="Which schema, e.g. amplify, frontend.javascript, providers.awscloudformation."
    ),
) -> None:
    """Print a schema, or list the names of all schemas when NAME is omitted."""
    names = available()
    if name is None:
        for key in sorted(names):
            typer.echo(key)
        return
    if name not in names:
        raise UsageError(f"No schema named {name!r}; available: {', '.join(sorted(names))}")
    print_json({"$schema": DIALECT, **schema_of(names[name])})
