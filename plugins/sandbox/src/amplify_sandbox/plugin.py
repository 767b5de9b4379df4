"""The entry point ``amplify.plugins: sandbox``: registers ``amplify sandbox …``.

Discovery imports this module on every ``amplify`` invocation, so it names the typer app by
string and imports nothing heavy (no moto, no boto3).
"""

from amplify_core.plugin import CommandInfo, hookimpl


@hookimpl
def amplify_commands():
    return [
        CommandInfo(
            name="sandbox",
            summary="Local AWS on moto: run templates and preview hosted sites on 127.0.0.1",
            app="amplify_sandbox.commands:app",
        )
    ]
