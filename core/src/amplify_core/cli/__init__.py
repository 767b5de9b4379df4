"""The ``amplify`` command line: a lazy click group over core and plugin typer apps."""
