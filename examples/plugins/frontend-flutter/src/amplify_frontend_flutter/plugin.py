"""The hooks of the ``flutter`` frontend plugin.

``amplify`` imports this module on every run (the entry point ``amplify.frontends: flutter``
names it), so it imports nothing heavy: descriptors name the implementation as
``"module:attr"`` strings, and hook bodies import what they need when they run.

Never give a hook argument a default value: pluggy would never pass it.
"""

from __future__ import annotations

from amplify_core.plugin import FrontendInfo, hookimpl

PLUGIN_NAME = "flutter"


@hookimpl
def amplify_frontends():
    """Register the ``flutter`` frontend; ``amplify init`` offers it when ``scan`` scores."""
    return [
        FrontendInfo(
            name=PLUGIN_NAME,
            summary="Flutter apps (pubspec.yaml): lib/amplifyconfiguration.dart",
            factory="amplify_frontend_flutter.frontend:FlutterFrontend",
            params="amplify_frontend_flutter.params:FlutterParams",
        )
    ]
