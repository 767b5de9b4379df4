"""The assume-role credential cache: one JSON file, ``amplify_home()/awscloudformation/cache.json``.

botocore's assume-role provider takes any dict-like ``cache``; this is one, persisted in Gen 1's
layout ``{"<roleArn>": {"<sessionName>": {"credentials": {accessKeyId, secretAccessKey,
sessionToken, expiration}}}}`` so that ``reset-cache`` can drop a project's role by ARN. Each
entry also records botocore's cache key (a hash of the AssumeRole arguments: role, session name,
external id, MFA serial, duration), which is how botocore looks entries up.

botocore decides freshness: a cached credential within 15 minutes of expiry is treated as
expired and refreshed (which, with ``mfa_serial``, asks for a new code). The file is written
atomically with mode 0600.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, MutableMapping
from datetime import datetime
from hashlib import sha1
from pathlib import Path
from typing import Any

from amplify_core.plugin import read_json, write_json

from .home_files import cache_path, provider_home


def botocore_cache_key(role_config: dict[str, Any]) -> str:
    """The key botocore's ``AssumeRoleCredentialFetcher`` uses for a profile's role config.

    Mirrors ``BaseAssumeRoleCredentialFetcher._create_cache_key`` (a test checks they agree).
    """
    args: dict[str, Any] = {"RoleArn": role_config["role_arn"]}
    if role_config.get("role_session_name"):
        args["RoleSessionName"] = role_config["role_session_name"]
    if role_config.get("external_id") is not None:
        args["ExternalId"] = role_config["external_id"]
    if role_config.get("mfa_serial") is not None:
        args["SerialNumber"] = role_config["mfa_serial"]
    if role_config.get("duration_seconds") is not None:
        try:
            args["DurationSeconds"] = int(role_config["duration_seconds"])
        except (TypeError, ValueError):
            pass
    digest = sha1(json.dumps(args, sort_keys=True).encode("utf-8")).hexdigest()
    return digest.replace(":", "_").replace("/", "_")


def role_labels(profiles: dict[str, dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """botocore cache key → ``(roleArn, sessionName)`` for every role profile in the config."""
    labels = {}
    for profile in profiles.values():
        if isinstance(profile, dict) and profile.get("role_arn"):
            key = botocore_cache_key(profile)
            labels[key] = (profile["role_arn"], profile.get("role_session_name") or "default")
    return labels


class RoleCredentialCache(MutableMapping):
    """A dict-like view of ``cache.json`` keyed the way botocore asks."""

    def __init__(self, labels: dict[str, tuple[str, str]], path: Path | None = None):
        self.labels = labels
        self.path = path or cache_path()

    # -- file ------------------------------------------------------------------------------

    def _load(self) -> dict[str, Any]:
        data = read_json(self.path, default={}) if self.path.exists() else {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, Any]) -> None:
        provider_home()
        write_json(self.path, data, mode=0o600)

    def _entries(self, data: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for role_arn, sessions in data.items():
            if isinstance(sessions, dict):
                for session, entry in sessions.items():
                    if isinstance(entry, dict):
                        yield role_arn, session, entry

    # -- what botocore calls -----------------------------------------------------------------

    def __getitem__(self, key: str) -> dict[str, Any]:
        for _, _, entry in self._entries(self._load()):
            if entry.get("cacheKey") == key:
                creds = entry.get("credentials") or {}
                if all(
                    creds.get(k) for k in ("accessKeyId", "secretAccessKey", "sessionToken", "expiration")
                ):
                    return {
                        "Credentials": {
                            "AccessKeyId": creds["accessKeyId"],
                            "SecretAccessKey": creds["secretAccessKey"],
                            "SessionToken": creds["sessionToken"],
                            "Expiration": creds["expiration"],
                        }
                    }
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __setitem__(self, key: str, response: dict[str, Any]) -> None:
        creds = response["Credentials"]
        expiration = creds["Expiration"]
        if isinstance(expiration, datetime):
            expiration = expiration.isoformat()
        role_arn, session = self.labels.get(key) or _label_from_response(response, key)
        data = self._load()
        # One entry per botocore key: drop a stale copy filed under another label.
        for arn, sess, entry in list(self._entries(data)):
            if entry.get("cacheKey") == key:
                del data[arn][sess]
        data.setdefault(role_arn, {})[session] = {
            "cacheKey": key,
            "credentials": {
                "accessKeyId": creds["AccessKeyId"],
                "secretAccessKey": creds["SecretAccessKey"],
                "sessionToken": creds["SessionToken"],
                "expiration": expiration,
            },
        }
        self._save({arn: sessions for arn, sessions in data.items() if sessions})

    def __delitem__(self, key: str) -> None:
        data = self._load()
        for arn, sess, entry in list(self._entries(data)):
            if entry.get("cacheKey") == key:
                del data[arn][sess]
                self._save({a: s for a, s in data.items() if s})
                return
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter([str(e["cacheKey"]) for _, _, e in self._entries(self._load()) if e.get("cacheKey")])

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _label_from_response(response: dict[str, Any], key: str) -> tuple[str, str]:
    """``arn:aws:sts::123:assumed-role/Name/session`` → ``(arn:aws:iam::123:role/Name, session)``."""
    arn = (response.get("AssumedRoleUser") or {}).get("Arn", "")
    parts = arn.split(":", 5)
    if len(parts) == 6 and parts[5].startswith("assumed-role/"):
        _, name, *session = parts[5].split("/")
        return f"arn:{parts[1]}:iam::{parts[4]}:role/{name}", "/".join(session) or "default"
    return f"unknown-role-{key}", "default"


def drop_role(role_arn: str, path: Path | None = None) -> bool:
    """Remove every cached session of ``role_arn``; ``True`` if something was removed."""
    path = path or cache_path()
    data = read_json(path, default={}) if path.exists() else {}
    if not isinstance(data, dict) or role_arn not in data:
        return False
    del data[role_arn]
    write_json(path, data, mode=0o600)
    return True
