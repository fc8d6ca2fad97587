"""Both languages give the same verdict on every golden example: the same (JSON pointer, rule)
pairs from the Python validator and from the TypeScript one (run through Node.js), in both the
strict and the tolerant reading. A divergence means one side would accept what the other rejects."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any

import pytest
from conftest import CONTRACTS, EXAMPLES, example_files, load

import graphnode_contracts as gc

REPOSITORY = CONTRACTS.parent
SCRIPT = REPOSITORY / "scripts" / "contracts-validate.ts"
NODE = os.environ.get("GRAPHNODE_NODE") or shutil.which("node")

OBJECT_KINDS = {"graph-output": "graphOutput", "input-bundle": "inputBundle", "summary": "summary"}


def _cases() -> list[tuple[str, str, str, Any]]:
    cases: list[tuple[str, str, str, Any]] = []
    for sub in ("valid", "invalid", "additive"):
        for path in example_files(sub):
            value = load(path)
            message = value["message"] if sub != "valid" else value
            for mode in ("strict", "tolerant"):
                cases.append((f"{path.relative_to(EXAMPLES)} [{mode}]", "message", mode, message))
    for folder, kind in OBJECT_KINDS.items():
        for path in example_files(f"objects/{folder}"):
            value = load(path)
            obj = value["message"] if path.parent.name == "invalid" else value
            for mode in ("strict", "tolerant") if kind == "graphOutput" else ("tolerant",):
                cases.append((f"{path.relative_to(EXAMPLES)} [{mode}]", kind, mode, obj))
    return cases


def _python_verdict(kind: str, mode: str, value: Any) -> set[tuple[str, str]]:
    check = {
        "message": lambda v: gc.validate(v, mode=mode),
        "graphOutput": lambda v: gc.validate_graph_output(v, mode=mode),
        "inputBundle": gc.validate_input_bundle,
        "summary": lambda v: gc.validate_summary(v, mode=mode),
    }[kind]
    try:
        check(value)
    except gc.ContractViolationError as error:
        return {(v.path, v.rule) for v in error.violations}
    return set()


def _typescript_verdicts(cases: list[tuple[str, str, str, Any]]) -> list[set[tuple[str, str]]] | None:
    if NODE is None or not SCRIPT.is_file():
        return None
    batch = [{"kind": kind, "mode": mode, "value": value} for _, kind, mode, value in cases]
    run = subprocess.run(
        [NODE, str(SCRIPT), "--batch"],
        input=json.dumps(batch),
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        timeout=120,
        check=False,
    )
    if run.returncode != 0:
        if "SyntaxError" in run.stderr or "ERR_UNKNOWN_FILE_EXTENSION" in run.stderr:
            return None  # a Node.js without TypeScript type stripping
        raise AssertionError(f"TypeScript validator failed: {run.stderr}")
    return [{(v["path"], v["rule"]) for v in result} for result in json.loads(run.stdout)]


CASES = _cases()
TS_VERDICTS = _typescript_verdicts(CASES)


@pytest.mark.skipif(
    TS_VERDICTS is None,
    reason="needs Node.js 22.18+ (TypeScript type stripping) and the repository's scripts/; "
    "npm run test:python provides both",
)
@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[0] for c in CASES])
def test_python_and_typescript_agree(index: int) -> None:
    assert TS_VERDICTS is not None
    name, kind, mode, value = CASES[index]
    assert _python_verdict(kind, mode, value) == TS_VERDICTS[index], name


def test_cases_cover_every_example() -> None:
    files = list(EXAMPLES.rglob("*.json"))
    covered = {c[0].rsplit(" [", 1)[0] for c in CASES}
    assert covered == {str(p.relative_to(EXAMPLES)) for p in files}
