"""A small AI server for GraphNode, the shape an AI team starts from.

It long-polls the request queue, reads each request's input from S3, does its (trivial) work,
writes result objects to S3, sends progress and one result to the result queue -- built and
checked with the contracts kit -- and only then deletes the request. A request it can read but
not process gets a FAILED result; a body with no readable task id is dropped, as the real server
does. SIGTERM finishes the request in hand, then stops.

Configuration comes from the environment the real AI server reads: AWS_SQS_REQUEST_QUEUE_URL,
AWS_SQS_RESULT_QUEUE_URL, S3_PAYLOAD_BUCKET, and boto3's own AWS_ENDPOINT_URL / AWS_REGION.

Put it under the harness's fault cases from a checkout of the back end:

    npm run verify -- ai --command ".venv/bin/python contracts/python/examples/ai_server.py"

`--broken MODE` makes it misbehave on purpose, so the harness can be seen to catch it:
`delete-early` (deletes each request before answering, and drops every third),
`crash-on-missing` (dies when an input object is missing), `nonconformant` (hand-built
messages with zone-less timestamps, as `datetime.utcnow().isoformat()` gives).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import sys
from typing import Any

import time

import boto3
import botocore.config
import botocore.exceptions
import graphnode_contracts as gc

# What the graph task writes goes under output/ in its own prefix; reading the prefix lists only
# its direct children, so a redelivered request never reads its first attempt's output as input.
OUTPUT_FOLDER = "output/"


class TaskFailed(Exception):
    """The request cannot be completed; the text becomes the FAILED result's error."""


class Server:
    def __init__(self, broken: str | None) -> None:
        self.broken = broken
        self.request_url = os.environ["AWS_SQS_REQUEST_QUEUE_URL"]
        self.result_url = os.environ["AWS_SQS_RESULT_QUEUE_URL"]
        self.default_bucket = os.environ.get("S3_PAYLOAD_BUCKET")
        # Throttling and 5xx are retried with backoff; what still fails is handled in the loop.
        retries = botocore.config.Config(retries={"mode": "standard", "max_attempts": 5})
        self.sqs = boto3.client("sqs", config=retries)
        self.s3 = boto3.client("s3", config=retries)
        self.stopping = False
        self.handled = 0

    # ---- the loop ---------------------------------------------------------------------------

    def serve(self) -> None:
        while not self.stopping:
            try:
                out = self.sqs.receive_message(
                    QueueUrl=self.request_url,
                    MaxNumberOfMessages=1,
                    WaitTimeSeconds=20,
                    MessageSystemAttributeNames=["ApproximateReceiveCount"],
                )
            except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as error:
                # A queue that is throttling or down is no reason to stop serving.
                print(f"receive failed, retrying in 1 s: {error}", file=sys.stderr, flush=True)
                time.sleep(1)
                continue
            for message in out.get("Messages", []):
                try:
                    self.handle(message)
                except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as error:
                    # Not deleted: the request comes back after its visibility timeout.
                    print(f"request left for redelivery: {error}", file=sys.stderr, flush=True)

    def handle(self, message: dict[str, Any]) -> None:
        verdict = gc.check_message_body(message["Body"])
        raw = _raw(message["Body"])
        task_id, task_type = raw.get("taskId"), raw.get("taskType")
        if verdict.level == "rejected" or task_type not in gc.REQUEST_TASK_TYPES:
            user_id = (raw.get("payload") or {}).get("userId") if isinstance(raw.get("payload"), dict) else None
            if isinstance(task_id, str) and isinstance(user_id, str) and task_type in gc.REQUEST_TASK_TYPES:
                self.send_result(task_type, task_id, _failed(task_type, user_id, f"invalid request: {verdict.violations[0].message}"))
            # No task id to answer, or a type we do not serve: drop it, as the real server does.
            self.delete(message)
            return
        self.handled += 1
        if self.broken == "delete-early":
            self.delete(message)
            if self.handled % 3 == 0:
                return  # dropped: never answered
        payload = raw["payload"]
        user_id = payload.get("userId") or payload.get("user_id")
        try:
            result = self.work(task_type, task_id, payload)
        except TaskFailed as error:
            result = _failed(task_type, user_id, str(error))
        self.send_result(task_type, task_id, result)
        if self.broken != "delete-early":
            self.delete(message)

    # ---- the work ---------------------------------------------------------------------------

    def work(self, task_type: str, task_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        bucket = payload.get("bucket") or self.default_bucket
        if task_type == "GRAPH_GENERATION_REQUEST":
            self.progress(task_id, payload["userId"], "[1단계] 입력 읽기", 0)
            conversations = self.read_conversations(bucket, payload["s3Key"])
            self.progress(task_id, payload["userId"], "[2단계] 그래프 생성", 50)
            prefix = payload["s3Key"] if payload["s3Key"].endswith("/") else f"graph-generation/{task_id}/"
            graph_key = f"{prefix}{OUTPUT_FOLDER}graph_postprocessed.json"
            self.put(bucket, graph_key, build_graph(conversations))
            fields: dict[str, Any] = {"resultS3Key": graph_key, "summaryIncluded": False}
            if payload.get("includeSummary"):
                summary_key = f"{prefix}{OUTPUT_FOLDER}summary.json"
                self.put(bucket, summary_key, build_summary(len(conversations)))
                fields.update(summaryS3Key=summary_key, summaryIncluded=True)
            self.progress(task_id, payload["userId"], "[3단계] 결과 저장", 100)
            return {"userId": payload["userId"], "status": "COMPLETED", **fields}
        if task_type == "GRAPH_SUMMARY_REQUEST":
            graph = self.read_json(bucket, payload["graphS3Key"])
            key = f"graph-summary/{task_id}/summary.json"
            self.put(bucket, key, build_summary(len(graph.get("nodes", []))))
            return {"userId": payload["userId"], "status": "COMPLETED", "summaryS3Key": key}
        if task_type == "ADD_NODE_REQUEST":
            conversations = self.read_conversations(bucket, payload["s3Key"])
            key = f"add-node/{task_id}/{OUTPUT_FOLDER}result.json"
            self.put(bucket, key, build_graph(conversations))
            return {"userId": payload["userId"], "status": "COMPLETED", "resultS3Key": key}
        # The two microscope ingests (snake_case payloads).
        text = self.read_text(bucket, payload["s3_key"]) if "s3_key" in payload else payload["node_id"]
        key = f"microscope/{task_id}/standardized.json"
        chunks = [c for c in text.split("\n\n") if c.strip()]
        self.put(bucket, key, {"chunks": chunks, "user_id": payload["user_id"]})
        return {
            "user_id": payload["user_id"],
            "group_id": payload["group_id"],
            "status": "COMPLETED",
            "chunks_count": len(chunks),
            "standardized_s3_key": key,
        }

    def read_conversations(self, bucket: str, key: str) -> list[Any]:
        keys = [key]
        if key.endswith("/"):
            listing = self.s3.list_objects_v2(Bucket=bucket, Prefix=key, Delimiter="/")
            keys = sorted(o["Key"] for o in listing.get("Contents", []) if o["Key"].endswith(".json"))
            if not keys:
                self.missing(f"no input objects under s3://{bucket}/{key}")
        conversations: list[Any] = []
        for k in keys:
            bundle = self.read_json(bucket, k)
            if not isinstance(bundle, dict) or not isinstance(bundle.get("conversations"), list):
                raise TaskFailed(f"s3://{bucket}/{k} has no conversations list")
            conversations.extend(bundle["conversations"])
        return conversations

    def read_text(self, bucket: str, key: str) -> str:
        try:
            return self.s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8")
        except self.s3.exceptions.NoSuchKey:
            self.missing(f"s3://{bucket}/{key} does not exist")
            raise

    def read_json(self, bucket: str, key: str) -> Any:
        text = self.read_text(bucket, key)
        try:
            return json.loads(text)
        except ValueError as error:
            raise TaskFailed(f"s3://{bucket}/{key} is not valid JSON: {error}") from error

    def missing(self, what: str) -> None:
        if self.broken == "crash-on-missing":
            sys.exit(f"fatal: {what}")
        raise TaskFailed(what)

    # ---- talking to the back end ------------------------------------------------------------

    def put(self, bucket: str, key: str, value: Any) -> None:
        self.s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(value).encode(), ContentType="application/json")

    def progress(self, task_id: str, user_id: str, stage: str, percent: int) -> None:
        payload = {"userId": user_id, "currentStage": stage, "progressPercent": percent, "etaSeconds": None}
        self.send("GRAPH_GENERATION_PROGRESS", task_id, payload)

    def send_result(self, request_type: str, task_id: str, payload: dict[str, Any]) -> None:
        self.send(gc.RESULT_FOR_REQUEST[request_type], task_id, payload)

    def send(self, task_type: str, task_id: str, payload: dict[str, Any]) -> None:
        if self.broken == "nonconformant":
            # What a hand-built message often looks like: a naive UTC timestamp, no kit.
            body = json.dumps({
                "taskId": task_id,
                "taskType": task_type,
                "timestamp": datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None).isoformat(),
                "payload": payload,
            })
            self.sqs.send_message(QueueUrl=self.result_url, MessageBody=body)
            return
        message = gc.build_message(task_type, task_id, payload)
        self.sqs.send_message(QueueUrl=self.result_url, **gc.encode_for_sqs(message))

    def delete(self, message: dict[str, Any]) -> None:
        self.sqs.delete_message(QueueUrl=self.request_url, ReceiptHandle=message["ReceiptHandle"])


def _raw(body: str) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _failed(request_type: str, user_id: str | None, error: str) -> dict[str, Any]:
    if request_type.startswith("MICROSCOPE"):
        return {"user_id": user_id, "status": "FAILED", "error": error[:4096]}
    return {"userId": user_id, "status": "FAILED", "error": error[:4096]}


def build_graph(conversations: list[Any]) -> dict[str, Any]:
    """One node per conversation in one cluster: where your real pipeline goes."""
    nodes = [
        {
            "id": i,
            "orig_id": str(c.get("id", i)) if isinstance(c, dict) else str(i),
            "cluster_id": "cluster_0",
            "cluster_name": "All conversations",
            "keywords": [],
            "top_keywords": [],
        }
        for i, c in enumerate(conversations)
    ]
    return {
        "nodes": nodes,
        "edges": [],
        "subclusters": [],
        "metadata": {
            "generated_at": gc.now_timestamp(),
            "total_nodes": len(nodes),
            "total_edges": 0,
            "total_clusters": 1,
            "clusters": {"cluster_0": {"name": "All conversations", "size": len(nodes)}},
        },
    }


def build_summary(count: int) -> dict[str, Any]:
    return {
        "overview": {"total_source_nodes": count, "summary_text": f"{count} conversations."},
        "clusters": [{"cluster_id": "cluster_0", "name": "All conversations"}],
        "generated_at": gc.now_timestamp(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--broken", choices=["delete-early", "crash-on-missing", "nonconformant"])
    server = Server(parser.parse_args().broken)

    def stop(_signum: int, _frame: object) -> None:
        # Finish the request in hand; the loop ends before the next receive.
        server.stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"example AI server: reading {server.request_url}", flush=True)
    server.serve()


if __name__ == "__main__":
    main()
