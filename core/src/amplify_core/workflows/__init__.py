"""Command logic shared by several commands, kept out of the thin typer modules."""
