"""`python -m graphnode_contracts lint ...`: the contract lint (see lint.py)."""

from __future__ import annotations

import sys

from .lint import USAGE, main


def run(argv: list[str]) -> int:
    if not argv or argv[0] != "lint":
        print(USAGE, file=sys.stderr)
        return 2
    return main(argv[1:])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
