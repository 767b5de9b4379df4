"""The test kit for plugin authors: an opt-in pytest plugin.

Enable it in your ``tests/conftest.py`` (it is deliberately not auto-loaded, so installing
amplify never adds fixtures to unrelated test suites)::

    pytest_plugins = ["amplify_core.testing"]

Fixtures:

``plugin_set`` / ``plugin_manager``
    A fresh set of plugins that knows the hookspecs but has scanned no entry point; it is
    what ``amplify`` sees during the test (``runtime.use_plugins``).
``register_plugin(obj, *, name=None, kind=None, …) -> PluginRecord``
    Register a plugin module or object for one test through the real loader (hook
    validation, descriptor checks, clashes). Name, kind and distribution come from its
    installed entry point when there is one. Fails the test if the plugin is refused, unless
    ``expect_active=False``. Undone at teardown.
``amplify_cli(args, *, answers=None, stdin="", cwd=None, env=None) -> CliResult``
    Run ``amplify <args>`` in-process with ``plugin_set``. Prompts are answered by question id
    from ``answers``; without answers nothing can prompt (standard input is not a terminal),
    so a command never hangs. Returns exit code, stdout, stderr and the questions asked.
``amplify_context``
    The :class:`~amplify_core.context.AmplifyContext` a command would get, rooted in
    ``tmp_path``; ``amplify_context.fire("amplify_post_push", …)`` fires an event exactly as
    the core does.
``hook_recorder``
    Records every hook call and every event fired: ``getcalls(name)``, ``called(name)``.
``fake_dist(name, version, *, entry_points=…, requires=…, files=…)``
    Put a minimal installed distribution (``*.dist-info`` plus modules) on ``sys.path``, to
    test real entry-point discovery.
``sandbox``
    The local AWS of ``amplify-sandbox`` (moto in-process, with amplify's extensions), delegated
    to ``amplify_sandbox.testing``; skipped with a clear reason when that plugin is not
    installed (the core never depends on it).

Helpers: :func:`assert_plugin_valid` runs the ``amplify plugin verify`` checks on a package
folder or an installed distribution; :func:`discovered_plugin` finds a plugin as a real run
does (installed entry points) and fails unless it is active; :func:`sandbox_fixture` gets any fixture of
``amplify_sandbox.testing`` (the session-wide ``sandbox_server`` for subprocesses) without a
hard dependency; :func:`run_cli` is ``amplify_cli`` without the fixture.

The real command: :func:`run_amplify` runs the installed ``amplify`` as a subprocess (cwd, env,
stdin, timeout; a :class:`ProcessResult` with ``code``/``out``/``err``/``text``) and
:func:`headless_init_args` are the arguments of a headless ``init`` of a plain javascript app;
:func:`spawn_amplify` starts it in a sized pseudo-terminal (a :class:`Terminal`: pexpect's
``expect``/``send`` plus ``answer`` and ``finish``). :func:`write_gen1_project` writes the
``amplify/`` folder of a Gen 1 project just after ``init`` (no cloud) and :class:`Gen1Project`
adds resources to one in the Node CLI's formats.

One module per job: ``plugin_sets``, ``registrar``, ``in_process``, ``process``, ``gen1``,
``hooks``, ``dists``, ``sandbox``, ``assertions``; import the names from ``amplify_core.testing``.
"""

from __future__ import annotations

from .assertions import assert_plugin_valid, discovered_plugin
from .dists import fake_dist
from .gen1 import Gen1Project, write_gen1_project
from .hooks import HookCall, HookRecorder, hook_recorder
from .in_process import CliResult, amplify_cli, run_cli
from .plugin_sets import amplify_context, new_plugin_set, plugin_manager, plugin_set
from .process import (
    AMPLIFY,
    BACKSPACE,
    DOWN,
    ENTER,
    UP,
    ProcessResult,
    Terminal,
    headless_init_args,
    run_amplify,
    spawn_amplify,
    terminal_env,
)
from .registrar import register_plugin
from .sandbox import sandbox, sandbox_fixture

__all__ = [
    "AMPLIFY",
    "BACKSPACE",
    "DOWN",
    "ENTER",
    "UP",
    "CliResult",
    "Gen1Project",
    "HookCall",
    "HookRecorder",
    "ProcessResult",
    "Terminal",
    "assert_plugin_valid",
    "discovered_plugin",
    "headless_init_args",
    "new_plugin_set",
    "run_amplify",
    "run_cli",
    "sandbox_fixture",
    "spawn_amplify",
    "terminal_env",
    "write_gen1_project",
]

# The fixtures, for pytest (``pytest_plugins = ["amplify_core.testing"]`` collects this module).
FIXTURES = (
    amplify_cli,
    amplify_context,
    fake_dist,
    hook_recorder,
    plugin_manager,
    plugin_set,
    register_plugin,
    sandbox,
)
