"""Building messages for the result queue: envelope, pinned timestamp, strict validation, and the
SQS message attributes every message carries."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from ._files import manifest
from .timestamps import now_timestamp
from .validation import validate

CONTRACT_VERSION: str = manifest()["version"]
CONTRACT_VERSION_ATTRIBUTE = "contractVersion"
# The catalogue of contract.json, read here rather than kept by hand: types, queues, pairing.
_CATALOGUE: dict[str, dict[str, str]] = manifest()["catalogue"]
TASK_TYPES: tuple[str, ...] = tuple(manifest()["messages"])
REQUEST_TASK_TYPES: tuple[str, ...] = tuple(t for t in TASK_TYPES if _CATALOGUE[t]["direction"] == "request")
PROGRESS_TASK_TYPES: tuple[str, ...] = tuple(t for t in TASK_TYPES if _CATALOGUE[t]["direction"] == "progress")
RESULT_TASK_TYPES: tuple[str, ...] = tuple(t for t in TASK_TYPES if _CATALOGUE[t]["direction"] == "result")
RESULT_QUEUE_TASK_TYPES: tuple[str, ...] = tuple(t for t in TASK_TYPES if t not in REQUEST_TASK_TYPES)
#: The result type that ends each request's task.
RESULT_FOR_REQUEST: dict[str, str] = {t: _CATALOGUE[t]["result"] for t in REQUEST_TASK_TYPES}
#: The progress type of each request that reports progress.
PROGRESS_FOR_REQUEST: dict[str, str] = {t: e["progress"] for t, e in _CATALOGUE.items() if "progress" in e}


def is_compatible_contract_version(version: str | None) -> bool:
    """Whether a message sent with this contractVersion attribute can be read: same major version.
    A missing attribute is accepted (producers that predate it)."""
    if version is None:
        return True
    match = re.fullmatch(r"(\d+)\.\d+\.\d+(?:[-+].*)?", version)
    return match is not None and match.group(1) == CONTRACT_VERSION.split(".")[0]


def build_message(
    task_type: str,
    task_id: str,
    payload: dict[str, Any],
    clock: Callable[[], float] = time.time,
) -> dict[str, Any]:
    """A strictly validated message; raises ContractViolationError if it is off-contract."""
    message = {
        "taskId": task_id,
        "taskType": task_type,
        "timestamp": now_timestamp(clock),
        "payload": payload,
    }
    return validate(message)


def message_attributes() -> dict[str, dict[str, str]]:
    """MessageAttributes for boto3 send_message: the contract version the message was built against."""
    return {CONTRACT_VERSION_ATTRIBUTE: {"DataType": "String", "StringValue": CONTRACT_VERSION}}


def encode_for_sqs(message: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for boto3 send_message (without QueueUrl), after a strict check."""
    return {
        "MessageBody": json.dumps(validate(message), separators=(",", ":")),
        "MessageAttributes": message_attributes(),
    }
