"""Core commands, one module each; every module exposes a ``typer.Typer`` named ``app``."""
