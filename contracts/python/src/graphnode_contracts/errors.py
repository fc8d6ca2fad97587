"""What a message or S3 object did wrong (violations: not accepted) and how an accepted one differs
from a well-behaved producer's (findings: accepted, not conformant), as (JSON pointer, rule,
message) triples; and the verdict holding both."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

_MAX_LISTED = 5

Level = Literal["conformant", "accepted", "rejected"]


@dataclass(frozen=True)
class Violation:
    path: str
    """JSON pointer into the message, e.g. /payload/userId ('' for the whole message)."""
    rule: str
    """The schema rule that failed (required, type, enum, pattern, json...) or, for a finding,
    the finding's name (timestamp-without-zone...)."""
    message: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


#: A known defect of the real producers, tolerated on receive (see `findings` in contract.json).
Finding = Violation


class ContractViolationError(ValueError):
    """Raised for an off-contract message; the text names the message type, field and rule."""

    def __init__(self, task_type: str | None, violations: list[Violation], findings: list[Finding] | None = None) -> None:
        self.task_type = task_type
        self.violations = violations
        self.findings = findings or []
        listed = "; ".join(
            f"{v.path or '(message)'} {v.message} (rule: {v.rule})" for v in violations[:_MAX_LISTED]
        )
        more = f"; and {len(violations) - _MAX_LISTED} more" if len(violations) > _MAX_LISTED else ""
        super().__init__(f"{task_type or 'unknown message type'}: {listed}{more}")


@dataclass(frozen=True)
class Verdict:
    """The verdict on a message or object: accepted when there are no violations, conformant when
    there are no findings either. Findings are reported next to the violations of a rejected value."""

    subject: str | None
    value: Any
    violations: list[Violation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.violations

    @property
    def level(self) -> Level:
        if self.violations:
            return "rejected"
        return "accepted" if self.findings else "conformant"

    def raise_if_rejected(self) -> Any:
        if self.violations:
            raise ContractViolationError(self.subject, self.violations, self.findings)
        return self.value
