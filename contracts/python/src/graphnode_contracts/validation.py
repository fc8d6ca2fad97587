"""Validation of messages and S3 objects against the shared JSON Schemas (jsonschema, draft-07).

Two readings of the same schemas, as in the TypeScript back end: strict (before sending: unknown
fields rejected) and tolerant (on receive: fields added by a newer producer are accepted).
Validators are built once, on first use.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Literal

from jsonschema import Draft7Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from ._files import manifest, schemas
from .errors import ContractViolationError, Violation
from .timestamps import is_contract_timestamp

Mode = Literal["strict", "tolerant"]

#: SQS's body limit; a larger body cannot be a message the back end sent.
MAX_BODY_BYTES = 1_048_576

_TIMESTAMP_HINT = "must be a UTC timestamp with milliseconds and Z, e.g. 2026-11-26T07:00:00.000Z"


_BOUNDS = {
    "maxLength": "must be at most {} characters",
    "minLength": "must be at least {} characters",
    "maximum": "must be <= {}",
    "minimum": "must be >= {}",
    "maxItems": "must have at most {} items",
    "minItems": "must have at least {} items",
}


def tolerant_schema(schema: Any) -> Any:
    """The schema with every `additionalProperties: false` dropped (same as the TypeScript side)."""
    if isinstance(schema, list):
        return [tolerant_schema(item) for item in schema]
    if isinstance(schema, dict):
        return {
            key: tolerant_schema(value)
            for key, value in schema.items()
            if not (key == "additionalProperties" and value is False)
        }
    return schema


def _format_checker() -> FormatChecker:
    # Only the pinned date-time check; jsonschema's default needs optional packages and is looser.
    checker = FormatChecker(formats=())
    checker.checks("date-time")(is_contract_timestamp)
    return checker


@lru_cache(maxsize=2)
def _validators(mode: Mode) -> dict[str, Draft7Validator]:
    loaded = schemas()
    if mode == "tolerant":
        loaded = {name: tolerant_schema(schema) for name, schema in loaded.items()}
    registry: Registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7))
        for schema in loaded.values()
    )
    checker = _format_checker()
    return {
        name: Draft7Validator(schema, registry=registry, format_checker=checker)
        for name, schema in loaded.items()
    }


def _message_validator(task_type: object, mode: Mode) -> Draft7Validator:
    m = manifest()
    validators = _validators(mode)
    if isinstance(task_type, str) and task_type in m["messages"]:
        return validators[m["messages"][task_type]]
    # Unknown or missing taskType: the envelope schema says what is wrong with it.
    return validators[m["envelope"]]


def _pointer(parts: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _violations(error: ValidationError) -> list[Violation]:
    path = _pointer(error.absolute_path)
    rule = str(error.validator)
    instance = error.instance
    if rule == "required" and isinstance(instance, dict):
        return [
            Violation(f"{path}/{name}", "required", "is required")
            for name in error.validator_value
            if name not in instance
        ]
    if rule == "additionalProperties" and isinstance(instance, dict):
        known = set(error.schema.get("properties", {}))
        return [
            Violation(f"{path}/{name}", "additionalProperties", "is not a field of the contract")
            for name in instance
            if name not in known
        ]
    if rule in ("pattern", "format") and error.schema.get("format") == "date-time":
        return [Violation(path, rule, _TIMESTAMP_HINT)]
    if rule == "pattern" and str(error.schema.get("pattern", "")).startswith("^task_"):
        return [Violation(path, rule, "must look like task_{userId}_{ULID}")]
    if rule == "enum":
        allowed = ", ".join(json.dumps(v) for v in error.validator_value)
        return [Violation(path, rule, f"must be one of {allowed}")]
    if rule == "const":
        return [Violation(path, rule, f"must be {json.dumps(error.validator_value)}")]
    if rule == "type":
        return [Violation(path, rule, f"must be {error.validator_value}")]
    if rule in _BOUNDS:
        return [Violation(path, rule, _BOUNDS[rule].format(error.validator_value))]
    # jsonschema's own text quotes the offending value; cap it so a huge value cannot flood logs.
    text = error.message if len(error.message) <= 200 else error.message[:200] + "…"
    out = [Violation(path, rule, text)]
    for sub in error.context or ():
        out.extend(_violations(sub))
    return out


def _check(validator: Draft7Validator, subject: str | None, value: Any) -> None:
    found: list[Violation] = []
    seen: set[tuple[str, str]] = set()
    for error in validator.iter_errors(value):
        for violation in _violations(error):
            key = (violation.path, violation.rule)
            if key not in seen:
                seen.add(key)
                found.append(violation)
    if found:
        raise ContractViolationError(subject, found)


def _subject(message: Any) -> str | None:
    task_type = message.get("taskType") if isinstance(message, dict) else None
    return task_type if isinstance(task_type, str) else None


def validate(message: Any, *, mode: Mode = "strict") -> dict[str, Any]:
    """Checks a message; returns it, or raises ContractViolationError.

    Strict (the default) is for messages you are about to send; use validate_incoming for
    messages you received.
    """
    task_type = message.get("taskType") if isinstance(message, dict) else None
    _check(_message_validator(task_type, mode), _subject(message), message)
    return message


def validate_incoming(message: Any) -> dict[str, Any]:
    """Tolerant check of a received message: additive fields pass, anything else raises."""
    return validate(message, mode="tolerant")


def parse_message_body(body: str | bytes | None) -> dict[str, Any]:
    """Decodes an SQS message body and validates it as incoming."""
    if body is None or (isinstance(body, (str, bytes)) and not body.strip()):
        raise ContractViolationError(None, [Violation("", "json", "message body is empty")])
    raw = body.encode("utf-8") if isinstance(body, str) else body
    if len(raw) > MAX_BODY_BYTES:
        raise ContractViolationError(
            None, [Violation("", "json", f"message body is larger than {MAX_BODY_BYTES} bytes")]
        )
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise ContractViolationError(None, [Violation("", "json", f"is not valid JSON: {error}")]) from None
    return validate_incoming(parsed)


def _validate_object(kind: str, subject: str, obj: Any, mode: Mode) -> Any:
    _check(_validators(mode)[manifest()["objects"][kind]], subject, obj)
    return obj


def validate_graph_output(obj: Any, *, mode: Mode = "strict") -> dict[str, Any]:
    """The graph JSON the AI server writes to S3 (resultS3Key)."""
    return _validate_object("graphOutput", "GRAPH_OUTPUT", obj, mode)


def validate_summary(obj: Any, *, mode: Mode = "strict") -> dict[str, Any]:
    """The summary JSON the AI server writes to S3 (summaryS3Key)."""
    return _validate_object("summary", "GRAPH_SUMMARY", obj, mode)


def validate_input_bundle(obj: Any) -> dict[str, Any]:
    """The input bundle ({"conversations": [...]}) the API uploads; read tolerantly."""
    return _validate_object("inputBundle", "INPUT_BUNDLE", obj, "tolerant")
