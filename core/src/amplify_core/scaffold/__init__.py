"""``amplify plugin new``: render the plugin template into a new package folder."""
