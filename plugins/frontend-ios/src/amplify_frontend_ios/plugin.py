"""Registers the ``ios`` frontend.

Names its classes with ``"module:attr"`` strings so that discovery imports neither pydantic
nor the implementation.
"""

from amplify_core.plugin import FrontendInfo, hookimpl


@hookimpl
def amplify_frontends():
    return [
        FrontendInfo(
            name="ios",
            summary="iOS apps built with Xcode",
            factory="amplify_frontend_ios.frontend:IosFrontend",
            params="amplify_frontend_ios.params:IosParams",
        )
    ]
