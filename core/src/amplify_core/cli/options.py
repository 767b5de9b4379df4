"""The options several commands share, declared once."""

from __future__ import annotations

import typer

YES = typer.Option(False, "--yes", "-y", help="Take defaults; never prompt.")
AMPLIFY = typer.Option(
    None, "--amplify", help="Project JSON: projectName, envName, defaultEditor (inline, @file.json or -)."
)
FRONTEND = typer.Option(
    None, "--frontend", help="Frontend JSON: frontend, framework, config (inline, @file.json or -)."
)
PROVIDERS = typer.Option(
    None, "--providers", help='Providers JSON, e.g. {"awscloudformation": {…}} (inline, @file.json or -).'
)
CATEGORIES = typer.Option(
    None, "--categories", help="Per-category JSON for this environment (inline, @file.json or -)."
)
JSON = typer.Option(
    False, "--json", help="Print one JSON document with the result on stdout; messages go to stderr."
)
CODEGEN = typer.Option(
    None, "--codegen", help="Codegen JSON handed to codegen plugins (inline, @file.json or -)."
)
FORCE_UNLOCK = typer.Option(
    False,
    "--force-unlock",
    help=(
        "Break the environment's deployment lock before deploying. Use only when the command "
        "named in the 'locked by' message is no longer running (it was killed, or its machine "
        "went away); breaking a live deployment's lock lets two deployments collide. A lock left "
        "by a dead process of this machine and user is broken without it, with a warning."
    ),
)
