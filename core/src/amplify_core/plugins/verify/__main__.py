"""``python -m amplify_core.plugins.verify --worker <target JSON>``: the child process in which
``verify_folder`` imports a plugin folder's modules."""

from __future__ import annotations

import sys

from . import _worker

if __name__ == "__main__":  # pragma: no cover - exercised through verify_folder
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        _worker(sys.argv[2])
    else:
        sys.exit("usage: python -m amplify_core.plugins.verify --worker <target JSON>")
