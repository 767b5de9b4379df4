"""The objects a descriptor's ``factory`` builds: what frontends, providers and categories do.

Each is constructed with the command's :class:`~amplify_core.context.AmplifyContext`. The
core calls only the methods declared here, so a plugin may keep everything else private.

``settings`` below is the frontend's block of ``project-config.json``
(``{"framework": "react", "config": {"SourceDir": "src", …}}`` for javascript).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .changes.plan import Artifact, PushPlan, PushResult
    from .context import AmplifyContext
    from .prompts.question import Question


class Frontend(ABC):
    """A kind of app that consumes the backend through generated config files."""

    def __init__(self, context: AmplifyContext):
        self.context = context

    @abstractmethod
    def scan(self, project_dir: Path) -> int:
        """How sure this frontend is that ``project_dir`` is its kind of app (0 = not at all).

        ``init --yes`` without ``--frontend`` picks the highest score.
        """

    @abstractmethod
    def detect(self, project_dir: Path) -> dict[str, Any]:
        """The default settings for ``project_dir`` (framework and config)."""

    def questions(self, defaults: dict[str, Any]) -> list[Question]:
        """Prompts for the settings, keyed by question id, with ``defaults`` as their defaults."""
        return []

    def settings_from_answers(self, defaults: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
        """Turn prompt answers (or validated headless parameters) into settings."""
        return defaults

    @abstractmethod
    def write_config_files(
        self, project_dir: Path, settings: dict[str, Any], outputs: dict[str, Any]
    ) -> list[Path]:
        """Write the app's config files from the backend ``outputs``; return the paths written.

        ``outputs`` is flat: ``aws_project_region`` plus each category's keys.
        """

    @abstractmethod
    def remove_config_files(self, project_dir: Path, settings: dict[str, Any]) -> list[Path]:
        """Delete the files :meth:`write_config_files` writes; return those that existed."""

    def build(self, project_dir: Path, settings: dict[str, Any]) -> None:
        """Build the app (raise :class:`~amplify_core.errors.OperationError` on failure)."""

    def start(self, project_dir: Path, settings: dict[str, Any]) -> None:
        """Start the app locally (raise ``OperationError`` on failure)."""

    def dist_dir(self, project_dir: Path, settings: dict[str, Any]) -> Path | None:
        """The folder a build produces, which hosting publishes; ``None`` if there is none."""
        return None

    def project_paths(self, settings: dict[str, Any]) -> dict[str, str]:
        """The paths in ``settings`` (name → value as written) that must stay inside the
        project. The core refuses settings whose paths lead out of it (``..``, a symlink)
        at init, configure, push and publish, before anything changes; use
        ``amplify_core.plugin.path_in_project`` wherever the frontend itself uses one."""
        return {}


@dataclass(frozen=True)
class FoundEnv:
    """An environment found in the cloud: its project, its name, its ``env_info``."""

    project_name: str
    env_name: str
    env_info: dict[str, Any]


class Provider(ABC):
    """A cloud provider: credentials, one stack per environment, deployments.

    Vocabulary of the arguments:

    - ``aws_info`` (any provider: "access info"): the environment's entry of
      ``local-aws-info.json``, how this clone reaches the cloud. Never holds a secret.
    - ``env_info``: the provider's block of the environment in ``team-provider-info.json``
      (for AWS: ``StackName``, ``StackId``, ``DeploymentBucketName``, ``Region``, roles).
    - a *snapshot* folder: the environment's deployed state, i.e. the content of
      ``amplify/#current-cloud-backend/`` (``amplify-meta.json``, ``backend-config.json``,
      one folder per deployed resource).

    The core changes local files only after the provider call they record has succeeded.
    """

    def __init__(self, context: AmplifyContext):
        self.context = context

    @abstractmethod
    def configure(self, params: dict[str, Any] | None) -> dict[str, Any]:
        """Resolve how to reach the cloud (from ``--providers`` or prompts).

        :param params: the provider's validated block of ``--providers``, or ``None`` to
            prompt (or, with ``--yes``, to take what the machine offers).
        :returns: the environment's ``local-aws-info.json`` entry. Never holds a secret.
        """

    def reconfigure(self, current: dict[str, Any] | None, params: dict[str, Any] | None) -> dict[str, Any]:
        """Like :meth:`configure`, for ``configure project``, with ``current`` as the defaults."""
        return self.configure(params)

    def describe_access(self, aws_info: dict[str, Any] | None) -> str:
        """One line saying how ``aws_info`` reaches the cloud (shown by ``configure project``)."""
        return str(aws_info or "not configured")

    @abstractmethod
    def init_env(self, project_name: str, env_name: str, aws_info: dict[str, Any]) -> dict[str, Any]:
        """Create the environment's root stack; return its outputs (``team-provider-info`` shape)."""

    @abstractmethod
    def store_current_cloud_backend(
        self, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any], folder: Path
    ) -> None:
        """Upload ``folder`` as the environment's deployed state (``#current-cloud-backend``).

        Called after ``init`` of a new environment (before any local file is written) and
        after a successful push, so that ``env pull``/``env checkout`` in another clone find it.
        """

    @abstractmethod
    def pull_env(
        self, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any], dest: Path
    ) -> dict[str, Any]:
        """Download the environment's deployed state into the empty folder ``dest``.

        :returns: ``env_info`` refreshed from the cloud (the root stack's current outputs).
            ``dest`` stays empty if nothing was ever stored. Raises
            :class:`~amplify_core.errors.OperationError` if the environment is gone.
        """

    def find_envs(
        self, aws_info: dict[str, Any], *, project_name: str | None = None, env_name: str | None = None
    ) -> list[FoundEnv]:
        """The environments the cloud account holds (``amplify pull`` in a folder with no
        ``team-provider-info.json``), optionally of one project and/or with one name.

        :raises OperationError: if the provider cannot look environments up.
        """
        from .errors import OperationError

        raise OperationError(f"{type(self).__name__} cannot look up environments in the cloud.")

    @abstractmethod
    def delete_env(self, env_name: str, env_info: dict[str, Any], aws_info: dict[str, Any]) -> None:
        """Remove the environment's stack and retained buckets; tolerate what is already gone."""

    @abstractmethod
    def import_env(
        self, env_name: str, config: dict[str, Any], aws_info: dict[str, Any] | None
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """Check an ``env import`` (no cloud calls) and normalise it.

        :param config: the provider's block of ``--config``, already valid against the
            provider's ``env-import-config`` schema.
        :param aws_info: ``--awsInfo``, valid against the ``aws-info`` schema, or ``None``.
        :returns: ``(env_info, aws_info)`` to record; ``aws_info`` without secrets (or ``None``).
        """

    def env_recorded(self, env_name: str, env_info: dict[str, Any]) -> None:
        """Called once a new environment made by :meth:`init_env` is written to the local files.

        A provider that records its intent before creating cloud resources (so that a rerun
        after a crash adopts what the killed run created instead of making a second set)
        forgets that record here. The default does nothing.
        """

    def session(self, aws_info: dict[str, Any], region: str | None = None) -> Any:
        """The SDK session for an environment's access info (``local-aws-info.json`` entry), in
        ``region`` (default: the access info's): what categories make their clients from, so
        profiles, assume-role with MFA, endpoints (the sandbox) and retries are the provider's.

        For AWS it has ``client(service)``, ``region`` and ``botocore_session``. Categories reach
        it through :func:`amplify_core.plugin.env_session`. The default refuses: a provider
        that is not AWS has no AWS clients to give.
        """
        from .errors import OperationError

        raise OperationError(f"The provider {type(self).__name__} cannot make AWS clients.")

    def client_config(self, **overrides: Any) -> Any:
        """The SDK client configuration every client of this project uses (for AWS a
        ``botocore.config.Config``: retry mode and attempts, timeouts), with ``overrides``.

        Plugins that make their own clients (hosting, frontends) pass it as ``config=`` so one
        retry policy covers every call. ``None`` means the SDK's defaults.
        """
        return None

    @contextmanager
    def deployment_lock(self, env_name: str, *, command: str, force_unlock: bool = False) -> Iterator[None]:
        """Hold the environment's deployment lock for the block (``push``, ``publish``).

        Reentrant: a push inside a publish that holds the lock does not take it again. The
        lock is released when the block ends, also on failure or Ctrl-C. A lock left by a
        dead process of this machine and user is broken with a warning; any other holder
        makes it raise :class:`~amplify_core.errors.OperationError` naming the holder
        unless ``force_unlock``. The default holds no lock.
        """
        yield

    def check_env(self, env_name: str, *, command: str) -> None:
        """Called by a push or publish with nothing to deploy, before it says so.

        Raise :class:`~amplify_core.errors.OperationError` naming what is wrong when the
        environment's cloud side is gone (and how to recreate it); release a lock this clone
        left behind when its last deployment was interrupted. The default checks nothing.
        """

    def push(
        self,
        plan: PushPlan,
        *,
        commit: Callable[[PushResult], None],
        force_unlock: bool = False,
        force: bool = False,
    ) -> PushResult:
        """Apply a push plan (:class:`~amplify_core.changes.plan.PushPlan`): the only step
        of a push that talks to the cloud.

        In order: take the environment's deployment lock (``force_unlock`` breaks a stale
        one first); upload the changed templates; update the root stack with one nested
        stack per ``plan.stacks`` entry (``plan.deletions`` disappear); wait, showing
        progress; read each changed nested stack's outputs. Then — only after the cloud
        accepted everything — call ``commit(result)``, which records the deployment in the
        local files, save the deployment state remotely, and release the lock (also on
        failure or Ctrl-C).

        With ``force`` (``amplify push --force``) the environment's root stack is created
        again in place if it is gone (same name and bucket), and every resource in
        ``plan.stacks`` is deployed, changed or not.

        :raises OperationError: naming the failing resource, its type and the cloud's reason;
            ``commit`` has not been called, so local files are untouched.
        :returns: the outputs of the created and updated resources.
        """
        raise NotImplementedError(f"{type(self).__name__} cannot push")


@dataclass(frozen=True)
class PublishOptions:
    """The flags of ``amplify publish`` that a publishing category honours.

    :param invalidate: ``-c/--invalidateCloudFront``: refresh CDN caches afterwards.
    :param delete: ``--delete``: remove remote files no longer in the distribution folder.
    :param dry_run: ``--dry-run``: report what would change, change nothing.
    :param verify: ``--verify``: compare with the remote files themselves, not with a
        record of the last publish.
    :param allow_missing_index: ``--allow-missing-index``: publish a folder that has no index
        document (refused otherwise).
    """

    invalidate: bool = False
    delete: bool = False
    dry_run: bool = False
    verify: bool = False
    allow_missing_index: bool = False


@dataclass(frozen=True)
class PublishResult:
    """What ``Category.publish`` did to one resource (``amplify publish --json`` prints it).

    :param url: the site's URL, if it has one.
    :param uploaded: keys uploaded (new, changed, or with new headers).
    :param unchanged: keys already up to date.
    :param deleted: keys deleted (``--delete``).
    :param invalidation_id: the CDN invalidation requested (``-c``), if any.
    :param dry_run: nothing was changed; the lists say what a publish would do.
    """

    url: str | None = None
    uploaded: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    invalidation_id: str | None = None
    dry_run: bool = False


class Category(ABC):
    """A backend category whose resources live in ``amplify/backend/<category>/<resource>``."""

    def __init__(self, context: AmplifyContext):
        self.context = context

    def artifacts(self, resource_dir: Path, resource: dict[str, Any]) -> list[Artifact]:
        """Build the files the resource's template refers to in the deployment bucket (a Lambda
        zip), locally; called by push before :meth:`template` and :meth:`parameters`.

        Raise :class:`~amplify_core.errors.OperationError` when the build fails (nothing is deployed).
        """
        return []

    def template(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        """The CloudFormation template the resource contributes to a push."""
        return _read_json(resource_dir / "template.json")

    def parameters(self, resource_dir: Path, resource: dict[str, Any]) -> dict[str, Any]:
        """The template's parameter values for this environment."""
        path = resource_dir / "parameters.json"
        return _read_json(path) if path.exists() else {}

    def frontend_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """Keys this resource adds to the frontend config files (flat, ``aws_…`` style)."""
        return {}

    def status_lines(self, resource_name: str, resource: dict[str, Any]) -> list[str]:
        """Lines ``amplify status`` prints under the table for a deployed resource (``output``
        present), e.g. a site's URL. Keep it local: ``status`` makes no call to the cloud."""
        return []

    def native_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """What this resource adds to the native apps' config files, which are nested.

        :returns: ``{"amplifyconfiguration": {...}, "awsconfiguration": {...}}`` (either key
            optional): blocks deep-merged into ``amplifyconfiguration.json`` (e.g.
            ``{"storage": {"plugins": {"awsS3StoragePlugin": {...}}}}``) and sections of
            ``awsconfiguration.json`` (``{"S3TransferUtility": {"Default": {...}}}``). The core
            hands them to frontends under :data:`amplify_core.native_config.NATIVE_KEY` of the
            outputs; web frontends ignore that key.
        """
        return {}

    def publish(
        self, resource_name: str, resource: dict[str, Any], dist_dir: Path, options: PublishOptions
    ) -> str | PublishResult | None:
        """Upload the frontend's built files to the resource (``amplify publish``).

        ``amplify publish`` calls this for every resource of a category that overrides it,
        after pushing the backend and running the frontend's build; a category that does not
        override it has nothing to publish and is skipped.

        :param resource_name: the resource's name in ``backend-config.json``.
        :param resource: its ``amplify-meta.json`` entry (with ``output`` once deployed).
        :param dist_dir: the folder the frontend's build wrote (``Frontend.dist_dir``).
        :param options: the ``amplify publish`` flags (:class:`PublishOptions`).
        :returns: a :class:`PublishResult` (what ``publish --json`` reports), or just the
            site's URL, if it has one.
        :raises OperationError: the upload failed (or, here, there is nothing to publish).
        """
        from .errors import OperationError

        raise OperationError(f"The {type(self).__name__} category has nothing to publish.")

    def publish_unchanged(
        self, resource_name: str, resource: dict[str, Any], dist_dir: Path, options: PublishOptions
    ) -> PublishResult | None:
        """The result of a publish that has nothing to upload or delete, when that can be
        proven by reading alone; ``None`` otherwise (the default: never proven).

        ``amplify publish`` asks this first when the backend has no changes. If every
        publishing resource answers, the publish is done without taking the deployment lock
        (nothing is written, as with a push that finds no changes); otherwise it takes the lock
        and calls :meth:`publish` for each. Print what :meth:`publish` would print for that case,
        and only when returning a result.
        """
        return None


def _read_json(path: Path) -> dict[str, Any]:
    from .state.jsonfile import read_json

    return read_json(path)
