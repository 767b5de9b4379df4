"""amplify for Python: the core.

Plugins import ``hookimpl`` and the descriptor types from here. Importing this package stays
cheap (pluggy only) because every ``amplify`` invocation does it: ``__version__`` is read on
first use from the remembered plugin discovery (:mod:`amplify_core.plugins.discovery`),
which spares most runs the import of ``importlib.metadata``.
"""

from typing import TYPE_CHECKING

import pluggy

#: The plugin API version. A descriptor whose ``api_version`` differs is refused as incompatible.
API_VERSION = 1

PROJECT_NAME = "amplify"

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

__all__ = ["API_VERSION", "PROJECT_NAME", "hookimpl", "__version__"]

if TYPE_CHECKING:
    __version__: str
else:

    def __getattr__(name: str):
        if name != "__version__":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from .plugins.discovery import core_version

        version = globals()["__version__"] = core_version()
        return version
