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


def test_task_types_follow_the_manifest_catalogue() -> None:
    m = _files.manifest()
    assert gc.TASK_TYPES == tuple(m["messages"])
    assert gc.REQUEST_TASK_TYPES == tuple(m["queues"]["request"]["messages"])
    assert gc.RESULT_QUEUE_TASK_TYPES == tuple(m["queues"]["result"]["messages"])
    assert set(gc.RESULT_QUEUE_TASK_TYPES) == set(gc.PROGRESS_TASK_TYPES) | set(gc.RESULT_TASK_TYPES)
    assert gc.RESULT_FOR_REQUEST == {t: m["catalogue"][t]["result"] for t in gc.REQUEST_TASK_TYPES}
    for request, result in gc.RESULT_FOR_REQUEST.items():
        assert m["catalogue"][result]["answers"] == request


def test_catalogue_names_real_task_id_forms_and_schemas_use_them() -> None:
    m = _files.manifest()
    envelope = _files.schemas()[m["envelope"]]
    assert set(envelope["definitions"]["taskType"]["enum"]) == set(m["messages"])
    for task_type, entry in m["catalogue"].items():
        form = entry["taskIdForm"]
        assert form in m["taskIdForms"] and form in envelope["definitions"], task_type
        schema = _files.schemas()[m["messages"][task_type]]
        assert schema["properties"]["taskId"] == {"$ref": f"envelope.schema.json#/definitions/{form}"}


def test_every_finding_named_in_the_schemas_is_explained() -> None:
    tags: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("x-finding"), str):
                tags.add(node["x-finding"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(_files.schemas())
    assert tags == set(_files.manifest()["findings"])
    readme = (CONTRACTS / "README.md").read_text(encoding="utf-8")
    for tag in tags:
        assert f"`{tag}`" in readme, f"contracts/README.md does not explain {tag}"


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
