"""Plugin discovery and the typed view of what the loaded plugins registered."""
