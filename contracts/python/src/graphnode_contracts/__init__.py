"""Validate and verify GraphNode queue messages and S3 objects against the shared contracts.

The schemas are read from contracts/ in the GraphNode repository (the single source of truth
shared with the TypeScript back end).
"""

from .errors import ContractViolationError, Finding, Verdict, Violation
from .messages import (
    CONTRACT_VERSION,
    CONTRACT_VERSION_ATTRIBUTE,
    PROGRESS_FOR_REQUEST,
    PROGRESS_TASK_TYPES,
    REQUEST_TASK_TYPES,
    RESULT_FOR_REQUEST,
    RESULT_QUEUE_TASK_TYPES,
    RESULT_TASK_TYPES,
    TASK_TYPES,
    build_message,
    encode_for_sqs,
    is_compatible_contract_version,
    message_attributes,
)
from .timestamps import (
    ACCEPTED_TIMESTAMP_PATTERN,
    TIMESTAMP_PATTERN,
    format_timestamp,
    is_accepted_timestamp,
    is_contract_timestamp,
    now_timestamp,
    parse_timestamp,
)
from .validation import (
    MAX_BODY_BYTES,
    check,
    check_message_body,
    decode_body,
    finding_message,
    parse_message_body,
    tolerant_schema,
    validate,
    validate_graph_output,
    validate_incoming,
    validate_input_bundle,
    validate_summary,
)

__all__ = [
    "ACCEPTED_TIMESTAMP_PATTERN",
    "CONTRACT_VERSION",
    "CONTRACT_VERSION_ATTRIBUTE",
    "MAX_BODY_BYTES",
    "PROGRESS_FOR_REQUEST",
    "PROGRESS_TASK_TYPES",
    "REQUEST_TASK_TYPES",
    "RESULT_FOR_REQUEST",
    "RESULT_QUEUE_TASK_TYPES",
    "RESULT_TASK_TYPES",
    "TASK_TYPES",
    "TIMESTAMP_PATTERN",
    "ContractViolationError",
    "Finding",
    "Verdict",
    "Violation",
    "build_message",
    "check",
    "check_message_body",
    "decode_body",
    "finding_message",
    "encode_for_sqs",
    "format_timestamp",
    "is_accepted_timestamp",
    "is_compatible_contract_version",
    "is_contract_timestamp",
    "message_attributes",
    "now_timestamp",
    "parse_message_body",
    "parse_timestamp",
    "tolerant_schema",
    "validate",
    "validate_graph_output",
    "validate_incoming",
    "validate_input_bundle",
    "validate_summary",
]
