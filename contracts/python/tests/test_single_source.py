"""The kit reads the one copy of the schemas in contracts/: no drift between languages."""

from __future__ import annotations

import json
import re
import tomllib

from conftest import CONTRACTS

import graphnode_contracts as gc
from graphnode_contracts import _files


def test_schemas_are_the_repository_files() -> None:
    loaded = _files.schemas()
    on_disk = {p.name: json.loads(p.read_text()) for p in (CONTRACTS / "schemas").glob("*.schema.json")}
    assert loaded == on_disk


def test_package_version_matches_the_contract_version() -> None:
    pyproject = tomllib.loads((CONTRACTS / "python" / "pyproject.toml").read_text())
    assert pyproject["project"]["version"] == gc.CONTRACT_VERSION
    assert re.fullmatch(r"\d+\.\d+\.\d+", gc.CONTRACT_VERSION)


def test_task_types_follow_the_manifest() -> None:
    assert gc.REQUEST_TASK_TYPES == ("GRAPH_GENERATION_REQUEST", "GRAPH_SUMMARY_REQUEST", "ADD_NODE_REQUEST")
    assert set(gc.RESULT_QUEUE_TASK_TYPES) == set(gc.TASK_TYPES) - set(gc.REQUEST_TASK_TYPES)


def test_built_wheel_carries_exactly_the_repository_files(tmp_path) -> None:
    import zipfile

    from hatchling.builders.wheel import WheelBuilder

    wheel = next(iter(WheelBuilder(str(CONTRACTS / "python")).build(directory=str(tmp_path), versions=["standard"])))
    prefix = "graphnode_contracts/_contracts/"
    with zipfile.ZipFile(wheel) as archive:
        packaged = {n[len(prefix) :]: archive.read(n) for n in archive.namelist() if n.startswith(prefix)}
    expected = {
        str(p.relative_to(CONTRACTS)): p.read_bytes()
        for p in [CONTRACTS / "contract.json", *(CONTRACTS / "schemas").glob("*.json"), *(CONTRACTS / "pacts").glob("*.json")]
    }
    assert packaged == expected
