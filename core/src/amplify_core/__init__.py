"""amplify for Python: the core.

Plugins import ``hookimpl`` and the descriptor types from here. Importing this package stays
cheap (pluggy only) because every ``amplify`` invocation does it.
"""

from importlib.metadata import PackageNotFoundError, version

import pluggy

#: The plugin API version. A descriptor whose ``api_version`` differs is refused as incompatible.
API_VERSION = 1

PROJECT_NAME = "amplify"

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

try:
    __version__ = version("amplify-cli-core")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["API_VERSION", "PROJECT_NAME", "hookimpl", "__version__"]
