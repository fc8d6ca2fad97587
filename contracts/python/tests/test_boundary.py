"""Bad bodies at the queue boundary are violations with a reason, never a crash."""

from __future__ import annotations

import json

import pytest

import graphnode_contracts as gc

RESULT = {
    "taskId": "task_user-42_01JDQ6Z3X4K8M2N5P7R9S1T3V5",
    "taskType": "GRAPH_GENERATION_RESULT",
    "timestamp": "2026-11-26T07:00:00.000Z",
    "payload": {"userId": "user-42", "status": "COMPLETED", "resultS3Key": "graph-generation/t/graph.json"},
}


def test_valid_body_round_trips() -> None:
    assert gc.parse_message_body(json.dumps(RESULT)) == RESULT
    assert gc.parse_message_body(json.dumps(RESULT).encode()) == RESULT


@pytest.mark.parametrize(
    ("body", "text"),
    [(None, "empty"), ("", "empty"), ("  ", "empty"), ('{"taskId": "task_', "not valid JSON"), ("hello", "not valid JSON")],
)
def test_malformed_body_is_a_json_violation(body: str | None, text: str) -> None:
    with pytest.raises(gc.ContractViolationError) as caught:
        gc.parse_message_body(body)
    assert caught.value.task_type is None
    assert [(v.path, v.rule) for v in caught.value.violations] == [("", "json")]
    assert text in str(caught.value)


def test_oversized_body_is_refused() -> None:
    with pytest.raises(gc.ContractViolationError, match="larger than") as caught:
        gc.parse_message_body('"' + "x" * gc.MAX_BODY_BYTES + '"')
    assert [(v.path, v.rule) for v in caught.value.violations] == [("", "maxBytes")]


def test_deeply_nested_body_is_a_violation_not_a_crash() -> None:
    with pytest.raises(gc.ContractViolationError, match="rule: json"):
        gc.parse_message_body("[" * 100_000 + "]" * 100_000)


@pytest.mark.parametrize("body", ['"x"', "[1]", "null", "42"])
def test_non_object_body(body: str) -> None:
    with pytest.raises(gc.ContractViolationError, match=r"\(message\) must be object \(rule: type\)"):
        gc.parse_message_body(body)


def test_message_names_type_field_and_rule() -> None:
    payload = {k: v for k, v in RESULT["payload"].items() if k != "userId"}
    with pytest.raises(gc.ContractViolationError) as caught:
        gc.validate({**RESULT, "payload": payload})
    assert str(caught.value) == "GRAPH_GENERATION_RESULT: /payload/userId is required (rule: required)"


def test_completed_result_needs_its_key() -> None:
    payload = {"userId": "user-42", "status": "COMPLETED"}
    with pytest.raises(gc.ContractViolationError, match=r"/payload/resultS3Key is required"):
        gc.validate({**RESULT, "payload": payload})


def test_invalid_utf8_body_is_a_json_violation() -> None:
    with pytest.raises(gc.ContractViolationError, match=r"rule: json"):
        gc.parse_message_body(b"\xff\xfe{")


def test_oversized_fields_fail_their_bounds() -> None:
    payload = {**RESULT["payload"], "userId": "u" * 129}
    with pytest.raises(gc.ContractViolationError, match=r"/payload/userId .*\(rule: maxLength\)"):
        gc.validate_incoming({**RESULT, "payload": payload})


@pytest.mark.parametrize(
    ("version", "ok"),
    [(gc.CONTRACT_VERSION, True), (None, True), ("2.9.0", True), ("1.0.0", False), ("3.0.0", False), ("banana", False)],
)
def test_contract_version_compatibility(version: str | None, ok: bool) -> None:
    assert gc.is_compatible_contract_version(version) is ok
