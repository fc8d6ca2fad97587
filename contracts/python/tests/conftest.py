"""Shared fixtures: the golden examples in contracts/examples/, the same files the TypeScript tests use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CONTRACTS = Path(__file__).resolve().parents[2]
EXAMPLES = CONTRACTS / "examples"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def example_files(sub: str) -> list[Path]:
    return sorted((EXAMPLES / sub).rglob("*.json"))


def example_id(path: Path) -> str:
    return str(path.relative_to(EXAMPLES))
