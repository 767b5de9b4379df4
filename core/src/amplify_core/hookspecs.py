"""The hooks a plugin may implement.

Registration hooks return lists of descriptors (:mod:`amplify_core.descriptors`); they are
never ``firstresult``: the core collects every answer and resolves name clashes itself.
Event hooks are broadcast to every plugin; their first argument is the
:class:`~amplify_core.context.AmplifyContext`. An exception raised by an event hook is
reported with the plugin's name and does not change the command's exit code, except in
``amplify_pre_*`` hooks, where it stops the command before anything changes.

Never give a hook implementation's argument a default value: pluggy would not pass it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

from . import PROJECT_NAME

if TYPE_CHECKING:
    from .context import AmplifyContext
    from .descriptors import CategoryInfo, CommandInfo, FrontendInfo, ProviderInfo

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


class AmplifySpecs:
    """Every hook of the amplify plugin API (version 1)."""

    # -- registration ------------------------------------------------------------------

    @hookspec
    def amplify_frontends(self) -> list[FrontendInfo]:
        """Register frontends.

        :returns: a list of :class:`~amplify_core.descriptors.FrontendInfo`.

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_frontends():
                return [
                    FrontendInfo(
                        name="flutter",
                        summary="Flutter apps",
                        factory="amplify_frontend_flutter.frontend:FlutterFrontend",
                        params="amplify_frontend_flutter.params:FlutterParams",
                    )
                ]
        """
        return []  # a spec: pluggy never calls its body

    @hookspec
    def amplify_providers(self) -> list[ProviderInfo]:
        """Register cloud providers.

        :returns: a list of :class:`~amplify_core.descriptors.ProviderInfo`.

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_providers():
                return [
                    ProviderInfo(
                        name="awscloudformation",
                        summary="AWS CloudFormation",
                        factory="my_provider.provider:Provider",
                        params="my_provider.params:ProviderParams",
                    )
                ]
        """
        return []  # a spec: pluggy never calls its body

    @hookspec
    def amplify_categories(self) -> list[CategoryInfo]:
        """Register backend categories.

        :returns: a list of :class:`~amplify_core.descriptors.CategoryInfo`.

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_categories():
                return [
                    CategoryInfo(
                        name="hosting",
                        summary="Static web hosting",
                        factory="my_hosting.category:Hosting",
                        services=("S3AndCloudFront",),
                    )
                ]
        """
        return []  # a spec: pluggy never calls its body

    @hookspec
    def amplify_commands(self) -> list[CommandInfo]:
        """Register top-level command groups.

        :returns: a list of :class:`~amplify_core.descriptors.CommandInfo`; ``app`` names a
            ``typer.Typer`` that is imported only when the command runs.

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_commands():
                return [
                    CommandInfo(
                        name="sandbox",
                        summary="Local AWS on moto",
                        app="amplify_sandbox.commands:app",
                    )
                ]
        """
        return []  # a spec: pluggy never calls its body

    # -- events ------------------------------------------------------------------------

    @hookspec
    def amplify_pre_init(self, context: AmplifyContext) -> None:
        """Called before ``amplify init`` changes anything.

        :param context: the command's context; ``context.project_dir`` is the folder being
            initialised.

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_pre_init(context):
                context.console.info("about to initialise")
        """

    @hookspec
    def amplify_post_init(self, context: AmplifyContext, env_name: str) -> None:
        """Called after ``amplify init`` succeeded.

        :param context: the command's context.
        :param env_name: the environment that was initialised.

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_post_init(context, env_name):
                context.console.info(f"initialised {env_name}")
        """

    @hookspec
    def amplify_pre_push(self, context: AmplifyContext, command: str) -> None:
        """Called before a deployment by ``push``, ``publish`` or ``run``.

        :param context: the command's context.
        :param command: ``"push"``, ``"publish"`` or ``"run"``.

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_pre_push(context, command):
                context.console.info(f"{command} starting")
        """

    @hookspec
    def amplify_post_push(self, context: AmplifyContext, command: str, result: Any) -> None:
        """Called after a deployment by ``push``, ``publish`` or ``run``, whether it worked or not.

        :param context: the command's context.
        :param command: ``"push"``, ``"publish"`` or ``"run"``.
        :param result: an object with ``success`` (bool) and ``error`` (the exception or
            ``None``).

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_post_push(context, command, result):
                if not result.success:
                    context.console.warn(f"{command} failed: {result.error}")
        """

    @hookspec
    def amplify_pre_publish(self, context: AmplifyContext) -> None:
        """Called before ``amplify publish`` uploads the site.

        :param context: the command's context.

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_pre_publish(context):
                context.console.info("publishing")
        """

    @hookspec
    def amplify_post_publish(self, context: AmplifyContext, result: Any) -> None:
        """Called after ``amplify publish``, whether it worked or not.

        :param context: the command's context.
        :param result: an object with ``success`` (bool) and ``error`` (the exception or
            ``None``); on success it may carry ``url``.

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_post_publish(context, result):
                if result.success:
                    context.console.info("published")
        """

    @hookspec
    def amplify_post_env_add(self, context: AmplifyContext, env_name: str, from_env: str | None) -> None:
        """Called after an environment was added (``env add``, ``env import``, ``init`` of a new env).

        The project is on the new environment; a category copies the per-environment values it
        keeps in ``team-provider-info.json`` from ``from_env``, as Gen 1's function category
        carries its environment variables over.

        :param context: the command's context.
        :param env_name: the new environment.
        :param from_env: the environment the project was on (``env add``), or ``None`` (a new
            project, ``env import``).

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_post_env_add(context, env_name, from_env):
                context.console.info(f"added {env_name} (from {from_env})")
        """

    @hookspec
    def amplify_post_env_remove(self, context: AmplifyContext, env_name: str) -> None:
        """Called after an environment was removed.

        :param context: the command's context.
        :param env_name: the removed environment.

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_post_env_remove(context, env_name):
                context.console.info(f"removed {env_name}")
        """

    @hookspec
    def amplify_codegen(self, context: AmplifyContext, params: dict[str, Any]) -> None:
        """Called after a successful push when ``--codegen`` was given.

        :param context: the command's context.
        :param params: the validated ``--codegen`` object (``generateCode``,
            ``codeLanguage``, ``fileNamePattern``, ``generatedFileName``, ``generateDocs``).

        **Example:**

        .. code-block:: python

            @hookimpl
            def amplify_codegen(context, params):
                if params.get("generateCode"):
                    generate(params["codeLanguage"])
        """
