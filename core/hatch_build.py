"""Ship the plugin template (``examples/plugin-template``) inside the core's wheel and sdist.

``amplify plugin new`` renders it. The template lives outside ``core/`` so that people find it
next to the other examples; this hook copies it to ``amplify_core/scaffold/template`` when a
wheel or sdist is built from the repository. A wheel built from the sdist finds the copy the
sdist already holds inside the package. Editable installs read the repository folder directly.
"""

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TEMPLATE = Path("examples") / "plugin-template"
PACKAGED = "amplify_core/scaffold/template"


class PluginTemplateHook(BuildHookInterface):
    PLUGIN_NAME = "plugin-template"

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":
            return
        source = Path(self.root).parent / TEMPLATE
        if not source.is_dir():
            return
        target = PACKAGED if self.target_name == "wheel" else f"src/{PACKAGED}"
        build_data["force_include"][str(source)] = target
