"""The example AI server (examples/ai_server.py) passes the harness's `verify ai` cases run on it
as a real process, and each deliberately broken variant fails with the verdict that names its
fault: deleting requests before answering (and dropping some), dying on a missing input, and
sending non-conformant messages under --fail-on-findings. Runs `npm run verify` through Node.js."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CONTRACTS

REPOSITORY = CONTRACTS.parent
SERVER = CONTRACTS / "python" / "examples" / "ai_server.py"
NODE = os.environ.get("GRAPHNODE_NODE") or shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed to run the verify harness")


def verify(tmp_path: Path, *args: str, broken: str | None = None) -> tuple[int, dict[str, Any], str]:
    command = f"{sys.executable} {SERVER}" + (f" --broken {broken}" if broken else "")
    report_dir = tmp_path / "report"
    done = subprocess.run(
        [NODE, "verify/run.ts", "ai", "--command", command, "--report-dir", str(report_dir), *args],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=240,
    )
    report = json.loads((report_dir / "report.json").read_text())
    return done.returncode, report, done.stdout + done.stderr


def failed(report: dict[str, Any]) -> set[str]:
    names = set()
    for case in report["cases"]:
        verdicts = case["verdicts"] + [v for r in case["requests"] for v in r["verdicts"]]
        names |= {v["name"] for v in verdicts if v["status"] == "fail"}
    return names


def test_the_example_server_passes_every_case(tmp_path: Path) -> None:
    code, report, output = verify(tmp_path)
    assert code == 0, output
    assert report["passed"] is True
    assert {c["name"] for c in report["cases"] if c["status"] == "pass"} >= {
        "every-type",
        "missing-input",
        "sigterm-mid-task",
        "sigkill-mid-task",
        "s3-errors",
    }


def test_deleting_before_answering_is_caught(tmp_path: Path) -> None:
    code, report, output = verify(tmp_path, "--cases", "every-type", "--case-timeout", "4", broken="delete-early")
    assert code == 1, output
    assert {"request deleted only after its result", "terminal result arrives"} <= failed(report)


def test_dying_on_a_missing_input_is_caught(tmp_path: Path) -> None:
    code, report, output = verify(tmp_path, "--cases", "missing-input", "--case-timeout", "4", broken="crash-on-missing")
    assert code == 1, output
    assert {"process alive", "terminal result arrives"} <= failed(report)


def test_non_conformant_messages_fail_under_fail_on_findings(tmp_path: Path) -> None:
    code, report, output = verify(tmp_path, "--cases", "every-type", "--fail-on-findings", broken="nonconformant")
    assert code == 1, output
    assert failed(report) == {"messages accepted by the contracts"}
    findings = [f for c in report["cases"] for r in c["requests"] for f in r["findings"]]
    assert findings and all("timestamp-without-zone" in f for f in findings)
    # Without the flag the same messages are accepted: findings listed, verdicts hold.
    code, report, output = verify(tmp_path, "--cases", "every-type", broken="nonconformant")
    assert code == 0, output
