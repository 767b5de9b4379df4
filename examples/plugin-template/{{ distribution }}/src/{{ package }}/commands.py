"""``amplify {{ name }} …``: imported only when one of these commands runs."""

from __future__ import annotations

import typer
from amplify_core.plugin import AmplifyError, command_context

app = typer.Typer(
    name="{{ name }}",
    help={{ description|quoted }},
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@app.callback()
def main() -> None:
    """{{ description|docstring }}"""


@app.command()
def status() -> None:
    """Say where the plugin runs and whether that folder is an amplify project."""
    context = command_context()
    try:
        where = f"project {context.project.project_config().projectName}"
    except AmplifyError:  # outside a project is fine here
        where = "no amplify project"
    context.console.info(f"{{ name }}: active in {context.cwd} ({where})")
