"""The hooks of the ``{{ name }}`` {{ kind }} plugin.

``amplify`` imports this module on every run (the entry point ``{{ group }}: {{ name }}``
names it), so it imports nothing heavy: descriptors name the implementation as
``"module:attr"`` strings, and hook bodies import what they need when they run.

Never give a hook argument a default value: pluggy would never pass it.
"""

from __future__ import annotations

# [[if kind=frontend]]
from amplify_core.plugin import FrontendInfo, hookimpl
# [[end]]
# [[if kind=provider]]
from amplify_core.plugin import ProviderInfo, hookimpl
# [[end]]
# [[if kind=category]]
from amplify_core.plugin import CategoryInfo, hookimpl
# [[end]]
# [[if kind=util]]
from amplify_core.plugin import CommandInfo, hookimpl
# [[end]]

PLUGIN_NAME = "{{ name }}"


# [[if kind=frontend]]
@hookimpl
def amplify_frontends():
    """Register the ``{{ name }}`` frontend; ``amplify init`` offers it when ``scan`` scores."""
    return [
        FrontendInfo(
            name=PLUGIN_NAME,
            summary={{ description|quoted }},
            factory="{{ package }}.frontend:{{ class_name }}Frontend",
            params="{{ package }}.params:{{ class_name }}Params",
        )
    ]


# [[end]]
# [[if kind=provider]]
@hookimpl
def amplify_providers():
    """Register the ``{{ name }}`` provider (``--providers '{"{{ name }}": {…}}'``)."""
    return [
        ProviderInfo(
            name=PLUGIN_NAME,
            summary={{ description|quoted }},
            factory="{{ package }}.provider:{{ class_name }}Provider",
            params="{{ package }}.params:{{ class_name }}Params",
        )
    ]


# [[end]]
# [[if kind=category]]
@hookimpl
def amplify_categories():
    """Register the ``{{ name }}`` category and the services it offers."""
    return [
        CategoryInfo(
            name=PLUGIN_NAME,
            summary={{ description|quoted }},
            factory="{{ package }}.category:{{ class_name }}Category",
            services=("{{ class_name }}",),
            params="{{ package }}.params:{{ class_name }}Params",
        )
    ]


# [[end]]
# [[if kind=util]]
@hookimpl
def amplify_commands():
    """Add ``amplify {{ name }} …``; the typer app is imported only when the command runs."""
    return [
        CommandInfo(
            name=PLUGIN_NAME,
            summary={{ description|quoted }},
            app="{{ package }}.commands:app",
        )
    ]


# [[end]]
# [[if event=pre_init]]
@hookimpl
def amplify_pre_init(context):
    """Before ``amplify init`` changes anything; raising here stops the command."""
    context.console.info(f"{PLUGIN_NAME}: initialising {context.project_dir}")


# [[end]]
# [[if event=post_init]]
@hookimpl
def amplify_post_init(context, env_name):
    """After ``amplify init`` succeeded."""
    context.console.info(f"{PLUGIN_NAME}: initialised environment {env_name}")


# [[end]]
# [[if event=pre_push]]
@hookimpl
def amplify_pre_push(context, command):
    """Before ``push``, ``publish`` or ``run`` deploys; raising here stops the command."""
    context.console.info(f"{PLUGIN_NAME}: {command} starting")


# [[end]]
# [[if event=post_push]]
@hookimpl
def amplify_post_push(context, command, result):
    """After ``push``, ``publish`` or ``run`` deployed, whether it worked or not."""
    if result.success:
        context.console.info(f"{PLUGIN_NAME}: {command} succeeded")
    else:
        context.console.warn(f"{PLUGIN_NAME}: {command} failed: {result.error}")


# [[end]]
# [[if event=pre_publish]]
@hookimpl
def amplify_pre_publish(context):
    """Before ``amplify publish`` uploads the site; raising here stops the command."""
    context.console.info(f"{PLUGIN_NAME}: publishing")


# [[end]]
# [[if event=post_publish]]
@hookimpl
def amplify_post_publish(context, result):
    """After ``amplify publish``, whether it worked or not."""
    if result.success:
        context.console.info(f"{PLUGIN_NAME}: published {result.url or ''}".rstrip())
    else:
        context.console.warn(f"{PLUGIN_NAME}: publish failed: {result.error}")


# [[end]]
# [[if event=post_env_add]]
@hookimpl
def amplify_post_env_add(context, env_name, from_env):
    """After an environment was added (``from_env``: the one the project was on, or None)."""
    context.console.info(f"{PLUGIN_NAME}: environment {env_name} added")


# [[end]]
# [[if event=post_env_remove]]
@hookimpl
def amplify_post_env_remove(context, env_name):
    """After an environment was removed."""
    context.console.info(f"{PLUGIN_NAME}: environment {env_name} removed")


# [[end]]
# [[if event=codegen]]
@hookimpl
def amplify_codegen(context, params):
    """After a successful push with ``--codegen``; ``params`` is the validated JSON."""
    context.console.info(f"{PLUGIN_NAME}: codegen for {params.get('codeLanguage') or 'the default language'}")


# [[end]]
