"""Python producers meet the pinned timestamp format."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import graphnode_contracts as gc

NOV_26 = datetime(2026, 11, 26, 7, 0, 0, 123456, tzinfo=timezone.utc).timestamp()


def test_now_timestamp_uses_the_injected_clock() -> None:
    assert gc.now_timestamp(lambda: NOV_26) == "2026-11-26T07:00:00.123Z"
    assert gc.now_timestamp(lambda: 0.0) == "1970-01-01T00:00:00.000Z"


def test_now_timestamp_with_the_real_clock_is_in_format() -> None:
    assert gc.TIMESTAMP_PATTERN.match(gc.now_timestamp())


def test_format_converts_to_utc_and_refuses_naive() -> None:
    seoul = datetime(2026, 11, 26, 16, 0, 0, tzinfo=timezone(timedelta(hours=9)))
    assert gc.format_timestamp(seoul) == "2026-11-26T07:00:00.000Z"
    with pytest.raises(ValueError, match="naive"):
        gc.format_timestamp(datetime(2026, 11, 26))


def test_isoformat_is_not_the_contract_format() -> None:
    # What Python writes by default: accepted from others, but never what the kit sends.
    default = datetime.fromtimestamp(NOV_26, tz=timezone.utc).isoformat()
    assert not gc.is_contract_timestamp(default)
    assert gc.is_accepted_timestamp(default)
    naive = default.removesuffix("+00:00")
    message = gc.build_message(
        "GRAPH_GENERATION_PROGRESS",
        "task_u_01JDQ6Z3X4K8M2N5P7R9S1T3V5",
        {"userId": "u", "currentStage": "start", "progressPercent": 0, "etaSeconds": None},
        clock=lambda: NOV_26,
    )
    with pytest.raises(gc.ContractViolationError, match=r"/timestamp has no time zone.*timestamp-without-zone"):
        gc.validate({**message, "timestamp": naive})
    assert gc.validate_incoming({**message, "timestamp": naive})


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2026-11-26T07:00:00.000Z", True),
        ("2026-11-26T07:00:00Z", False),
        ("2026-11-26T07:00:00.000+00:00", False),
        ("2026-02-30T07:00:00.000Z", False),
        (1764140400, False),
    ],
)
def test_is_contract_timestamp(value: object, ok: bool) -> None:
    assert gc.is_contract_timestamp(value) is ok


def test_built_message_and_sqs_encoding() -> None:
    message = gc.build_message(
        "GRAPH_GENERATION_RESULT",
        "task_u_01JDQ6Z3X4K8M2N5P7R9S1T3V5",
        {"userId": "u", "status": "FAILED", "error": "boom"},
        clock=lambda: NOV_26,
    )
    assert message["timestamp"] == "2026-11-26T07:00:00.123Z"
    encoded = gc.encode_for_sqs(message)
    assert encoded["MessageAttributes"] == {
        "contractVersion": {"DataType": "String", "StringValue": gc.CONTRACT_VERSION}
    }
    assert gc.parse_message_body(encoded["MessageBody"]) == message


def test_build_message_refuses_snake_case() -> None:
    with pytest.raises(gc.ContractViolationError, match=r"/payload/user_id is not a field"):
        gc.build_message(
            "GRAPH_GENERATION_RESULT",
            "task_u_01JDQ6Z3X4K8M2N5P7R9S1T3V5",
            {"user_id": "u", "userId": "u", "status": "FAILED", "error": "boom"},
        )
