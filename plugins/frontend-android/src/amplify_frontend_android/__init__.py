"""The ``android`` frontend of amplify: Gradle projects that read ``res/raw/*configuration.json``.

Importing this package must stay cheap: the core imports :mod:`.plugin` at every start-up to
read the descriptor, and only the command that needs the frontend imports :mod:`.frontend`.
"""
