"""The ``ios`` frontend of amplify: Xcode projects that read ``*configuration.json`` at their root.

Importing this package must stay cheap: the core imports :mod:`.plugin` at every start-up to
read the descriptor, and only the command that needs the frontend imports :mod:`.frontend`.
"""
