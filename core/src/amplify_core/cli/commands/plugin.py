"""``amplify plugin``: list what is installed, verify, scaffold and pin plugins.

Only ``typer`` and the runtime are imported here; each subcommand imports its own machinery
when it runs, so ``amplify plugin --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import typer

from ... import API_VERSION, __version__
from ...console import Console
from ...kinds import BY_NAME
from .. import runtime
from ..options import YES
from ..output import new_app, print_json

app = new_app("plugin", "List, verify, scaffold and pin plugins.", group=True)


@app.command("list")
def list_plugins(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON document (stable for CI logs)."),
) -> None:
    """Show every plugin: kind, distribution, version, status."""
    plugins = runtime.plugins()
    records = sorted(plugins.records, key=lambda r: (r.kind, r.name, r.distribution))
    if as_json:
        print_json(
            {
                "core": {
                    "distribution": "amplify-cli-core",
                    "version": __version__,
                    "apiVersion": API_VERSION,
                },
                "plugins": [r.as_json() for r in records],
            }
        )
        return
    rows = [
        (r.name, r.kind, r.distribution, r.version, r.status.value + (f": {r.reason}" if r.reason else ""))
        for r in records
    ]
    Console().table(("Name", "Kind", "Distribution", "Version", "Status"), rows)


@app.command("verify")
def verify(
    target: str = typer.Argument(
        None,
        help="A plugin package folder, an installed distribution or a plugin name (default: this folder).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Check a plugin (folder or installed) the way discovery will.

    Entry points, hook names and signatures, descriptors, parameter schemas, and the core
    version it requires. Exits 0 with a one-line verdict, or 1 listing every problem.
    """
    from ...errors import UsageError
    from ...plugins.verify import Report, verify_distribution, verify_folder

    path = Path(target) if target else Path.cwd()
    if path.name == "pyproject.toml" and path.is_file():
        path = path.parent
    report: Report | None
    if path.is_dir():
        report = verify_folder(path)
    else:
        report = verify_distribution(_distribution_of(target))
        if report is None:
            raise UsageError(
                f"No folder, installed distribution or plugin named {target!r}.",
                hint="Pass a package folder (with pyproject.toml) or a name from `amplify plugin list`.",
            )
    console = Console()
    if as_json:
        print_json(report.as_json())
    elif report.ok:
        console.success(report.verdict())
    else:
        console.print(f"✖ {report.verdict()}:")
        for problem in report.problems:
            console.print(f"  - {problem}")
    if not as_json:
        for warning in report.warnings:
            console.warn(warning)
    if not report.ok:
        raise typer.Exit(1)


def _distribution_of(name: str) -> str:
    """A plugin name (``flutter``) means its distribution; anything else is taken as one."""
    for record in runtime.plugins().records:
        if record.name == name and record.distribution != "unknown":
            return record.distribution
    return name


@app.command("new")
def new(
    name_arg: str = typer.Argument(None, metavar="NAME", help="The plugin's name (same as --name)."),
    name: str = typer.Option(
        None, "--name", help="The plugin's name: lowercase words joined by '-' (audit)."
    ),
    kind: str = typer.Option(None, "--kind", help=f"One of {', '.join(BY_NAME)}."),
    events: str = typer.Option(
        None, "--events", help="Events to handle, comma-separated (post_push,pre_init …), 'all' or 'none'."
    ),
    description: str = typer.Option(
        None, "--description", help="One line for the package metadata and README."
    ),
    directory: Path = typer.Option(
        None, "--dir", help="Where to create amplify-<kind>-<name>/ (default: here)."
    ),
    template: Path = typer.Option(None, "--template", help="Use another copy of the plugin template."),
    force: bool = typer.Option(False, "--force", help="Replace the folder if it already exists."),
    yes: bool = YES,
) -> None:
    """Create a plugin package from the template.

    Writes amplify-<kind>-<name>/: pyproject with its entry point, descriptor, hooks for the
    chosen events, README, tests and CI. Headless:
    amplify plugin new --kind util --name audit --events post_push --yes
    """
    from ...errors import UsageError
    from ...scaffold.new import created_summary, next_steps, settle_spec, write_plugin

    if name_arg and name and name_arg != name:
        raise UsageError(f"Two names given: {name_arg!r} and --name {name!r}")
    ctx = runtime.context(yes=yes)
    spec = settle_spec(ctx, name=name or name_arg, kind=kind, events=events, description=description)
    files = spec.render(template)
    target = (directory or ctx.cwd).resolve() / spec.distribution
    write_plugin(files, target, force=force)
    ctx.console.success(created_summary(spec, list(files)))
    ctx.console.print("Next steps:")
    for step in next_steps(spec, target, ctx.cwd.resolve()):
        ctx.console.print(f"  {step}")


@app.command("pin")
def pin(
    names: list[str] = typer.Argument(
        None,
        help="Plugins or distributions to pin (default: every active third-party plugin, replacing the pins).",
    ),
    all_plugins: bool = typer.Option(
        False, "--all", help="With no NAMES: pin the official plugins too (amplify-cli pins their series)."
    ),
    remove: bool = typer.Option(False, "--remove", help="Remove the pins of NAMES instead."),
    check: bool = typer.Option(False, "--check", help="Only check the pins against what is installed."),
) -> None:
    """Pin this project's plugin versions (for CI).

    Writes "plugins" in amplify/.config/project-config.json. Every later command in this project first checks the pins and stops (exit 2) when an
    installed plugin differs, naming the pip install that fixes it.
    """
    from ...errors import UsageError
    from ...plugins.pins import CONFIG_LOCATION, find_problems, installed_pins, installed_version, pin_error

    ctx = runtime.context()
    project = ctx.project
    config = project.project_config()
    pins = dict(config.plugins or {})
    if check:
        problems = find_problems(pins, ctx.plugins)
        if problems:
            raise pin_error(problems)
        ctx.console.success(f"{len(pins)} pinned plugin{'s' if len(pins) != 1 else ''} installed as pinned.")
        return
    if remove:
        if not names:
            raise UsageError("--remove needs the names of the plugins to unpin.")
        for name in names:
            dist = _distribution_of(name)
            if dist not in pins:
                raise UsageError(f"{name!r} is not pinned; pinned: {', '.join(pins) or 'nothing'}")
            del pins[dist]
    elif names:
        for name in names:
            dist = _distribution_of(name)
            version = installed_version(dist)
            if version is None:
                raise UsageError(f"{name!r} is neither an installed plugin nor an installed distribution.")
            pins[dist] = f"=={version}"
    else:
        pins = installed_pins(ctx.plugins, official=all_plugins)
    config.plugins = dict(sorted(pins.items())) or None
    project.save_project_config(config)
    if not pins:
        ctx.console.success(f"No plugin pinned in {CONFIG_LOCATION}.")
        return
    ctx.console.success(f"Pinned {len(pins)} plugin{'s' if len(pins) != 1 else ''} in {CONFIG_LOCATION}:")
    for dist, wanted in pins.items():
        ctx.console.print(f"  {dist} {wanted}")
