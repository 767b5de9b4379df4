"""``amplify push`` (and the push inside ``publish`` and ``run``): plan, confirm, apply, record.

1. ``amplify_pre_push`` fires; the status table is printed from local files.
2. Nothing changed: the provider checks that the environment's root stack still exists
   (``Provider.check_env``: one call), then "No changes detected".
3. The plan (:mod:`amplify_core.changes.plan`) is built from local files through the
   category plugins; template parameters that nothing supplies in this environment (a new
   environment's function variables, as Gen 1 has them) are asked for and kept in
   ``team-provider-info.json`` — or, when nobody can answer, all named (exit 2); the user
   confirms unless ``--yes``.
4. The provider applies it (``Provider.push``): lock, upload, update the root stack, read
   outputs. Only after the cloud accepted everything does it call :func:`commit_push`,
   which rewrites ``amplify-meta.json`` and ``#current-cloud-backend/``; then the provider
   saves the deployment state to its bucket and unlocks.
5. The frontend config files are regenerated; ``amplify_post_push`` fires with the outcome,
   then ``amplify_codegen`` when ``--codegen`` was given.

A failure anywhere before step 4's commit leaves every local file as it was (except the
environment values the user typed in step 3).
"""

from __future__ import annotations

import shutil
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..changes.hashing import EXCLUDED_DIRS
from ..changes.plan import Artifact, NestedStack, PushPlan, PushResult, nested_stack, resolve_tags
from ..changes.sources import (
    Refusal,
    committed_source,
    deploy_order,
    env_values,
    missing_parameters,
    refusal_message,
    retired_runtime,
)
from ..changes.status import BackendStatus, Operation, ResourceStatus, categories_of
from ..changes.templates import committed_template
from ..context import AmplifyContext, Outcome
from ..errors import OperationError, UsageError
from ..interfaces import Category
from ..prompts.prompter import NonInteractivePrompter
from ..prompts.question import Question
from ..state.folders import replace_folder
from ..state.jsonfile import read_json, write_json
from ..state.project import Project
from .frontend_config import check_frontend_paths
from .frontend_outputs import category_outputs, regenerate_frontend_config
from .status import current_status, print_status

NO_CHANGES = "No changes detected"
CONFIRM = "Are you sure you want to continue?"
PUBLISH_ANYWAY = "Do you still want to publish the frontend?"
DONE = "All resources are updated in the cloud"


@dataclass
class PushOutcome:
    """What :func:`push_backend` did: ``changed`` is False for "No changes detected"."""

    changed: bool
    status: BackendStatus
    plan: PushPlan | None = None
    result: PushResult | None = None


def push_backend(
    ctx: AmplifyContext,
    *,
    command: str = "push",
    codegen: dict[str, Any] | None = None,
    force_unlock: bool = False,
    force: bool = False,
    status: BackendStatus | None = None,
) -> PushOutcome:
    """Deploy local backend changes, firing the push events around it.

    :param command: ``"push"``, ``"publish"`` or ``"run"`` — passed to the event hooks.
    :param codegen: the validated ``--codegen`` object, handed to ``amplify_codegen`` after
        a successful push.
    :param force_unlock: break a deployment lock left behind by another push.
    :param force: ``push --force``: recreate the environment's root stack in place if it is
        gone and redeploy every resource, changed or not.
    :param status: the backend's status, when the caller has just read it (``publish``).
    """
    project = ctx.project
    ctx.fire("amplify_pre_push", command=command)
    try:
        outcome = _push(ctx, project, command=command, force_unlock=force_unlock, force=force, status=status)
    except BaseException as exc:
        ctx.fire("amplify_post_push", command=command, result=Outcome(success=False, error=exc))
        raise
    ctx.fire("amplify_post_push", command=command, result=Outcome(success=True))
    if codegen is not None:
        ctx.fire("amplify_codegen", params=codegen)
    return outcome


def _push(
    ctx: AmplifyContext,
    project: Project,
    *,
    command: str,
    force_unlock: bool,
    force: bool = False,
    status: BackendStatus | None = None,
) -> PushOutcome:
    status = status or current_status(project)
    print_status(ctx, status)
    if not status.has_changes and not force:
        config = project.project_config()
        if config.providers:
            # the cloud side must still be there (and a lock a killed run left is released)
            ctx.provider(config.providers[0]).check_env(status.env_name, command=command)
        ctx.console.print(f"\n{NO_CHANGES}")
        return PushOutcome(changed=False, status=status)
    plan = build_plan(ctx, project, status)
    if force:
        plan = replace(
            plan,
            stacks=tuple(s if s.changed else replace(s, operation=Operation.UPDATE) for s in plan.stacks),
        )
    if not confirm(ctx, command=command):
        ctx.console.print("The backend was not pushed; publishing the frontend.")
        return PushOutcome(changed=False, status=status)
    provider = ctx.provider(plan.provider_name)
    extra = {"force": True} if force else {}
    result = provider.push(
        plan, commit=lambda res: commit_push(project, plan, res), force_unlock=force_unlock, **extra
    )
    regenerate_frontend_config(ctx, project, category_outputs(ctx, project.amplify_meta()))
    ctx.console.success(DONE)
    return PushOutcome(changed=True, status=status, plan=plan, result=result)


def confirm(ctx: AmplifyContext, *, command: str = "push") -> bool:
    """True to push. A declined push stops the command, except inside ``publish``, which asks
    Gen 1's second question: False there means "skip the push, publish the frontend anyway"."""
    if ctx.yes:
        return True
    answer = ctx.prompter.ask(
        [Question(id="confirmPush", message=CONFIRM, kind="confirm", default=True, flag="--yes")]
    )["confirmPush"]
    if answer:
        return True
    if (
        command == "publish"
        and ctx.prompter.ask(
            [Question(id="publishFrontend", message=PUBLISH_ANYWAY, kind="confirm", default=False)]
        )["publishFrontend"]
    ):
        return False
    raise OperationError(f"{command.capitalize()} cancelled; nothing was changed.")


# -- plan -------------------------------------------------------------------------------


def build_plan(ctx: AmplifyContext, project: Project, status: BackendStatus) -> PushPlan:
    """The push plan for ``status``: templates and parameters from the category plugins.

    Reads local files only. A resource whose category has no installed plugin (or whose
    plugin does not offer its service) deploys from its committed template
    (:mod:`amplify_core.changes.sources`); every resource that cannot be built is named in
    one error before anything changes. Stacks come in dependency order.
    """
    config = project.project_config()
    check_frontend_paths(ctx, project.root, config.frontend, config.frontend_settings())
    env_name = status.env_name
    provider_name = config.provider_name
    foreign = sorted({r.provider_plugin for r in status.resources} - set(config.providers or [provider_name]))
    if foreign:
        raise UsageError(f"Resources use providers this project does not: {', '.join(foreign)}.")
    stacks = _desired_stacks(ctx, project, status)
    provider_info = project.team_provider_info().get(env_name, {}).get(provider_name) or (
        project.amplify_meta().get("providers", {}).get(provider_name, {})
    )
    if not provider_info.get("StackName"):
        raise UsageError(
            f"Environment {env_name!r} has no root stack recorded in team-provider-info.json.",
            hint='Run "amplify init" (or "amplify env pull") for this environment first.',
        )
    tags = read_json(project.paths.backend / "tags.json", default=None)
    return PushPlan(
        env_name=env_name,
        project_name=config.projectName,
        provider_name=provider_name,
        provider_info=dict(provider_info),
        status=status,
        stacks=tuple(stacks),
        deletions=tuple(r for r in status.resources if r.operation is Operation.DELETE),
        tags=resolve_tags(tags, config.projectName, env_name),
        tags_changed=status.tags_changed,
    )


def _desired_stacks(ctx: AmplifyContext, project: Project, status: BackendStatus) -> list[NestedStack]:
    sources = _sources(ctx, project, status)  # every refusal before anything is built
    artifacts = {row.key: _artifacts(ctx, row, folder) for row, folder, _, _ in sources}
    stacks, unset = _assemble(project, status, sources, artifacts)
    if unset:
        ask_env_values(ctx, project, status.env_name, unset)
        stacks, unset = _assemble(project, status, sources, artifacts)
    return stacks


_Source = tuple[ResourceStatus, Path, dict[str, Any], dict[str, Any]]
"""One resource to deploy: its status row, folder, template and the parameters its files give."""


def _sources(ctx: AmplifyContext, project: Project, status: BackendStatus) -> list[_Source]:
    """Every resource to deploy with its template, in dependency order.

    Reads templates only (no build runs), so a refused resource stops the push before a
    function of another resource is built. A template whose Lambda runtime AWS no longer
    accepts is refused here too (:func:`~amplify_core.changes.sources.retired_runtime`).

    :raises UsageError: a resource cannot be built (every one named).
    """
    rows = {r.key: r for r in status.resources if r.operation is not Operation.DELETE}
    order = deploy_order(list(rows), {key: _dependencies(row.entry) for key, row in rows.items()})
    deployed = categories_of(project.amplify_meta(current=True))
    tpi = project.team_provider_info()
    sources: list[_Source] = []
    refusals: list[Refusal] = []
    for key in order:
        row = rows[key]
        folder = project.paths.resource_dir(row.category, row.name)
        try:
            template, values = _template_and_values(ctx, row, folder)
        except UsageError as exc:  # RefusedResource, or a committed template that cannot be read
            refusals.append(Refusal(row.category, row.name, row.service, getattr(exc, "reason", exc.message)))
            continue
        path = committed_template(folder, row.name)
        retired = retired_runtime(
            template,
            {**values, **env_values(tpi, status.env_name, row.category, row.name)},
            deployed=bool((deployed.get(row.category) or {}).get(row.name)),
            where=str(path.relative_to(project.root)) if path else "its template",
        )
        if retired:
            refusals.append(Refusal(row.category, row.name, row.service, retired))
            continue
        sources.append((row, folder, template, values))
    if refusals:
        raise refusal_message(refusals)
    return sources


def _assemble(
    project: Project,
    status: BackendStatus,
    sources: list[_Source],
    artifacts: Mapping[tuple[str, str], tuple[Artifact, ...]],
) -> tuple[list[NestedStack], list[tuple[ResourceStatus, list[str]]]]:
    """The nested stacks, plus the resources whose template parameters nothing supplies yet."""
    env_name = status.env_name
    deployed = categories_of(project.amplify_meta(current=True))
    tpi = project.team_provider_info()
    stacks: list[NestedStack] = []
    unset: list[tuple[ResourceStatus, list[str]]] = []
    for row, _folder, template, file_values in sources:
        values = {**file_values, **env_values(tpi, env_name, row.category, row.name)}
        for artifact in artifacts[row.key]:
            values.update(artifact.parameters)
        previous = (deployed.get(row.category) or {}).get(row.name) or {}
        url = (previous.get("providerMetadata") or {}).get("s3TemplateURL")
        stack = nested_stack(row, template, values, env_name, url, artifacts[row.key])
        missing = missing_parameters(template, stack.parameters)
        if missing:
            unset.append((row, missing))
            continue
        stacks.append(stack)
    return stacks, unset


def ask_env_values(
    ctx: AmplifyContext, project: Project, env_name: str, unset: list[tuple[ResourceStatus, list[str]]]
) -> None:
    """Ask for the environment-specific values nothing supplies, as Gen 1 asks in a new
    environment, and keep them in ``team-provider-info.json`` ``<env>.categories``.

    :raises UsageError: nobody can answer (``--yes``, no terminal): every value is named.
    """
    if ctx.yes or isinstance(ctx.prompter, NonInteractivePrompter):
        lines = "\n".join(f"  {row.category} {row.name} ({row.service}): {', '.join(m)}" for row, m in unset)
        raise UsageError(
            f"Cannot push: {len(unset)} resource(s) need values in environment {env_name!r} that "
            f"it does not have; nothing was changed.\n{lines}",
            hint=(
                "Run `amplify push` in a terminal to be asked for them, or set them in "
                f'amplify/team-provider-info.json under "{env_name}" > "categories" > '
                "<category> > <resource> (a new environment takes them from `amplify env add "
                '--categories \'{"<category>": {"<resource>": {"<parameter>": "…"}}}\'`).'
            ),
        )
    questions = [
        Question(
            id=f"{row.category}.{row.name}.{param}",
            message=f"Enter a value for {param} for the {row.category} resource: {row.name}",
            validate=_not_empty,
        )
        for row, missing in unset
        for param in missing
    ]
    answers = ctx.prompter.ask(questions)
    tpi = project.team_provider_info()
    categories = tpi.setdefault(env_name, {}).setdefault("categories", {})
    for row, missing in unset:
        block = categories.setdefault(row.category, {}).setdefault(row.name, {})
        for param in missing:
            block[param] = answers[f"{row.category}.{row.name}.{param}"]
    project.save_team_provider_info(tpi)


def _not_empty(value: Any) -> str | None:
    return None if str(value or "").strip() else "a value is required"


def _template_and_values(
    ctx: AmplifyContext, row: ResourceStatus, folder: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    category = _plugin_for(ctx, row)
    if category is None:
        return committed_source(folder, row.name, row.entry)
    return category.template(folder, dict(row.entry)), category.parameters(folder, dict(row.entry))


def _artifacts(ctx: AmplifyContext, row: ResourceStatus, folder: Path) -> tuple[Artifact, ...]:
    """What the resource's plugin builds for the push (a function's zip); none for a resource
    deployed from its committed template."""
    category = _plugin_for(ctx, row)
    return tuple(category.artifacts(folder, dict(row.entry)) or ()) if category is not None else ()


def _plugin_for(ctx: AmplifyContext, row: ResourceStatus) -> Category | None:
    """The installed category plugin that builds ``row``, or ``None`` (its committed template)."""
    registered = ctx.plugins.categories.get(row.category)
    services = tuple(registered.info.services) if registered else ()
    if registered is None or (services and row.service not in services):
        return None
    return ctx.category(row.category)


def _dependencies(entry: Mapping[str, Any]) -> list[tuple[str, str]]:
    found = []
    for dep in entry.get("dependsOn") or []:
        if isinstance(dep, dict) and dep.get("category") and dep.get("resourceName"):
            found.append((str(dep["category"]), str(dep["resourceName"])))
    return found


# -- local state after success ----------------------------------------------------------


def commit_push(project: Project, plan: PushPlan, result: PushResult) -> None:
    """Record a successful deployment locally: the only place a push changes local files.

    Resource folders are copied into ``#current-cloud-backend`` first and the two
    ``amplify-meta.json`` files written last, each atomically; the deployed meta is what
    ``status`` compares against, so an interruption part-way leaves the change visible and
    the next push redoes it. Ctrl-C is held off until the commit is complete.
    """
    paths = project.paths
    with deferred_interrupt():
        for stack in plan.changed_stacks:
            replace_tree(paths.resource_dir(*stack.key), paths.resource_dir(*stack.key, current=True))
        for row in plan.deletions:
            remove_tree(paths.resource_dir(row.category, row.name, current=True))
        _copy_file(paths.backend_config, paths.current_backend_config)
        _copy_file(paths.backend / "tags.json", paths.current_cloud_backend / "tags.json")
        previous = project.amplify_meta(current=True)
        meta = deployed_meta(project.amplify_meta(), previous, plan, result)
        if result.root_outputs:  # the root stack was created again (push --force)
            block = {**dict(plan.provider_info), **result.root_outputs}
            meta.setdefault("providers", {})[plan.provider_name] = block
            tpi = project.team_provider_info()
            tpi.setdefault(plan.env_name, {})[plan.provider_name] = block
            project.save_team_provider_info(tpi)
        project.save_amplify_meta(meta)
        project.save_amplify_meta(meta, current=True)


def deployed_meta(
    local_meta: Mapping[str, Any], previous: Mapping[str, Any], plan: PushPlan, result: PushResult
) -> dict[str, Any]:
    """``amplify-meta.json`` after a successful push (pure).

    Providers and any non-category keys come from the local meta; every desired resource is
    its backend-config entry plus, for pushed ones, the new ``providerMetadata``, ``output``,
    ``lastPushTimeStamp`` and ``lastPushDirHash``; unchanged ones keep what the last push
    recorded; deleted ones are gone.
    """
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    before = categories_of(previous)
    meta: dict[str, Any] = {k: v for k, v in local_meta.items() if k not in categories_of(local_meta)}
    meta.setdefault("providers", dict(previous.get("providers") or {}))
    for stack in plan.stacks:
        old = (before.get(stack.category) or {}).get(stack.name) or {}
        entry: dict[str, Any] = dict(stack.entry)
        outcome = result.resources.get(stack.key)
        if outcome is not None:
            entry["providerMetadata"] = {"s3TemplateURL": outcome.template_url, "logicalId": stack.logical_id}
            entry["lastPushTimeStamp"] = now
            entry["output"] = dict(outcome.outputs)
        else:
            for key in ("providerMetadata", "lastPushTimeStamp", "output"):
                if key in old:
                    entry[key] = old[key]
        entry["lastPushDirHash"] = stack.resource_hash
        meta.setdefault(stack.category, {})[stack.name] = entry
    return meta


# -- file helpers -----------------------------------------------------------------------


def _ignore(_folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n in EXCLUDED_DIRS or n.startswith(".")]


def replace_tree(source: Path, target: Path) -> None:
    """Make ``target`` a copy of ``source`` (minus build output), swapped in as a whole."""
    replace_folder(target, source, ignore=_ignore)


def remove_tree(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
        parent = path.parent
        if parent.name != "#current-cloud-backend" and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
    elif path.exists():
        path.unlink()


def _copy_file(source: Path, target: Path) -> None:
    if source.exists():
        write_json(target, read_json(source))
    elif target.exists():
        target.unlink()


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold Ctrl-C until the block ends, so local state is never half-written."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt
