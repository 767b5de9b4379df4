"""The project's provider and its SDK session for the current environment, for category plugins.

Categories that call AWS themselves (hosting's uploads, auth's role trust, storage's bucket
cleanup, api's endpoint) all need the same three facts — which provider, which access info,
which region — and the provider's session (:meth:`amplify_core.interfaces.Provider.session`)
built from them. One place finds them, so no plugin reads another's files or names the provider.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:
    from .context import AmplifyContext
    from .interfaces import Provider
    from .state.project import Project


def project_provider(ctx: AmplifyContext, project: Project) -> Provider:
    """The project's provider object (its first; Gen 1 projects have only the AWS one)."""
    return ctx.provider(project.project_config().provider_name)


def env_region(project: Project) -> str | None:
    """The current environment's region, as the last push or init recorded it in amplify-meta."""
    name = project.project_config().provider_name
    value = ((project.amplify_meta().get("providers") or {}).get(name) or {}).get("Region")
    return str(value) if value else None


def env_session(
    ctx: AmplifyContext, project: Project, *, region: str | None = None, require_access: bool = False
) -> Any:
    """The provider's session for the current environment (in ``region``, default the env's).

    :param require_access: a clone without access configured for the environment
        (``local-aws-info.json``) is a UsageError instead of the SDK's default credentials.
    """
    env_name = project.env_name
    aws_info = project.local_aws_info().get(env_name)
    if aws_info is None and require_access:
        raise UsageError(
            f"This clone has no AWS access configured for environment {env_name!r}.",
            hint="Run `amplify init` (or `amplify configure project`) to choose a profile.",
        )
    return project_provider(ctx, project).session(aws_info or {}, region or env_region(project))
