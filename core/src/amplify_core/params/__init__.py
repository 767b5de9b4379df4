"""Headless parameters: JSON given inline, as ``@file.json`` or ``-``, validated by schema."""
