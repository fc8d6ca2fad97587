"""`python -m graphnode_contracts lint [--fail-on-findings] [--object KIND] PATH...`

Prints each message or S3 object as conformant, accepted (with its findings) or rejected (with its
errors), one verdict per .json file or per .jsonl line, then a summary line. Exit 1 when anything
is rejected, or has findings under --fail-on-findings; 2 on a usage error. The repository's
`npm run contracts:lint` prints the same text for the same input.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Finding, Level, Violation
from .validation import MAX_BODY_BYTES, check

KINDS = ("message", "chatExport", "inputBundle", "graphOutput", "summary")


@dataclass(frozen=True)
class LintItem:
    label: str
    level: Level
    errors: list[Violation]
    findings: list[Finding]


def detect_kind(value: Any) -> str:
    """What a JSON value is, by its keys: a message unless it has an S3 object's top-level keys."""
    if not isinstance(value, dict) or "taskType" in value or "taskId" in value:
        return "message"
    if "nodes" in value and "edges" in value:
        return "graphOutput"
    if "overview" in value:
        return "summary"
    if "conversations" in value:
        return "inputBundle"
    return "message"


def _unwrap(value: Any) -> tuple[Any, str | None]:
    """The repository's example wrappers hold the value to check; anything else is the value."""
    if not isinstance(value, dict) or not isinstance(value.get("description"), str):
        return value, None
    if "value" in value and "findings" in value and value.get("kind") in KINDS:
        return value["value"], value["kind"]
    if "message" in value and "expect" in value:
        return value["message"], None
    return value, None


def _rejected(label: str, rule: str, message: str) -> LintItem:
    return LintItem(label, "rejected", [Violation("", rule, message)], [])


def lint_text(label: str, text: str, kind: str | None = None) -> LintItem:
    """The verdict on one JSON text (a file or a JSONL line)."""
    size = len(text.encode("utf-8"))
    if not text.strip():
        return _rejected(label, "json", "is empty")
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError) as error:
        if size > MAX_BODY_BYTES and kind is None:
            return _rejected(label, "maxBytes", f"is larger than {MAX_BODY_BYTES} bytes")
        return _rejected(label, "json", f"is not valid JSON: {error}")
    value, wrapped_kind = _unwrap(parsed)
    chosen = kind or wrapped_kind or detect_kind(value)
    # An SQS body cannot exceed the SQS limit; an S3 object can.
    if chosen == "message" and size > MAX_BODY_BYTES:
        return _rejected(label, "maxBytes", f"is larger than {MAX_BODY_BYTES} bytes")
    verdict = check(value, chosen)  # type: ignore[arg-type]
    return LintItem(label, verdict.level, verdict.violations, verdict.findings)


def _files_under(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    found = [p for p in path.rglob("*") if p.suffix in (".json", ".jsonl") and p.is_file()]
    return sorted(found, key=lambda p: p.relative_to(path).as_posix())


def lint_paths(paths: list[str], kind: str | None = None) -> list[LintItem]:
    """Every verdict for the given paths: one per .json file, one per non-empty .jsonl line."""
    items: list[LintItem] = []
    for root in paths:
        base = Path(root)
        for file in _files_under(base):
            label = root if file == base else f"{root.rstrip('/')}/{file.relative_to(base).as_posix()}"
            text = file.read_text(encoding="utf-8")
            if file.suffix != ".jsonl":
                items.append(lint_text(label, text, kind))
                continue
            for number, line in enumerate(text.split("\n"), start=1):
                if line.strip():
                    items.append(lint_text(f"{label}:{number}", line, kind or "message"))
    return items


def _pointer(path: str) -> str:
    return path or "(message)"


def format_item(item: LintItem) -> list[str]:
    if item.level == "accepted":
        n = len(item.findings)
        head = f"{item.label}: accepted ({n} finding{'' if n == 1 else 's'})"
    else:
        head = f"{item.label}: {item.level}"
    return [
        head,
        *(f"  error {_pointer(e.path)} [{e.rule}] {e.message}" for e in item.errors),
        *(f"  finding {_pointer(f.path)} [{f.rule}] {f.message}" for f in item.findings),
    ]


def summary_line(items: list[LintItem]) -> str:
    def count(level: str) -> int:
        return sum(1 for i in items if i.level == level)

    return (
        f"{len(items)} checked: {count('conformant')} conformant, "
        f"{count('accepted')} accepted with findings, {count('rejected')} rejected"
    )


def exit_code(items: list[LintItem], fail_on_findings: bool) -> int:
    failed = any(i.level == "rejected" or (fail_on_findings and i.findings) for i in items)
    return 1 if failed else 0


USAGE = f"usage: python -m graphnode_contracts lint [--fail-on-findings] [--object {'|'.join(KINDS)}] PATH..."


def main(args: list[str]) -> int:
    fail_on_findings = "--fail-on-findings" in args
    at = args.index("--object") if "--object" in args else -1
    kind = args[at + 1] if 0 <= at < len(args) - 1 else None
    if at >= 0 and kind not in KINDS:
        print(f"--object needs one of {', '.join(KINDS)}\n{USAGE}", file=sys.stderr)
        return 2
    paths = [a for i, a in enumerate(args) if not a.startswith("--") and (at < 0 or i != at + 1)]
    unknown = [a for a in args if a.startswith("--") and a not in ("--fail-on-findings", "--object")]
    if not paths or unknown:
        print(f"unknown option {', '.join(unknown)}\n{USAGE}" if unknown else USAGE, file=sys.stderr)
        return 2
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    items = lint_paths(paths, kind)
    for item in items:
        for line in format_item(item):
            print(line)
    print(summary_line(items))
    return exit_code(items, fail_on_findings)
