"""API resources on disk: ``amplify/backend/api/<name>/cli-inputs.json`` and their
entries in ``backend-config.json`` / ``amplify-meta.json`` (the core's ``CategoryResources``).
Every write is atomic."""

from __future__ import annotations

from typing import Any

from amplify_core.plugin import CategoryResources, Project

from . import CATEGORY

INPUTS = "cli-inputs.json"
RESOURCES = CategoryResources(CATEGORY)


def read_inputs(project: Project, name: str) -> dict[str, Any]:
    return RESOURCES.read_inputs(project, name, made_by="the API")


def write(project: Project, name: str, inputs: dict[str, Any], entry: dict[str, Any]) -> None:
    """Write ``cli-inputs.json`` and register the resource in both JSON files."""
    RESOURCES.write(project, name, {INPUTS: inputs}, entry)
