"""Pact helpers for the AI server (pact-python 3+, V4 asynchronous messages).

(a) Provider side: prove the AI server's result messages satisfy the worker's pact
    (contracts/pacts/graphnode-worker-graphnode-ai-server.json):

        verify_result_messages({
            "a completed graph generation result": lambda: my_server.result_message(...),
            ...
        })

(b) Consumer side: write the AI server's own pact for the request messages it reads, checked
    against your handler:

        write_request_pact(handle_request, pact_dir=Path("pacts"))

Messages are plain dicts (the JSON body); the helpers add the SQS metadata (queue, contractVersion).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._files import manifest, pacts_dir, schemas
from .errors import ContractViolationError
from .messages import CONTRACT_VERSION
from .validation import parse_message_body, validate

Producer = Callable[[], dict[str, Any]]
RequestHandler = Callable[[dict[str, Any], dict[str, Any]], None]


class ContractVerificationError(AssertionError):
    """Raised when messages do not satisfy a pact or the schemas; the text says which and why."""


def _queues() -> dict[str, dict[str, Any]]:
    return manifest()["queues"]


def result_pact_file() -> Path:
    """The worker's pact with the AI server (written by the back end's consumer tests)."""
    queue = _queues()["result"]
    return pacts_dir() / f"{queue['consumer']}-{queue['producer']}.json"


def interactions(pact_file: Path | None = None) -> list[dict[str, str]]:
    """Description and provider state of every interaction: what the AI server must produce."""
    pact = json.loads((pact_file or result_pact_file()).read_text(encoding="utf-8"))
    return [
        {
            "description": i["description"],
            "state": ", ".join(s["name"] for s in i.get("providerStates", [])),
            "taskType": i["contents"]["content"]["taskType"],
        }
        for i in pact["interactions"]
    ]


def _metadata(queue: str) -> dict[str, str]:
    return {"queue": _queues()[queue]["name"], "contractVersion": CONTRACT_VERSION}


def verify_result_messages(
    producers: Mapping[str, Producer],
    *,
    pact_file: Path | None = None,
    provider: str | None = None,
    fail_on_findings: bool = True,
) -> None:
    """Checks each producer's message against the schemas, then replays the worker's pact.

    `producers` maps each interaction description (see `interactions()`) to a function returning
    the message the AI server sends in that situation. Raises ContractVerificationError.
    By default a message must be conformant (the exact check, findings fail); with
    `fail_on_findings=False` an accepted message with findings passes, as the worker reads it.
    """
    from pact import Verifier  # optional dependency: graphnode-contracts[pact]

    pact_file = pact_file or result_pact_file()
    expected = {i["description"] for i in interactions(pact_file)}
    missing = sorted(expected - set(producers))
    if missing:
        raise ContractVerificationError(f"no producer for interaction(s): {', '.join(missing)}")

    problems: list[str] = []
    for description in sorted(expected):
        try:
            validate(producers[description](), mode="strict" if fail_on_findings else "tolerant")
        except ContractViolationError as error:
            problems.append(f"{description}: {error}")

    def handler(description: str) -> Callable[[], dict[str, Any]]:
        def produce() -> dict[str, Any]:
            body = json.dumps(producers[description]()).encode("utf-8")
            return {"contents": body, "metadata": _metadata("result"), "content_type": "application/json"}

        return produce

    verifier = (
        Verifier(provider or _queues()["result"]["producer"])
        .message_handler({d: handler(d) for d in sorted(expected)})
        .add_source(pact_file)
    )
    try:
        verifier.verify()
    except RuntimeError as error:
        problems.append(f"pact verification failed: {error}\n{verifier.output(strip_ansi=True)}")
    if problems:
        raise ContractVerificationError("\n".join(problems))


# ---- (b) consumer pact for request messages ----------------------------------------------


@dataclass
class RequestExpectation:
    """One message the AI server expects on the request queue, with Pact matchers in `payload`."""

    description: str
    state: str
    task_type: str
    payload: dict[str, Any] = field(default_factory=dict)
    #: An example of the task id form the back end makes for this type.
    task_id: str = "task_user-42_01JDQ6Z3X4K8M2N5P7R9S1T3V5"


def _envelope_patterns() -> tuple[str, str]:
    # The same regexes as the JSON Schema: the one source of truth.
    definitions = schemas()[manifest()["envelope"]]["definitions"]
    return definitions["anyTaskId"]["pattern"], definitions["timestamp"]["pattern"]


def default_request_expectations() -> list[RequestExpectation]:
    """What the AI server relies on in each request type (required fields, typed, not exact)."""
    from pact import match

    user_id = match.str("user-42")
    bucket = match.str("graphnode-payloads")
    return [
        RequestExpectation(
            "a graph generation request",
            "a user has uploaded conversations",
            "GRAPH_GENERATION_REQUEST",
            {"userId": user_id, "s3Key": match.str("graph-generation/task_user-42_01JDQ6Z3X4K8M2N5P7R9S1T3V5/"), "bucket": bucket},
        ),
        RequestExpectation(
            "a graph summary request",
            "a user has a generated graph",
            "GRAPH_SUMMARY_REQUEST",
            {"userId": user_id, "graphS3Key": match.str("graph-generation/t/graph.json"), "bucket": bucket},
        ),
        RequestExpectation(
            "an add-node request",
            "a user has a graph and uploads more conversations",
            "ADD_NODE_REQUEST",
            {"userId": user_id, "s3Key": match.str("add-node/t/input.json"), "bucket": bucket},
        ),
        RequestExpectation(
            "a raw-file microscope ingest request",
            "a user has uploaded a file to a microscope group",
            "MICROSCOPE_INGEST_REQUEST",
            {
                "user_id": user_id,
                "group_id": match.str("group-1"),
                "s3_key": match.str("microscope/user-42/paper.pdf"),
                "file_name": match.str("paper.pdf"),
            },
            "task_microscope_file_user-42_01JDQ6Z3X4K8M2N5P7R9S1T3V5_block",
        ),
        RequestExpectation(
            "a from-node microscope ingest request",
            "a user adds a note to a microscope group",
            "MICROSCOPE_INGEST_FROM_NODE_REQUEST",
            {
                "user_id": user_id,
                "node_id": match.str("note-7"),
                "node_type": match.regex("note", regex="^(note|conversation)$"),
                "group_id": match.str("group-1"),
            },
            "task_microscope_node_user-42_01JDQ6Z3X4K8M2N5P7R9S1T3V5_nonblock",
        ),
    ]


def write_request_pact(
    handler: RequestHandler,
    *,
    pact_dir: Path,
    expectations: list[RequestExpectation] | None = None,
    consumer: str | None = None,
    provider: str | None = None,
) -> Path:
    """Declares the request messages the AI server expects, runs `handler(message, metadata)`
    on each example (after the same boundary validation the server should do), and writes the
    pact file to `pact_dir`. Raises ContractVerificationError if the handler fails."""
    from pact import Pact, match

    queue = _queues()["request"]
    consumer = consumer or queue["consumer"]
    provider = provider or queue["producer"]
    task_id_pattern, timestamp_pattern = _envelope_patterns()
    pact = Pact(consumer, provider).with_specification("V4")
    for expectation in expectations or default_request_expectations():
        body = {
            "taskId": match.regex(expectation.task_id, regex=task_id_pattern),
            "taskType": expectation.task_type,
            "timestamp": match.regex("2026-11-26T07:00:00.000Z", regex=timestamp_pattern),
            "payload": expectation.payload,
        }
        (
            pact.upon_receiving(expectation.description, "Async")
            .given(expectation.state)
            .with_body(body, "application/json")
            .with_metadata({"queue": queue["name"], "contractVersion": CONTRACT_VERSION})
        )

    def receive(body: str | bytes | None, metadata: dict[str, Any]) -> None:
        handler(parse_message_body(body), metadata)

    errors = pact.verify(receive, "Async", raises=False)
    if errors:
        raise ContractVerificationError("\n".join(str(e) for e in errors))
    pact_dir.mkdir(parents=True, exist_ok=True)
    pact.write_file(pact_dir, overwrite=True)
    return pact_dir / f"{consumer}-{provider}.json"
