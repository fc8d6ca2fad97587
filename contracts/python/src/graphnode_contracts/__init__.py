"""Validate and verify GraphNode queue messages and S3 objects against the shared contracts.

The schemas are read from contracts/ in the GraphNode repository (the single source of truth
shared with the TypeScript back end).
"""

from .errors import ContractViolationError, Violation
from .messages import (
    CONTRACT_VERSION,
    CONTRACT_VERSION_ATTRIBUTE,
    REQUEST_TASK_TYPES,
    RESULT_QUEUE_TASK_TYPES,
    TASK_TYPES,
    build_message,
    encode_for_sqs,
    is_compatible_contract_version,
    message_attributes,
)
from .timestamps import TIMESTAMP_PATTERN, format_timestamp, is_contract_timestamp, now_timestamp
from .validation import (
    MAX_BODY_BYTES,
    parse_message_body,
    tolerant_schema,
    validate,
    validate_graph_output,
    validate_incoming,
    validate_input_bundle,
    validate_summary,
)

__all__ = [
    "CONTRACT_VERSION",
    "CONTRACT_VERSION_ATTRIBUTE",
    "MAX_BODY_BYTES",
    "REQUEST_TASK_TYPES",
    "RESULT_QUEUE_TASK_TYPES",
    "TASK_TYPES",
    "TIMESTAMP_PATTERN",
    "ContractViolationError",
    "Violation",
    "build_message",
    "encode_for_sqs",
    "format_timestamp",
    "is_compatible_contract_version",
    "is_contract_timestamp",
    "message_attributes",
    "now_timestamp",
    "parse_message_body",
    "tolerant_schema",
    "validate",
    "validate_graph_output",
    "validate_incoming",
    "validate_input_bundle",
    "validate_summary",
]
