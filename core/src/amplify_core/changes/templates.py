"""Committed CloudFormation templates of Gen 1 resources: finding them and reading them.

A Gen 1 resource folder holds its template as written by the CLI that made it:
``<name>-cloudformation-template.json|yml`` (older CLIs), ``template.json`` (hosting),
``cloudformation-template.json`` (api), or under ``build/`` when a build step produced it
(CLI v7+). As in Gen 1's ``updateS3Templates``, ``build/`` wins when it holds a template.

YAML templates use CloudFormation's short tags (``!Ref``, ``!Sub``, ``!GetAtt`` …); they are
read with cfn-lint's maintained loader (``cfnlint.decode.cfn_yaml``), which turns each tag
into its long JSON form, imported only when a YAML template is met (it is slow to import).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import UsageError

SUFFIXES = (".json", ".yml", ".yaml")


def template_files(folder: Path) -> list[Path]:
    """Every ``*template*.json|yml|yaml`` directly in ``folder`` (never ``parameters.json``)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and "template" in p.name.lower()
    )


def committed_template(folder: Path, name: str) -> Path | None:
    """The template file a Gen 1 resource folder deploys, or ``None`` if it has none.

    ``build/`` first (when it holds a template), then the folder itself; in each, the
    ``<name>-cloudformation-template`` file, then any ``*cloudformation-template*``, then any
    other ``*template*`` file.
    """
    folder = Path(folder)
    for place in (folder / "build", folder):
        found = template_files(place)
        if not found:
            continue
        for rank in (
            lambda p: p.stem == f"{name}-cloudformation-template",
            lambda p: "cloudformation-template" in p.name,
            lambda p: True,
        ):
            matches = [p for p in found if rank(p)]
            if matches:
                return matches[0]
    return None


def load_template(path: Path) -> dict[str, Any]:
    """A CloudFormation template (JSON, or YAML with short tags) as plain JSON data.

    :raises UsageError: naming the file when it cannot be parsed or is not an object.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Cannot read the template {path}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise UsageError(f"The template {path} is not UTF-8 text.") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise UsageError(f"The template {path} is not valid JSON: {exc}.") from None
        except RecursionError:
            raise UsageError(f"The template {path} is nested too deeply to read.") from None
    else:
        data = _load_yaml(path, text)
    if not isinstance(data, dict):
        raise UsageError(f"The template {path} is not a CloudFormation template (not an object).")
    return data


def _load_yaml(path: Path, text: str) -> Any:
    from cfnlint.decode import cfn_yaml
    from yaml import YAMLError

    try:
        data = cfn_yaml.loads(text, str(path))
    except YAMLError as exc:
        raise UsageError(f"The template {path} is not valid YAML: {exc}".rstrip(".") + ".") from None
    except Exception as exc:  # noqa: BLE001 - cfn-lint raises its own types for bad tags/duplicates
        raise UsageError(f"The template {path} cannot be read: {exc}") from None
    # cfn-lint's nodes subclass dict/list/str (with line marks); hand back plain JSON data.
    # An unquoted ``AWSTemplateFormatVersion: 2010-09-09`` is a YAML date: keep its text.
    return json.loads(
        json.dumps(data, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v))
    )
