"""ContractViolationError: what a message or S3 object did wrong, as (JSON pointer, rule, message)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

_MAX_LISTED = 5


@dataclass(frozen=True)
class Violation:
    path: str
    """JSON pointer into the message, e.g. /payload/userId ('' for the whole message)."""
    rule: str
    """The schema rule that failed: required, type, enum, pattern, additionalProperties, json..."""
    message: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class ContractViolationError(ValueError):
    """Raised for an off-contract message; the text names the message type, field and rule."""

    def __init__(self, task_type: str | None, violations: list[Violation]) -> None:
        self.task_type = task_type
        self.violations = violations
        listed = "; ".join(
            f"{v.path or '(message)'} {v.message} (rule: {v.rule})" for v in violations[:_MAX_LISTED]
        )
        more = f"; and {len(violations) - _MAX_LISTED} more" if len(violations) > _MAX_LISTED else ""
        super().__init__(f"{task_type or 'unknown message type'}: {listed}{more}")
