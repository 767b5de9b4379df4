"""``amplify sandbox start | stop | status | env | reset``: run the local AWS and point clients at it.

Imported only when a sandbox command runs. moto, boto3 and werkzeug load inside the commands
that need them (only ``start`` does), so ``status``, ``stop`` and ``env`` answer quickly.
"""

from __future__ import annotations

import json
import os
import signal
import time

import typer
from amplify_core.plugin import OperationError

from . import config
from .state import SandboxState, log_path, pid_alive, read_state, remove_state, running_sandbox

app = typer.Typer(
    name="sandbox",
    help="A local AWS on moto (127.0.0.1 only) that runs amplify's templates and previews hosted sites.",
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
)

#: Seconds to wait after SIGTERM before SIGKILL: the server saves every backend's state on the
#: way out, which takes seconds with many stacks and objects on a busy machine.
STOP_TIMEOUT = 60.0
#: After this many seconds of waiting, say what the wait is for.
STOP_NOTICE = 2.0


def _already_running(state: SandboxState) -> OperationError:
    return OperationError(
        f"The sandbox is already running at {state.endpoint} (pid {state.pid}).",
        hint="Stop it first: amplify sandbox stop",
    )


@app.command()
def start(
    port: int | None = typer.Option(
        None,
        "--port",
        "-p",
        help=f"Port on 127.0.0.1 (default ${config.PORT_ENV} or {config.DEFAULT_PORT}; 0 picks a free one).",
    ),
    detach: bool = typer.Option(
        False, "--detach", "-d", help="Run in the background and return once it answers."
    ),
    fresh: bool = typer.Option(
        False, "--fresh", help="Delete the state saved by the last stop and start empty."
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask before deleting saved state."),
    faults: str | None = typer.Option(
        None,
        "--faults",
        help='Make API calls fail as a flaky AWS would, e.g. "throttle=10%,latency=50ms,drop_response=every20" '
        "(kinds: throttle, drop_response, reset, latency; N%, everyK, everyKxB, Nms).",
    ),
) -> None:
    """Start the sandbox: moto's AWS API and the site preview, on 127.0.0.1 only.

    What the last ``sandbox stop`` saved (stacks, buckets, distributions) is restored.
    """
    from .server import check_port_free

    chosen = config.check_port(port) if port is not None else config.default_port()
    if faults is not None:
        from amplify_core.plugin import UsageError

        from .faults import parse_faults

        try:
            parse_faults(faults)
        except ValueError as exc:
            raise UsageError(f"--faults: {exc}") from None
    found = running_sandbox()
    if found is not None:
        raise _already_running(found[0])
    check_port_free(chosen)
    if fresh:
        _confirm_discard(yes, "startFresh")
    if detach:
        from .launch import launch
        from .profile import written_profiles

        _, state = launch(chosen, fresh=fresh, faults=faults)
        typer.echo(f"Sandbox running at {state.endpoint} (pid {state.pid}).")
        updated = written_profiles()
        if updated:
            typer.echo("Updated AWS profile(s) with this start's keys: " + ", ".join(updated))
        typer.echo(
            "It issued new keys (those of an earlier start no longer work). Point amplify at it:  "
            'eval "$(amplify sandbox env)"   or   amplify sandbox env --write-profile'
        )
        return
    from .server import serve

    def ready(state: SandboxState) -> None:
        typer.echo(f"Sandbox running at {state.endpoint} (pid {state.pid}). Press Ctrl-C to stop.")
        typer.echo(
            "It issued new keys (those of an earlier start no longer work). In another shell:  "
            'eval "$(amplify sandbox env)"'
        )

    serve(chosen, fresh=fresh, faults=faults, on_ready=ready)
    typer.echo("Sandbox stopped; its state is saved for the next start.")


def _confirm_discard(yes: bool, question_id: str) -> None:
    """Ask before deleting saved or running state (``--yes`` answers; CI fails naming it)."""
    from .snapshot import snapshot_path

    if yes or (question_id == "startFresh" and not snapshot_path().exists()):
        return
    from amplify_core.plugin import Question, command_context

    answer = command_context().prompter.ask(
        [
            Question(
                id=question_id,
                kind="confirm",
                default=False,
                flag="--yes",
                message="Delete every stack, bucket and distribution of the sandbox?",
            )
        ]
    )[question_id]
    if not answer:
        raise OperationError("Cancelled; the sandbox's state was kept.")


@app.command()
def reset(yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask first.")) -> None:
    """Empty the sandbox: the running server's state and the saved snapshot."""
    from .snapshot import discard

    _confirm_discard(yes, "resetSandbox")
    found = running_sandbox()
    if found is not None:
        import urllib.request

        from .credentials import read_keys

        request = urllib.request.Request(
            found[0].endpoint + "/moto-api/reset",
            method="POST",
            headers={config.ADMIN_HEADER: read_keys().admin_token},
        )
        with urllib.request.urlopen(request, timeout=10):
            pass
    discard()
    typer.echo("The sandbox is empty." + ("" if found else " (It is not running.)"))


@app.command()
def stop() -> None:
    """Stop the running sandbox; its state is saved and comes back at the next start."""
    found = running_sandbox()
    if found is None:
        typer.echo("The sandbox is not running.")
        return
    state, _ = found
    os.kill(state.pid, signal.SIGTERM)
    started = time.monotonic()
    noticed = False
    while time.monotonic() < started + STOP_TIMEOUT:
        current = read_state()
        if current is None or current.pid != state.pid or not pid_alive(state.pid):
            break
        if not noticed and time.monotonic() > started + STOP_NOTICE:
            typer.echo("Saving the sandbox's state …", err=True)
            noticed = True
        time.sleep(0.05)
    else:
        os.kill(state.pid, signal.SIGKILL)
        remove_state(state.pid)
        raise OperationError(
            f"The sandbox (pid {state.pid}) did not stop within {STOP_TIMEOUT:.0f} s and was killed; "
            "what changed since it started was not saved.",
            hint=f"Where it hung is in its log: {log_path()}",
        )
    typer.echo(f"Sandbox stopped (pid {state.pid}).")


def _uptime(seconds: float) -> str:
    seconds = int(max(seconds, 0))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h {minutes}m {secs}s" if hours else f"{minutes}m {secs}s" if minutes else f"{secs}s"


@app.command()
def status(as_json: bool = typer.Option(False, "--json", help="Print the status as JSON.")) -> None:
    """Show whether the sandbox runs, its endpoint, uptime and the hosted sites' preview URLs."""
    found = running_sandbox()
    if found is None:
        typer.echo(json.dumps({"running": False}) if as_json else "The sandbox is not running.")
        return
    state, info = found
    uptime = time.time() - state.started_at
    sites = info.get("sites", [])
    if as_json:
        typer.echo(json.dumps({"running": True, **info, "uptime_seconds": round(uptime, 1)}, indent=2))
        return
    typer.echo(f"Sandbox running at {state.endpoint} (pid {state.pid}, up {_uptime(uptime)})")
    if not sites:
        typer.echo("No hosted sites yet (website buckets and CloudFront distributions appear here).")
        return
    typer.echo("Hosted sites:")
    for site in sites:
        label = site["name"] + (f" ({site['domain_name']})" if site.get("domain_name") else "")
        urls = [u for u in (site.get("local_url"), site["url"]) if u]
        typer.echo(f"  {site['kind']:<11} {label}" + "".join(f"\n              {u}" for u in urls))


@app.command()
def env(
    profile: str | None = typer.Option(
        None,
        "--profile",
        help=f"Write the AWS profile under this name (implies --write-profile; default {config.DEFAULT_PROFILE}).",
    ),
    write_profile: bool = typer.Option(
        False,
        "--write-profile",
        help="Write an AWS profile (endpoint, region, this start's keys) to ~/.aws/config and credentials; "
        "each later start rewrites it with its new keys.",
    ),
) -> None:
    """Print shell exports for the running sandbox (its keys included), or write them as an AWS profile."""
    from .credentials import read_keys

    found = running_sandbox()
    if found is None:
        raise OperationError(
            "The sandbox is not running: it issues new keys at each start, so there are none to give.",
            hint="Start it with: amplify sandbox start --detach",
        )
    port = found[0].port
    keys = read_keys()
    from .profile import shell_exports
    from .profile import write_profile as write

    if not (write_profile or profile):
        typer.echo(shell_exports(port, keys), nl=False)
        return

    name = profile or config.DEFAULT_PROFILE
    config_file, credentials_file = write(name, port, keys)
    typer.echo(
        f"Wrote AWS profile '{name}' for {config.endpoint_url(port)} (region {config.REGION}, "
        "this start's keys; each start rewrites them):"
    )
    typer.echo(f"  {config_file}\n  {credentials_file}")
    typer.echo(f"Use it with:  export AWS_PROFILE={name}")
    typer.echo(
        'or headless:  --providers \'{"awscloudformation":{"configLevel":"project","useProfile":true,'
        f'"profileName":"{name}"}}}}\''
    )
