"""Test-only amplify category plugin (see the package README)."""
