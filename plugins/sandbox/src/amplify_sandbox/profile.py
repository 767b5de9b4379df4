"""The sandbox as an AWS profile, and as shell exports.

A profile (endpoint, region, the running sandbox's keys) lets every amplify command — and the
AWS CLI, and any boto3 script — reach the sandbox through the standard credential chain, e.g.
with the headless ``{"configLevel": "project", "useProfile": true, "profileName": "amplify-sandbox"}``.

The sandbox issues new keys at each start, so every profile ``sandbox env --write-profile``
wrote is remembered (``<amplify home>/sandbox/profiles.json``: names and files, no secrets) and
rewritten with the new keys when the server starts (:func:`refresh_profiles`); the start
command names the profiles it updated.

Only the profile's own sections are rewritten: other profiles and comments in the user's
``~/.aws/config`` and ``~/.aws/credentials`` stay as they were. The credentials file is 0600.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from amplify_core.plugin import UsageError, read_json, write_json, write_text_atomic

from .config import REGION, client_env, endpoint_url
from .credentials import SandboxKeys
from .state import sandbox_dir


def shell_exports(port: int, keys: SandboxKeys) -> str:
    """``export NAME=value`` lines that point a POSIX shell at a sandbox on ``port``."""
    return "".join(f"export {name}={shlex.quote(value)}\n" for name, value in client_env(port, keys).items())


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


def _write(name: str, port: int, keys: SandboxKeys, config_path: Path, credentials_path: Path) -> None:
    config_header = "default" if name == "default" else f"profile {name}"
    config_body = [f"region = {REGION}", "output = json", f"endpoint_url = {endpoint_url(port)}"]
    credentials_body = [
        f"aws_access_key_id = {keys.access_key_id}",
        f"aws_secret_access_key = {keys.secret_access_key}",
    ]
    for path, header, body, mode in (
        (config_path, config_header, config_body, None),
        (credentials_path, name, credentials_body, 0o600),
    ):
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        write_text_atomic(path, replace_section(current, header, body), mode=mode)


def write_profile(
    name: str, port: int, keys: SandboxKeys, *, home: Path | None = None, amplify_home: Path | None = None
) -> tuple[Path, Path]:
    """Write profile ``name`` for a sandbox on ``port`` signing with ``keys``, and remember it
    so the next start rewrites it; return the (config, credentials) paths.

    :param home: write under ``<home>/.aws/`` instead of the files botocore would read now
        (tests point this at a temporary HOME).
    :param amplify_home: the amplify home whose sandbox remembers the profile (default: current).
    """
    config_path, credentials_path = aws_config_files(home)
    _write(name, port, keys, config_path, credentials_path)
    entry = {"name": name, "config": str(config_path), "credentials": str(credentials_path)}
    written = [p for p in _written(amplify_home) if p != entry]
    write_json(_record(amplify_home), [*written, entry])
    return config_path, credentials_path


def _record(amplify_home: Path | None) -> Path:
    return sandbox_dir(amplify_home) / "profiles.json"


def _written(amplify_home: Path | None) -> list[dict[str, str]]:
    try:
        data = read_json(_record(amplify_home), default=[])
    except UsageError:
        return []
    return [p for p in data if isinstance(p, dict) and {"name", "config", "credentials"} <= set(p)]


def written_profiles(amplify_home: Path | None = None) -> list[str]:
    """The names of the profiles each start rewrites."""
    return [entry["name"] for entry in _written(amplify_home)]


def refresh_profiles(port: int, keys: SandboxKeys, amplify_home: Path | None = None) -> list[str]:
    """Rewrite every profile written for this sandbox with ``keys``; return their names.

    A profile whose files are gone is forgotten (the user removed it).
    """
    kept, names = [], []
    for entry in _written(amplify_home):
        config_path, credentials_path = Path(entry["config"]), Path(entry["credentials"])
        if not credentials_path.exists():
            continue
        _write(entry["name"], port, keys, config_path, credentials_path)
        kept.append(entry)
        names.append(entry["name"])
    if kept or _record(amplify_home).exists():
        write_json(_record(amplify_home), kept)
    return names
