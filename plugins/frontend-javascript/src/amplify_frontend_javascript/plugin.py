"""Registers the ``javascript`` frontend.

Names its classes with ``"module:attr"`` strings so that discovery imports neither pydantic
nor the implementation.
"""

from amplify_core.plugin import FrontendInfo, hookimpl


@hookimpl
def amplify_frontends():
    return [
        FrontendInfo(
            name="javascript",
            summary="Web apps built with npm: React, Angular, Vue, Ionic or plain JavaScript",
            factory="amplify_frontend_javascript.frontend:JavascriptFrontend",
            params="amplify_frontend_javascript.params:JavascriptParams",
        )
    ]
