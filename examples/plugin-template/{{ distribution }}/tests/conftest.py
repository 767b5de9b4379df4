"""Enable the test kit amplify ships for plugin authors (it is never loaded on its own)."""

pytest_plugins = ["amplify_core.testing"]
