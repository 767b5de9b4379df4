"""``amplify testkit add | configure | remove``."""

from __future__ import annotations

import shutil

import typer
from amplify_core.cli import runtime
from amplify_core.cli.output import new_app
from amplify_core.errors import UsageError
from amplify_core.state.jsonfile import read_json

from .category import SERVICE, TestkitCategory

app = new_app("testkit", "Test-only category: one S3 bucket per resource.", group=True)

BUCKET = typer.Option(None, "--bucket-name", help="Fixed bucket name prefix (the env is appended).")
LABEL = typer.Option(None, "--label", help="A tag value; changing it updates the resource.")


@app.command()
def add(name: str, bucket_name: str | None = BUCKET, label: str | None = LABEL) -> None:
    """Add a testkit resource."""
    project = runtime.context().project
    config = project.backend_config()
    if name in config.get("testkit", {}):
        raise UsageError(f"testkit resource {name!r} already exists.")
    parameters = {"label": label or "v1"}
    if bucket_name:
        parameters["bucketName"] = bucket_name
    TestkitCategory.write(project.paths.resource_dir("testkit", name), parameters)
    config.setdefault("testkit", {})[name] = {"service": SERVICE, "providerPlugin": "awscloudformation"}
    project.save_backend_config(config)
    typer.echo(f"Successfully added resource {name} locally")


@app.command()
def configure(name: str, bucket_name: str | None = BUCKET, label: str | None = LABEL) -> None:
    """Change a testkit resource's label or bucket name."""
    project = runtime.context().project
    folder = project.paths.resource_dir("testkit", name)
    if name not in project.backend_config().get("testkit", {}):
        raise UsageError(f"No testkit resource named {name!r}.")
    parameters = read_json(folder / "parameters.json", default={})
    if label is not None:
        parameters["label"] = label
    if bucket_name is not None:
        if bucket_name:
            parameters["bucketName"] = bucket_name
        else:
            parameters.pop("bucketName", None)
    TestkitCategory.write(folder, parameters)
    typer.echo(f"Successfully updated resource {name} locally")


@app.command()
def remove(name: str) -> None:
    """Remove a testkit resource (the next push deletes its stack)."""
    project = runtime.context().project
    config = project.backend_config()
    if name not in config.get("testkit", {}):
        raise UsageError(f"No testkit resource named {name!r}.")
    del config["testkit"][name]
    if not config["testkit"]:
        del config["testkit"]
    project.save_backend_config(config)
    shutil.rmtree(project.paths.resource_dir("testkit", name), ignore_errors=True)
    typer.echo("Successfully removed resource")
