"""Asking the user: questions as data, answered by a terminal, defaults, or a script."""
