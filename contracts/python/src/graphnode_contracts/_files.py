"""Where the contract files live: one source of truth, contracts/ in the repository.

An editable install (pip install -e contracts/python) reads them straight from the repository; a
built wheel carries a copy made at build time from the same files (see pyproject.toml).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGED = Path(__file__).resolve().parent / "_contracts"
# src/graphnode_contracts/_files.py -> contracts/
_REPOSITORY = Path(__file__).resolve().parents[3]


def contracts_dir() -> Path:
    """The directory holding contract.json, schemas/ and pacts/."""
    if (_PACKAGED / "contract.json").is_file():
        return _PACKAGED
    if (_REPOSITORY / "contract.json").is_file():
        return _REPOSITORY
    raise FileNotFoundError(
        "graphnode-contracts cannot find contract.json: install the package from the repository "
        "(pip install -e contracts/python) or from a wheel built there"
    )


def read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    return read_json(contracts_dir() / "contract.json")


@lru_cache(maxsize=1)
def schemas() -> dict[str, dict[str, Any]]:
    """Every schema file named by the manifest, keyed by file name."""
    m = manifest()
    names = {m["envelope"], *m["messages"].values(), *m["objects"].values()}
    return {name: read_json(contracts_dir() / "schemas" / name) for name in sorted(names)}


def pacts_dir() -> Path:
    return contracts_dir() / "pacts"
