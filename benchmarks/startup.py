"""Start-up cost of the light commands against the Python floor (issue 2).

Targets: ``amplify --help`` median ≤ 0.25 s and ≤ 1/3 of the Node CLI's 0.77 s
(the Node CLI measured on the same kind of machine), peak memory ≤ 60 MiB.
"""

from __future__ import annotations

import argparse
import sys

from common import VENV_BIN, measure, print_table

NODE_HELP_S = 0.77


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    amplify = str(VENV_BIN / "amplify")
    rows = [
        measure("python -c pass", [sys.executable, "-c", "pass"], runs=runs),
        measure('python -c "import boto3"', [sys.executable, "-c", "import boto3"], runs=runs),
        measure("amplify --help", [amplify, "--help"], runs=runs),
        measure("amplify --version", [amplify, "--version"], runs=runs),
        measure("amplify plugin list", [amplify, "plugin", "list"], runs=runs),
    ]
    print_table("Start-up", rows)
    help_row = rows[2]
    print(
        f"\namplify --help: {help_row.median_s:.3f} s = {help_row.median_s / NODE_HELP_S:.2f}× the Node CLI's "
        f"{NODE_HELP_S} s, {help_row.median_s / rows[1].median_s:.2f}× 'import boto3'; "
        f"peak {help_row.peak_mib:.0f} MiB"
    )


if __name__ == "__main__":
    main()
