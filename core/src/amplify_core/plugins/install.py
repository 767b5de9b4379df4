"""How to install a missing official plugin, in the words of the installer that was used.

The official plugins come with the ``amplify-cli`` meta package, the sandbox (moto, cfn-lint)
through its extra ``amplify-cli[sandbox]``. A ``pipx`` or ``uv tool`` install is recognised by
the file each leaves in its environment, so the hint is a command that works there.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

META_DISTRIBUTION = "amplify-cli"

#: Official distributions installed through an extra of the meta package, not by default.
EXTRAS: dict[str, str] = {"amplify-sandbox": "sandbox"}


def installer(prefix: str | None = None) -> str:
    """``pipx``, ``uv`` or ``pip``: what installed the environment at ``prefix`` (this one)."""
    root = Path(prefix or sys.prefix)
    if (root / "pipx_metadata.json").is_file():
        return "pipx"
    if (root / "uv-receipt.toml").is_file():
        return "uv"
    return "pip"


def install_command(distribution: str, *, prefix: str | None = None) -> str:
    """The one command that adds ``distribution`` to this amplify installation."""
    tool = installer(prefix)
    extra = EXTRAS.get(distribution)
    if extra is not None:
        requirement = shlex.quote(f"{META_DISTRIBUTION}[{extra}]")
        return {
            "pipx": f"pipx install --force {requirement}",
            "uv": f"uv tool install --force {requirement}",
        }.get(tool, f"pip install {requirement}")
    return {
        "pipx": f"pipx inject {META_DISTRIBUTION} {distribution}",
        "uv": f"uv tool install --force {META_DISTRIBUTION} --with {distribution}",
    }.get(tool, f"pip install {distribution}")
