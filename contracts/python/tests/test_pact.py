"""The Pact helpers for real: the committed worker pact against a tiny Python producer of result
messages (and a drifting one), and a consumer pact for request messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import graphnode_contracts as gc
from graphnode_contracts.pact import (
    ContractVerificationError,
    interactions,
    result_pact_file,
    verify_result_messages,
    write_request_pact,
)

USER = "user-9"
TASK = f"task_{USER}_01JDS0000000000000000000CD"
MICRO_FILE = f"task_microscope_file_{USER}_01JDS0000000000000000000CD_block"
MICRO_NODE = f"task_microscope_node_{USER}_01JDS0000000000000000000CD_nonblock"
CLOCK = lambda: 1_764_140_400.0  # noqa: E731 - a fixed clock: 2025-11-26T07:00:00.000Z


class TinyAiServer:
    """The smallest honest producer: builds each result message with the kit."""

    def progress(self, percent: float, eta: float | None) -> dict[str, Any]:
        payload = {"userId": USER, "currentStage": "clustering", "progressPercent": percent, "etaSeconds": eta}
        return gc.build_message("GRAPH_GENERATION_PROGRESS", TASK, payload, CLOCK)

    def result(self, task_type: str, status: str, **fields: Any) -> dict[str, Any]:
        return gc.build_message(task_type, TASK, {"userId": USER, "status": status, **fields}, CLOCK)

    def microscope(self, task_type: str, task_id: str, status: str, **fields: Any) -> dict[str, Any]:
        payload = {"user_id": USER, "group_id": "group-1", "status": status, **fields}
        return gc.build_message(task_type, task_id, payload, CLOCK)

    def producers(self) -> dict[str, Any]:
        key = f"graph-generation/{TASK}"
        return {
            "a graph generation progress update": lambda: self.progress(40, 25.0),
            "a graph generation progress update without an estimate": lambda: self.progress(0, None),
            "a completed graph generation result": lambda: self.result(
                "GRAPH_GENERATION_RESULT",
                "COMPLETED",
                resultS3Key=f"{key}/graph.json",
                summaryIncluded=True,
                summaryS3Key=f"{key}/summary.json",
            ),
            "a failed graph generation result": lambda: self.result(
                "GRAPH_GENERATION_RESULT", "FAILED", error="no conversations in bundle"
            ),
            "a completed graph summary result": lambda: self.result(
                "GRAPH_SUMMARY_RESULT", "COMPLETED", summaryS3Key=f"graph-summary/{TASK}/summary.json"
            ),
            "a completed add-node result": lambda: self.result(
                "ADD_NODE_RESULT", "COMPLETED", resultS3Key=f"add-node/{TASK}/graph.json"
            ),
            "a failed add-node result": lambda: self.result("ADD_NODE_RESULT", "FAILED", error="timeout"),
            "a completed raw-file microscope ingest result": lambda: self.microscope(
                "MICROSCOPE_INGEST_RESULT",
                MICRO_FILE,
                "COMPLETED",
                chunks_count=3,
                standardized_s3_key=f"microscope/{MICRO_FILE}/standardized.json",
            ),
            "a failed from-node microscope ingest result": lambda: self.microscope(
                "MICROSCOPE_INGEST_FROM_NODE_RESULT", MICRO_NODE, "FAILED", error="node not found"
            ),
        }


def test_committed_worker_pact_lists_what_the_ai_server_must_send() -> None:
    assert result_pact_file().is_file()
    listed = interactions()
    assert {i["taskType"] for i in listed} == set(gc.RESULT_QUEUE_TASK_TYPES)
    assert all(i["state"] for i in listed)


def test_honest_producer_satisfies_the_worker_pact() -> None:
    verify_result_messages(TinyAiServer().producers())


def test_snake_case_producer_fails_with_the_field_named() -> None:
    producers = TinyAiServer().producers()
    honest = producers["a failed add-node result"]

    def drifted() -> dict[str, Any]:
        message = honest()
        message["payload"]["user_id"] = message["payload"].pop("userId")
        return message

    producers["a failed add-node result"] = drifted
    with pytest.raises(ContractVerificationError) as caught:
        verify_result_messages(producers)
    text = str(caught.value)
    assert "a failed add-node result: ADD_NODE_RESULT: /payload/userId is required (rule: required)" in text
    assert "pact verification failed" in text


def test_isoformat_timestamp_fails_the_pact_too() -> None:
    producers = TinyAiServer().producers()
    honest = producers["a completed add-node result"]

    def drifted() -> dict[str, Any]:
        # datetime.utcnow().isoformat(): accepted from the real AI server, but not conformant.
        return {**honest(), "timestamp": "2025-11-26T07:00:00.123456"}

    producers["a completed add-node result"] = drifted
    with pytest.raises(ContractVerificationError, match=r"/timestamp has no time zone"):
        verify_result_messages(producers)


def test_real_dialect_timestamps_pass_only_when_findings_are_allowed() -> None:
    producers = TinyAiServer().producers()
    for description, honest in list(producers.items()):
        producers[description] = lambda honest=honest: {**honest(), "timestamp": "2025-11-26T07:00:00.123456"}
    verify_result_messages(producers, fail_on_findings=False)
    with pytest.raises(ContractVerificationError, match="timestamp-without-zone"):
        verify_result_messages(producers)


def test_missing_producer_is_named() -> None:
    producers = TinyAiServer().producers()
    del producers["a completed graph summary result"]
    with pytest.raises(ContractVerificationError, match="no producer for interaction.*graph summary"):
        verify_result_messages(producers)


def test_request_consumer_pact_is_written_with_matchers(tmp_path: Path) -> None:
    seen: list[str] = []

    def handle(message: dict[str, Any], metadata: dict[str, Any]) -> None:
        assert metadata["queue"] == "graphnode-request-queue"
        seen.append(message["taskType"])
        assert message["payload"].get("userId") or message["payload"]["user_id"]

    path = write_request_pact(handle, pact_dir=tmp_path)
    assert sorted(seen) == sorted(gc.REQUEST_TASK_TYPES)
    pact = json.loads(path.read_text())
    assert path.name == "graphnode-ai-server-graphnode-api.json"
    assert pact["metadata"]["pactSpecification"]["version"] == "4.0"
    rules = pact["interactions"][0]["matchingRules"]["body"]
    assert rules["$.timestamp"]["matchers"][0]["match"] == "regex"
    assert rules["$.taskId"]["matchers"][0]["regex"].startswith("^((summary|task)_")


def test_handler_expecting_snake_case_fails_the_consumer_pact(tmp_path: Path) -> None:
    def handle(message: dict[str, Any], metadata: dict[str, Any]) -> None:
        del metadata
        message["payload"]["user_id"]  # the drift: the back end sends userId

    with pytest.raises(ContractVerificationError, match="user_id"):
        write_request_pact(handle, pact_dir=tmp_path)
