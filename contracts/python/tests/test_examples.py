"""The golden examples against the Python validator: the same verdicts as the TypeScript side."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import example_files, example_id, load

import graphnode_contracts as gc

VALID = example_files("valid")
INVALID = example_files("invalid")
ADDITIVE = example_files("additive")


def test_examples_cover_every_task_type() -> None:
    for task_type in gc.TASK_TYPES:
        folder = task_type.lower().replace("_", "-")
        names = {p.name for p in INVALID if p.parent.name == folder}
        assert any(p.parent.name == folder for p in VALID), task_type
        # A microscope result's user_id is optional: a mis-cased status stands for the case mistake.
        case = "wrong-case-status" if task_type.startswith("MICROSCOPE_") and task_type.endswith("_RESULT") else "wrong-case-user-id"
        for mistake in ("missing-field", case, "wrong-type", "bad-timestamp", "wrong-task-type"):
            assert f"{mistake}.json" in names, f"{task_type}: no {mistake} example"


@pytest.mark.parametrize("path", VALID, ids=example_id)
def test_valid_example_passes_both_readings(path: Path) -> None:
    message = load(path)
    assert gc.validate(message) == message
    assert gc.validate_incoming(message) == message


@pytest.mark.parametrize("path", INVALID, ids=example_id)
def test_invalid_example_fails_with_the_named_violation(path: Path) -> None:
    example = load(path)
    with pytest.raises(gc.ContractViolationError):
        gc.validate(example["message"])
    with pytest.raises(gc.ContractViolationError) as caught:
        gc.validate_incoming(example["message"])
    found = [(v.path, v.rule) for v in caught.value.violations]
    for expected in example["expect"]:
        assert (expected["path"], expected["rule"]) in found, f"{example['description']}: {caught.value}"
        assert f"{expected['path']} " in str(caught.value)
        assert f"(rule: {expected['rule']})" in str(caught.value)


@pytest.mark.parametrize("path", ADDITIVE, ids=example_id)
def test_additive_field_accepted_on_receive_rejected_on_send(path: Path) -> None:
    example = load(path)
    assert gc.validate_incoming(example["message"]) == example["message"]
    with pytest.raises(gc.ContractViolationError) as caught:
        gc.validate(example["message"])
    assert [(v.path, v.rule) for v in caught.value.violations] == [
        (e["path"], e["rule"]) for e in example["expect"]
    ]


OBJECT_VALIDATORS = {
    "graph-output": gc.validate_graph_output,
    "input-bundle": gc.validate_input_bundle,
    "summary": gc.validate_summary,
}


@pytest.mark.parametrize(
    ("kind", "path"),
    [(kind, p) for kind in OBJECT_VALIDATORS for p in example_files(f"objects/{kind}/valid")],
    ids=lambda v: v if isinstance(v, str) else example_id(v),
)
def test_valid_object(kind: str, path: Path) -> None:
    obj = load(path)
    assert OBJECT_VALIDATORS[kind](obj) == obj


@pytest.mark.parametrize(
    ("kind", "path"),
    [(kind, p) for kind in OBJECT_VALIDATORS for p in example_files(f"objects/{kind}/invalid")],
    ids=lambda v: v if isinstance(v, str) else example_id(v),
)
def test_invalid_object(kind: str, path: Path) -> None:
    example = load(path)
    with pytest.raises(gc.ContractViolationError) as caught:
        OBJECT_VALIDATORS[kind](example["message"])
    found = [(v.path, v.rule) for v in caught.value.violations]
    for expected in example["expect"]:
        assert (expected["path"], expected["rule"]) in found, str(caught.value)
