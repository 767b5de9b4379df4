"""``amplify hosting configure``: website documents, CloudFront, publish ignore patterns and
Cache-Control rules — interactively by section (as the Gen 1 CLI), or headless.

Headless input comes in two forms that can be combined: ``--params`` JSON (declarative:
given keys replace the current values, lists replace whole lists) applied first, then flags
(edits: ``--error-response 404:200:/index.html`` adds or replaces one response). Everything
is validated before anything is written; the template is rewritten in place so hand edits
survive (see :func:`amplify_category_hosting.templates.apply_settings`).
"""

from .command import load_state, run_configure, save
from .edits import (
    Edits,
    HostingState,
    apply_edits,
    apply_params,
    check_state,
    parse_cache_rule,
    parse_error_response,
)
from .questions import interactive, show

__all__ = [
    "Edits",
    "HostingState",
    "apply_edits",
    "apply_params",
    "check_state",
    "interactive",
    "load_state",
    "parse_cache_rule",
    "parse_error_response",
    "run_configure",
    "save",
    "show",
]
