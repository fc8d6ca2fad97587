"""Validation of messages and S3 objects against the shared JSON Schemas (jsonschema, draft-07).

One set of schemas, two readings, as in the TypeScript back end:
- tolerant (on receive): unknown fields pass; a value breaking a subschema tagged `x-finding`
  is still accepted and reported as that finding (accepted, not conformant);
- strict (before sending): unknown fields are rejected and findings count as violations.
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
from .errors import ContractViolationError, Finding, Verdict, Violation
from .timestamps import is_accepted_timestamp

Mode = Literal["strict", "tolerant"]
Kind = Literal["message", "chatExport", "inputBundle", "graphOutput", "summary"]

#: SQS's body limit; a larger body cannot be a message a real producer sent.
MAX_BODY_BYTES = 1_048_576

#: The annotation marking a conformance rule in the schemas; its value names the finding.
FINDING_KEYWORD = "x-finding"

_TIMESTAMP_HINT = "must be an ISO-8601 instant naming a real date and time, e.g. 2026-11-26T07:00:00.000Z"
_TASK_ID_HINT = "must be a task id of the form the back end makes for this type (see taskIdForms in contract.json)"
_OBJECT_SUBJECTS = {
    "chatExport": "CHAT_EXPORT",
    "inputBundle": "INPUT_BUNDLE",
    "graphOutput": "GRAPH_OUTPUT",
    "summary": "GRAPH_SUMMARY",
}


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
    # Only our date-time check (a real calendar instant), alike in both languages.
    checker = FormatChecker(formats=())
    # A format applies to strings only (JSON Schema): null in a nullable timestamp is for `type`.
    checker.checks("date-time")(lambda value: not isinstance(value, str) or is_accepted_timestamp(value))
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
    if rule == "pattern" and "[0-9A-HJKMNP-TV-Z]{26}" in str(error.schema.get("pattern", "")):
        return [Violation(path, rule, _TASK_ID_HINT)]
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


def finding_message(rule: str) -> str:
    """The plain-language text of a finding, from contract.json `findings`."""
    return manifest()["findings"].get(rule, rule)


def _sort(validator: Draft7Validator, value: Any) -> tuple[list[Violation], list[Finding]]:
    violations: list[Violation] = []
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for error in validator.iter_errors(value):
        tag = error.schema.get(FINDING_KEYWORD) if isinstance(error.schema, dict) else None
        if isinstance(tag, str):
            entries, target = [Finding(_pointer(error.absolute_path), tag, finding_message(tag))], findings
        else:
            entries, target = _violations(error), violations
        for entry in entries:
            key = (entry.path, entry.rule)
            if key not in seen:
                seen.add(key)
                target.append(entry)
    # A value that is rejected outright is not also "non-conformant": keep the error alone.
    broken = {v.path for v in violations}
    return violations, [f for f in findings if f.path not in broken]


def _subject(message: Any) -> str | None:
    task_type = message.get("taskType") if isinstance(message, dict) else None
    return task_type if isinstance(task_type, str) else None


def check(value: Any, kind: Kind = "message", *, mode: Mode = "tolerant") -> Verdict:
    """The verdict on a message (or an S3 object of `kind`): violations and findings.

    Tolerant (the default) is the reader's check; strict is for what you are about to send, and
    counts findings as violations.
    """
    m = manifest()
    validators = _validators(mode)
    if kind == "message":
        subject = _subject(value)
        name = m["messages"].get(subject, m["envelope"]) if subject else m["envelope"]
    else:
        subject = _OBJECT_SUBJECTS[kind]
        name = m["objects"][kind]
    violations, findings = _sort(validators[name], value)
    if mode == "strict":
        violations = [*violations, *findings]
    return Verdict(subject, value, violations, findings)


def validate(message: Any, *, mode: Mode = "strict") -> dict[str, Any]:
    """Checks a message; returns it, or raises ContractViolationError.

    Strict (the default) is for messages you are about to send; use validate_incoming for
    messages you received.
    """
    return check(message, "message", mode=mode).raise_if_rejected()


def validate_incoming(message: Any) -> dict[str, Any]:
    """Tolerant check of a received message: accepted (maybe with findings) or it raises."""
    return validate(message, mode="tolerant")


def decode_body(body: str | bytes | None) -> Any:
    """JSON-decodes an SQS body after the checks every reader makes first: empty, oversized, not
    JSON. Raises ContractViolationError naming the rule (json or maxBytes)."""
    if body is None or (isinstance(body, (str, bytes)) and not body.strip()):
        raise ContractViolationError(None, [Violation("", "json", "message body is empty")])
    raw = body.encode("utf-8") if isinstance(body, str) else body
    if len(raw) > MAX_BODY_BYTES:
        raise ContractViolationError(
            None, [Violation("", "maxBytes", f"message body is larger than {MAX_BODY_BYTES} bytes")]
        )
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise ContractViolationError(None, [Violation("", "json", f"is not valid JSON: {error}")]) from None


def check_message_body(body: str | bytes | None) -> Verdict:
    """The reader's verdict on an SQS message body (never raises for a bad body)."""
    try:
        parsed = decode_body(body)
    except ContractViolationError as error:
        return Verdict(None, body, error.violations, [])
    return check(parsed)


def parse_message_body(body: str | bytes | None) -> dict[str, Any]:
    """Decodes an SQS message body and validates it as incoming; raises when it is rejected."""
    return check_message_body(body).raise_if_rejected()


def validate_graph_output(obj: Any, *, mode: Mode = "strict") -> dict[str, Any]:
    """The graph JSON the AI server writes to S3 (resultS3Key)."""
    return check(obj, "graphOutput", mode=mode).raise_if_rejected()


def validate_summary(obj: Any, *, mode: Mode = "strict") -> dict[str, Any]:
    """The summary JSON the AI server writes to S3 (summaryS3Key)."""
    return check(obj, "summary", mode=mode).raise_if_rejected()


def validate_input_bundle(obj: Any) -> dict[str, Any]:
    """The input bundle ({"conversations": [...]}) the API uploads; read tolerantly."""
    return check(obj, "inputBundle").raise_if_rejected()
