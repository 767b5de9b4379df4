"""Fixtures for the hosting plugin's tests: a project on disk (no cloud), the plugin
registered for in-process ``amplify`` runs, dist folders, and a prompter for loops."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from amplify_core.testing import write_gen1_project

pytest_plugins = ["amplify_core.testing", "amplify_sandbox.testing"]


@pytest.fixture
def hosting(register_plugin: Any) -> None:
    """The hosting plugin (category, ``hosting`` commands, post-push hook) for ``amplify_cli``."""
    import amplify_category_hosting.plugin as plugin

    register_plugin(plugin, name="hosting", kind="category")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An initialised project (env ``dev``) as ``amplify init`` leaves it, without a cloud."""
    return write_gen1_project(tmp_path / "app").root


def _make_dist(root: Path, files: Mapping[str, str | bytes]) -> Path:
    for key, content in files.items():
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_dist() -> Any:
    """``make_dist(folder, {"key": "text" or b"bytes"})`` writes the files and returns ``folder``."""
    return _make_dist


@pytest.fixture
def sequence_prompter() -> Any:
    return SequencePrompter


class SequencePrompter:
    """Answers each question id from a queue (for menus asked several times); an unexpected
    or exhausted question fails the test instead of looping."""

    def __init__(self, answers: Mapping[str, Sequence[Any] | Any]):
        self.queues = {k: list(v) if isinstance(v, list) else [v] for k, v in answers.items()}
        self.asked: list[str] = []

    def ask(self, questions: Sequence[Any]) -> dict[str, Any]:
        answers = {}
        for q in questions:
            queue = self.queues.get(q.id)
            if not queue:
                raise AssertionError(f"unexpected question {q.id!r}: {q.message}")
            answer = queue.pop(0)
            problem = q.check(answer)
            if problem:
                raise AssertionError(f"{q.id}: {problem}")
            self.asked.append(q.id)
            answers[q.id] = answer
        return answers
