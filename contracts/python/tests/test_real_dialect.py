"""Messages and objects built the way the real AI server and back end build them are all accepted,
with exactly the expected findings: on the real clock (datetime.utcnow().isoformat(), so whatever
microseconds it gives) and as committed in contracts/examples/real/ (kept fresh here)."""

from __future__ import annotations

import warnings
from datetime import datetime, timezone

import pytest
from real_dialect import FIXED, REAL_DIR, corpus, render

import graphnode_contracts as gc


def _utcnow() -> datetime:
    # What the AI server calls; deprecated since Python 3.12 but still what it runs.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return datetime.utcnow()


LIVE = corpus(_utcnow())


@pytest.mark.parametrize("name", sorted(LIVE))
def test_live_entry_is_accepted_with_its_findings(name: str) -> None:
    entry = LIVE[name]
    verdict = gc.check(entry["value"], entry["kind"])
    assert verdict.accepted, verdict.violations
    assert [(f.path, f.rule) for f in verdict.findings] == [(f["path"], f["rule"]) for f in entry["findings"]]
    assert verdict.level == ("accepted" if entry["findings"] else "conformant")


def test_messages_go_through_the_sqs_body_reader_too() -> None:
    import json

    for entry in LIVE.values():
        if entry["kind"] == "message":
            body = json.dumps(entry["value"], ensure_ascii=False, separators=(",", ":"))
            assert gc.check_message_body(body).accepted


def test_every_type_and_both_result_statuses_are_covered() -> None:
    seen = {
        (e["value"]["taskType"], e["value"]["payload"].get("status"))
        for e in LIVE.values()
        if e["kind"] == "message"
    }
    for task_type in gc.TASK_TYPES:
        statuses = {s for t, s in seen if t == task_type}
        expected = {"COMPLETED", "FAILED"} if task_type in gc.RESULT_TASK_TYPES else {None}
        assert statuses == expected, task_type


def test_naive_timestamps_are_read_as_utc() -> None:
    assert gc.parse_timestamp(FIXED.isoformat()) == FIXED.replace(tzinfo=timezone.utc)
    assert gc.parse_timestamp("2026-05-24T08:02:17") == datetime(2026, 5, 24, 8, 2, 17, tzinfo=timezone.utc)
    assert gc.parse_timestamp("2026-05-24T10:02:17.123456789+02:00") == datetime(
        2026, 5, 24, 8, 2, 17, 123456, tzinfo=timezone.utc
    )
    assert gc.parse_timestamp("2026-02-29T00:00:00Z") is None


def test_committed_corpus_is_a_fresh_build() -> None:
    expected = {f"{name}.json": render(entry) for name, entry in corpus(FIXED).items()}
    on_disk = {p.relative_to(REAL_DIR).as_posix(): p.read_text(encoding="utf-8") for p in REAL_DIR.rglob("*.json")}
    assert on_disk == expected, "contracts/examples/real/ is stale: run python contracts/python/tests/real_dialect.py --write"


def test_our_strict_check_refuses_the_real_dialect() -> None:
    # Our own producers stay conformant: what the AI server sends today would not leave ours.
    entry = LIVE["ai-server/graph-generation-progress"]
    with pytest.raises(gc.ContractViolationError, match="timestamp-without-zone"):
        gc.validate(entry["value"])
