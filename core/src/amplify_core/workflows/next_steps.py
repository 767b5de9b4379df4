"""Init's closing hint, naming only commands that exist in this installation.

Gen 1 always ends with ``Try "amplify add api" …``; here the category named is one whose
plugin is installed (api first, as Gen 1, then hosting, then any), and with no category plugin
the hint says what to install instead of pointing at a command that would fail.
"""

from __future__ import annotations

from collections.abc import Iterable

HEAD = (
    "Your project has been successfully initialized and connected to the cloud!\n"
    "Some next steps:\n"
    "\"amplify status\" will show you what you've added already and if it's locally configured or deployed\n"
)
PUSH = '"amplify push" will build all your local backend resources and provision it in the cloud\n'
PUBLISH = (
    '"amplify publish" will build all your local backend and frontend resources '
    "(if you have hosting category added) and provision it in the cloud\n"
)
TRY = {
    "api": 'Try "amplify add api" to create a backend API and then "amplify push" to deploy everything',
    "hosting": 'Try "amplify add hosting" to host your app and then "amplify publish" to deploy everything',
}
NO_CATEGORY = (
    "No category plugin is installed, so there is nothing to add yet: "
    "pip install amplify-category-hosting (or another amplify-category-* plugin)"
)


def init_success(categories: Iterable[str]) -> str:
    """The closing message of a new project's ``init`` for the installed ``categories``."""
    installed = sorted(categories)
    if not installed:
        return HEAD + PUSH + NO_CATEGORY
    first = next((c for c in ("api", "hosting") if c in installed), installed[0])
    example = "hosting" if "hosting" in installed else first
    add = f'"amplify add <category>" will allow you to add features like {example}\n'
    publish = PUBLISH if "hosting" in installed else ""
    try_line = TRY.get(first, f'Try "amplify add {first}" and then "amplify push" to deploy everything')
    return HEAD + add + PUSH + publish + try_line
