"""Both languages give the same verdict on every golden example and every entry of the real-dialect
corpus: the same (JSON pointer, rule) violations and the same findings (pointer, rule and text)
from the Python validator and from the TypeScript one (run through Node.js), in both the strict and
the tolerant reading; and both lint commands print the same report. A divergence means one side
would accept, or flag, what the other does not."""

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
    for path in example_files("real"):
        entry = load(path)
        for mode in ("strict", "tolerant"):
            cases.append((f"{path.relative_to(EXAMPLES)} [{mode}]", entry["kind"], mode, entry["value"]))
    for folder, kind in OBJECT_KINDS.items():
        for path in example_files(f"objects/{folder}"):
            value = load(path)
            obj = value["message"] if path.parent.name == "invalid" else value
            for mode in ("strict", "tolerant"):
                cases.append((f"{path.relative_to(EXAMPLES)} [{mode}]", kind, mode, obj))
    return cases


Verdict = tuple[set[tuple[str, str]], list[dict[str, str]]]


def _python_verdict(kind: str, mode: str, value: Any) -> Verdict:
    verdict = gc.check(value, kind, mode=mode)  # type: ignore[arg-type]
    return {(v.path, v.rule) for v in verdict.violations}, [f.as_dict() for f in verdict.findings]


def _typescript_verdicts(cases: list[tuple[str, str, str, Any]]) -> list[Verdict] | None:
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
    return [
        ({(v["path"], v["rule"]) for v in result["violations"]}, result["findings"])
        for result in json.loads(run.stdout)
    ]


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


LINT_SCRIPT = REPOSITORY / "scripts" / "contracts-lint.ts"


def _normalise(report: str) -> str:
    # JSON parsers word their syntax errors differently; everything else must match exactly.
    return "\n".join(
        line.split("is not valid JSON:")[0] + "is not valid JSON" if "is not valid JSON:" in line else line
        for line in report.splitlines()
    )


@pytest.mark.skipif(TS_VERDICTS is None, reason="needs Node.js with TypeScript type stripping (npm run test:python)")
@pytest.mark.parametrize("fail_on_findings", [False, True])
def test_both_lint_commands_print_the_same_report(tmp_path, capsys, fail_on_findings: bool) -> None:
    from graphnode_contracts.lint import main

    real = load(EXAMPLES / "real" / "ai-server" / "graph-summary-result-failed.json")["value"]
    (tmp_path / "batch.jsonl").write_text(
        "\n".join(
            [
                json.dumps(real, ensure_ascii=False),
                "{not json",
                json.dumps({**real, "taskType": "GRAPH_DONE"}),
                json.dumps({k: v for k, v in real.items() if k != "taskId"}),
                json.dumps({**real, "payload": "FAILED"}),
                '"' + "x" * gc.MAX_BODY_BYTES + '"',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    args = [str(tmp_path), str(EXAMPLES / "real"), *(["--fail-on-findings"] if fail_on_findings else [])]
    python_code = main(args)
    python_out = capsys.readouterr().out
    run = subprocess.run(
        [str(NODE), str(LINT_SCRIPT), *args], capture_output=True, text=True, cwd=REPOSITORY, timeout=120, check=False
    )
    assert run.stderr == ""
    assert _normalise(run.stdout) == _normalise(python_out)
    assert run.returncode == python_code == 1
    assert "/taskType [enum]" in python_out and "/taskId [required]" in python_out
    assert "/payload [type]" in python_out and "(message) [maxBytes]" in python_out
    assert "(message) [json] is not valid JSON" in python_out
