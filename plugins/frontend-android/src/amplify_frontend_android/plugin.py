"""Registers the ``android`` frontend.

Names its classes with ``"module:attr"`` strings so that discovery imports neither pydantic
nor the implementation.
"""

from amplify_core.plugin import FrontendInfo, hookimpl


@hookimpl
def amplify_frontends():
    return [
        FrontendInfo(
            name="android",
            summary="Android apps built with Gradle",
            factory="amplify_frontend_android.frontend:AndroidFrontend",
            params="amplify_frontend_android.params:AndroidParams",
        )
    ]
