"""amplify frontend for Flutter apps: lib/amplifyconfiguration.dart, as the Gen 1 CLI writes it."""

__version__ = "0.1.0"
