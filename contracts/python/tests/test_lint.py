"""`python -m graphnode_contracts lint`: verdicts, summary, exit codes and precise errors for
malformed input."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import EXAMPLES

from graphnode_contracts.lint import lint_text, main

REAL = EXAMPLES / "real"


def _message(name: str) -> dict:
    return json.loads((REAL / "ai-server" / f"{name}.json").read_text(encoding="utf-8"))["value"]


def test_findings_pass_unless_asked_to_fail(capsys) -> None:
    assert main([str(REAL)]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("21 checked: 7 conformant, 14 accepted with findings, 0 rejected")
    assert main(["--fail-on-findings", str(REAL)]) == 1


def test_malformed_input_names_pointer_and_rule() -> None:
    good = _message("graph-generation-result-failed")
    cases = {
        "not json": ("{", "", "json"),
        "unknown type": (json.dumps({**good, "taskType": "GRAPH_DONE"}), "/taskType", "enum"),
        "no task id": (json.dumps({k: v for k, v in good.items() if k != "taskId"}), "/taskId", "required"),
        "payload type": (json.dumps({**good, "payload": []}), "/payload", "type"),
        "oversized": (json.dumps({**good, "pad": "x" * 1_048_576}), "", "maxBytes"),
    }
    for label, (text, path, rule) in cases.items():
        item = lint_text(label, text)
        assert item.level == "rejected", label
        assert (path, rule) in [(e.path, e.rule) for e in item.errors], (label, item.errors)


def test_module_entry_point_and_usage_errors(tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(_message("add-node-result-failed")) + "\n\n{oops\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "graphnode_contracts", "lint", str(bad)], capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert f"{bad}:1: accepted (1 finding)" in run.stdout
    assert f"{bad}:3: rejected" in run.stdout
    usage = subprocess.run([sys.executable, "-m", "graphnode_contracts", "lint"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "usage:" in usage.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "graphnode_contracts", "lint", str(tmp_path / "nope.json")], capture_output=True, text=True, check=False
    )
    assert missing.returncode == 2 and "no such file" in missing.stderr
