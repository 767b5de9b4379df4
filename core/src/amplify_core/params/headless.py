"""Validate the project-level JSON parameters against the installed plugins' schemas.

Every check runs before a command writes a file or calls the cloud; a failure is a
UsageError (exit 2) naming the parameter, the JSON path and, for an unknown plugin, the
installed choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from ..plugins.registry import OFFICIAL_PACKAGES, PluginSet, Registered
from ..redact import shorten
from .models import AmplifyParams, CodegenParams
from .source import load_params
from .validate import check, check_model


@dataclass
class HeadlessInput:
    """The validated values of ``--amplify --frontend --providers --categories --codegen``."""

    amplify: dict[str, Any] = field(default_factory=dict)
    frontend: str | None = None
    frontend_params: dict[str, Any] | None = None
    providers: dict[str, dict[str, Any]] | None = None
    categories: dict[str, Any] | None = None
    codegen: dict[str, Any] | None = None

    @property
    def given(self) -> bool:
        return any(
            v is not None for v in (self.frontend, self.providers, self.categories, self.codegen)
        ) or bool(self.amplify)


def parse_headless(
    plugins: PluginSet,
    *,
    amplify: str | None = None,
    frontend: str | None = None,
    providers: str | None = None,
    categories: str | None = None,
    codegen: str | None = None,
) -> HeadlessInput:
    """Load and validate whichever of the five flags were given."""
    raw = load_params(
        {
            "--amplify": amplify,
            "--frontend": frontend,
            "--providers": providers,
            "--categories": categories,
            "--codegen": codegen,
        }
    )
    result = HeadlessInput()
    if raw["--amplify"] is not None:
        check_model("--amplify", raw["--amplify"], AmplifyParams)
        result.amplify = raw["--amplify"]
    if raw["--frontend"] is not None:
        result.frontend, result.frontend_params = _frontend(plugins, raw["--frontend"])
    if raw["--providers"] is not None:
        result.providers = _named_blocks(plugins.providers, "--providers", raw["--providers"], "provider")
    if raw["--categories"] is not None:
        result.categories = _named_blocks(plugins.categories, "--categories", raw["--categories"], "category")
    if raw["--codegen"] is not None:
        check_model("--codegen", raw["--codegen"], CodegenParams)
        result.codegen = raw["--codegen"]
    return result


def _frontend(plugins: PluginSet, data: Any) -> tuple[str, dict[str, Any]]:
    check(
        "--frontend",
        data,
        {
            "type": "object",
            "required": ["frontend"],
            "properties": {"frontend": {"type": "string"}},
        },
    )
    name = data["frontend"]
    registered = plugins.frontends.get(name)
    if registered is None:
        raise UsageError(
            f"--frontend.frontend: {shorten(repr(name))} is not an installed frontend; installed: "
            f"{', '.join(sorted(plugins.frontends)) or 'none'}",
            hint=_install_hint(name),
        )
    rest = {k: v for k, v in data.items() if k != "frontend"}
    if registered.info.params is not None:
        check_model("--frontend", rest, registered.info.params)
    return name, rest


def _named_blocks(table: dict[str, Registered], flag: str, data: Any, kind: str) -> dict[str, Any]:
    check(flag, data, {"type": "object", "additionalProperties": {"type": "object"}})
    for name, block in data.items():
        registered = table.get(name)
        if registered is None:
            raise UsageError(
                f"{flag}: {shorten(repr(name))} is not an installed {kind}; installed: "
                f"{', '.join(sorted(table)) or 'none'}",
                hint=_install_hint(name),
            )
        if registered.info.params is not None:
            check_model(f"{flag}.{name}", block, registered.info.params)
    return data


def _install_hint(name: str) -> str | None:
    from ..plugins.install import install_command

    package = OFFICIAL_PACKAGES.get(name)
    return f"It is provided by {package}: {install_command(package)}" if package else None
