"""The sandbox as an AWS profile, and as shell exports.

A profile (endpoint, region, dummy keys) lets every amplify command — and the AWS CLI, and any
boto3 script — reach the sandbox through the standard credential chain, e.g. with the headless
``{"configLevel": "project", "useProfile": true, "profileName": "amplify-sandbox"}``.

Only the profile's own sections are rewritten: other profiles and comments in the user's
``~/.aws/config`` and ``~/.aws/credentials`` stay as they were.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from amplify_core.plugin import write_text_atomic

from .config import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, client_env, endpoint_url


def shell_exports(port: int) -> str:
    """``export NAME=value`` lines that point a POSIX shell at a sandbox on ``port``."""
    return "".join(f"export {name}={shlex.quote(value)}\n" for name, value in client_env(port).items())


def aws_config_files(home: Path | None = None) -> tuple[Path, Path]:
    """(config, credentials) as botocore finds them: ``AWS_CONFIG_FILE`` /
    ``AWS_SHARED_CREDENTIALS_FILE`` if set, else under ``<home>/.aws/`` (default: the user's)."""
    aws_dir = (home if home is not None else Path.home()) / ".aws"
    config = os.environ.get("AWS_CONFIG_FILE") if home is None else None
    credentials = os.environ.get("AWS_SHARED_CREDENTIALS_FILE") if home is None else None
    return (
        Path(config).expanduser() if config else aws_dir / "config",
        Path(credentials).expanduser() if credentials else aws_dir / "credentials",
    )


def replace_section(text: str, header: str, body: list[str]) -> str:
    """``text`` (an INI file) with section ``[header]`` replaced by ``body`` or appended."""
    out: list[str] = []
    skipping = False
    replaced = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            skipping = stripped[1:-1].strip() == header
            if skipping and not replaced:
                out.extend([f"[{header}]", *body])
                replaced = True
        if not skipping:
            out.append(line)
    if not replaced:
        if out and out[-1].strip():
            out.append("")
        out.extend([f"[{header}]", *body])
    return "\n".join(out) + "\n"


def write_profile(name: str, port: int, *, home: Path | None = None) -> tuple[Path, Path]:
    """Write profile ``name`` for a sandbox on ``port``; return the (config, credentials) paths.

    :param home: write under ``<home>/.aws/`` instead of the files botocore would read now
        (tests point this at a temporary HOME).
    """
    config_path, credentials_path = aws_config_files(home)
    config_header = "default" if name == "default" else f"profile {name}"
    config_body = [f"region = {REGION}", "output = json", f"endpoint_url = {endpoint_url(port)}"]
    credentials_body = [
        f"aws_access_key_id = {ACCESS_KEY_ID}",
        f"aws_secret_access_key = {SECRET_ACCESS_KEY}",
    ]
    for path, header, body, mode in (
        (config_path, config_header, config_body, None),
        (credentials_path, name, credentials_body, 0o600),
    ):
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        write_text_atomic(path, replace_section(current, header, body), mode=mode)
    return config_path, credentials_path
