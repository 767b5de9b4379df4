"""``amplify plugin new``: settle the name, kind and events, then write the package.

Every value has a flag (``--name --kind --events``); whatever is missing is asked in one
batch, so without a terminal the error lists all of it at once (exit 2).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import API_VERSION, PROJECT_NAME, __version__
from ..context import AmplifyContext
from ..descriptors import NAME_RULE, NAME_RULE_TEXT
from ..errors import UsageError
from ..kinds import BY_NAME
from ..plugins.loader import REGISTRATION_HOOKS
from ..prompts.question import Choice, Question
from .render import Selection
from .template import render_template, template_dir

KINDS = tuple(BY_NAME)  # frontend, provider, category, util


def event_names() -> list[str]:
    """The events a plugin may handle: every hook that is not a registration hook, unprefixed."""
    from ..hookspecs import AmplifySpecs

    prefix = f"{PROJECT_NAME}_"
    return [
        name[len(prefix) :]
        for name in vars(AmplifySpecs)
        if name.startswith(prefix) and name not in REGISTRATION_HOOKS
    ]


@dataclass(frozen=True)
class PluginSpec:
    name: str
    kind: str
    events: tuple[str, ...]
    description: str = ""

    @property
    def distribution(self) -> str:
        return f"{PROJECT_NAME}-{self.kind}-{self.name}"

    @property
    def package(self) -> str:
        return self.distribution.replace("-", "_")

    @property
    def class_name(self) -> str:
        return "".join(part.capitalize() for part in self.name.split("-"))

    def variables(self) -> dict[str, str]:
        from ..plugins.verify import suggested_core_requirement

        return {
            "name": self.name,
            "kind": self.kind,
            "distribution": self.distribution,
            "package": self.package,
            "group": BY_NAME[self.kind].group,
            "class_name": self.class_name,
            "description": self.description or f"An amplify {self.kind} plugin: {self.name}.",
            "core_requirement": suggested_core_requirement(),
            "core_version": __version__,
            "api_version": str(API_VERSION),
            "events": ", ".join(self.events) or "none",
        }

    def render(self, template: str | Path | None = None) -> dict[str, str]:
        return render_template(template_dir(template), self.variables(), Selection(self.kind, self.events))


def check_name(value: object) -> str | None:
    """Why ``value`` cannot name a plugin, or ``None``."""
    from ..cli.runtime import CORE_COMMANDS

    name = str(value or "")
    if not NAME_RULE.match(name):
        return f"Use {NAME_RULE_TEXT}"
    if name in CORE_COMMANDS:
        return f"'{name}' is an amplify core command; choose another name"
    return None


def parse_events(raw: str) -> tuple[str, ...]:
    """``"post_push,pre-init"`` → ``("pre_init", "post_push")`` in hookspec order; ``none`` → ()."""
    known = event_names()
    wanted = []
    for part in re.split(r"[,\s]+", raw.strip()):
        if not part or part.lower() in ("none", "-"):
            continue
        name = part.lower().replace("-", "_").removeprefix(f"{PROJECT_NAME}_")
        if name == "all":
            wanted.extend(known)
        elif name in known:
            wanted.append(name)
        else:
            raise UsageError(
                f"--events: unknown event {part!r}; choose from {', '.join(known)} (or all, none)"
            )
    return tuple(name for name in known if name in wanted)


def normalize_name(raw: str, kind: str | None) -> str:
    """Accept ``amplify-util-audit`` for ``audit``, and any case."""
    name = raw.strip().lower()
    for k in [kind] if kind else list(KINDS):
        name = name.removeprefix(f"{PROJECT_NAME}-{k}-")
    return name


def settle_spec(
    ctx: AmplifyContext,
    *,
    name: str | None,
    kind: str | None,
    events: str | None,
    description: str | None,
) -> PluginSpec:
    """Flags first; the rest asked in one batch (or taken as defaults with ``--yes``)."""
    if kind is not None and kind not in KINDS:
        raise UsageError(f"--kind: {kind!r} is not one of {', '.join(KINDS)}")
    if name is not None:
        name = normalize_name(name, kind)
        problem = check_name(name)
        if problem:
            raise UsageError(f"--name: {problem}")
    chosen_events = parse_events(events) if events is not None else None
    questions = []
    if name is None:
        questions.append(
            Question(
                id="name",
                message="What should be the name of the plugin:",
                validate=lambda value: check_name(normalize_name(str(value or ""), kind)),
                flag="--name",
            )
        )
    if kind is None:
        questions.append(
            Question(
                id="kind",
                message="Specify the plugin type",
                kind="select",
                default="util",
                choices=[Choice(k, f"{k:<9} {BY_NAME[k].help}") for k in KINDS],
                flag="--kind",
            )
        )
    if chosen_events is None:
        questions.append(
            Question(
                id="events",
                message="What amplify events do you want the plugin to handle?",
                kind="checkbox",
                default=[],
                choices=event_names(),
                flag="--events post_push,… (or none)",
            )
        )
    answers = ctx.prompter.ask(questions) if questions else {}
    if "name" in answers:
        name = normalize_name(str(answers["name"]), kind or answers.get("kind"))
        problem = check_name(name)
        if problem:
            raise UsageError(f"name: {problem}")
    kind = kind or answers.get("kind")
    if chosen_events is None:
        given = answers.get("events") or []
        chosen_events = parse_events(",".join(given) if isinstance(given, (list, tuple)) else str(given))
    if name is None or kind is None:  # every missing value was asked above, or the prompter raised
        raise UsageError("the plugin's name and kind are required (--name, --kind)")
    return PluginSpec(
        name=name, kind=str(kind), events=chosen_events, description=" ".join((description or "").split())
    )


def write_plugin(files: dict[str, str], target: Path, *, force: bool) -> None:
    """Write the rendered files as ``target``; all or nothing (built next to it, then renamed)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        if not force:
            raise UsageError(
                f"{target} already exists and is not empty.",
                hint="Choose another name or folder, or pass --force to replace it.",
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if target.exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def next_steps(spec: PluginSpec, target: Path, cwd: Path) -> list[str]:
    try:
        shown = target.relative_to(cwd)
    except ValueError:
        shown = target
    steps = [
        f"cd {shown}",
        "pip install -e '.[test]'",
        "pytest",
        "amplify plugin verify .",
    ]
    if spec.kind == "util":
        steps.append(f"amplify {spec.name} --help")
    return steps


def created_summary(spec: PluginSpec, files: Sequence[str]) -> str:
    hooks = ", ".join(f"{PROJECT_NAME}_{e}" for e in spec.events) or "no events"
    return (
        f"Created {spec.distribution} ({BY_NAME[spec.kind].group}: {spec.name}; {hooks}; {len(files)} files)"
    )
