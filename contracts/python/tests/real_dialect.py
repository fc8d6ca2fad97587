"""Messages and S3 objects built the way the real GraphNode parties build them today (from the
facts in the repository's catalogue, not their code): the AI server's pydantic models dumped with
model_dump_json (its own key order, every optional key present as null, timestamps from
datetime.utcnow().isoformat(): microseconds, no zone) and the back end's JSON.stringify with
new Date().toISOString() (milliseconds, Z). Each entry carries the findings the contract reports.

`python real_dialect.py --write` rewrites contracts/examples/real/ with a fixed clock; the tests
check the committed files against a fresh build and run the same builders on the real clock.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

USER = "3f1c2a9e-7b4d-4e2a-9c1b-5d6e7f8a9b0c"
ULID = "01JDQ6Z3X4K8M2N5P7R9S1T3V5"
BUCKET = "taco-graphnode-payloads"
GRAPH_TASK = f"task_{USER}_{ULID}"
ADD_NODE_TASK = f"task_add_node_{USER}_{ULID}"
TEST_ADD_NODE_TASK = f"task_test_add_node_{USER}_{ULID}"
SUMMARY_TASK = f"summary_{USER}_{ULID}"
FILE_TASK = f"task_microscope_file_{USER}_{ULID}_block"
NODE_TASK = f"task_microscope_node_{USER}_{ULID}_nonblock"
FIXED = datetime(2026, 5, 24, 8, 2, 17, 292321)  # naive, meant as UTC, like datetime.utcnow()

NAIVE = [{"path": "/timestamp", "rule": "timestamp-without-zone"}]


def js_iso(moment: datetime) -> str:
    """new Date().toISOString(): milliseconds and Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def ai_message(task_id: str, task_type: str, payload: dict[str, Any], now: datetime) -> dict[str, Any]:
    # The AI server's envelope model: its field order, timestamp=datetime.utcnow().isoformat().
    return {"taskId": task_id, "taskType": task_type, "payload": payload, "timestamp": now.isoformat()}


def be_message(task_id: str, task_type: str, payload: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {"taskId": task_id, "taskType": task_type, "timestamp": js_iso(now), "payload": payload}


def nine_keys(status: str, prefix: str, **set_: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "userId": USER,
        "status": status,
        "resultS3Key": None,
        "featuresS3Key": None,
        "error": None,
        "errorCode": None,
        "chatId": None,
        "summaryS3Key": None,
        "summaryIncluded": False,
    }
    if status == "COMPLETED":
        payload["resultS3Key"] = f"{prefix}graph_postprocessed.json"
        payload["featuresS3Key"] = f"{prefix}features.json"
    payload.update(set_)
    return payload


def microscope_result(status: str, **set_: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "user_id": USER,
        "group_id": "group-1",
        "status": status,
        "source_id": None,
        "chunks_count": None,
        "schema_name": None,
        "ingest_stats": None,
        "standardized_s3_key": None,
        "block_graph_s3_key": None,
        "images_s3_prefix": None,
        "error": None,
        "errorCode": None,
    }
    payload.update(set_)
    return payload


def graph_output(now: datetime) -> dict[str, Any]:
    """graph_postprocessed.json as the AI pipeline writes it."""
    nodes = [
        {
            "id": i,
            "orig_id": f"conv-{i}",
            "cluster_id": f"cluster_{i // 2}",
            "cluster_name": ["데이터 시각화", "머신러닝"][i // 2],
            "cluster_confidence": 0.87,
            "keywords": [{"term": "d3", "score": 0.91}, {"term": "차트", "score": 0.42}],
            "top_keywords": ["d3", "차트"],
            "num_messages": 6 + i,
            "create_time": 1716537737.123 + i * 60,
            "update_time": 1716541337.5 + i * 60,
            "subcluster_id": f"cluster_{i // 2}_sub_0",
        }
        for i in range(4)
    ]
    edges = [
        {"source": 0, "target": 1, "weight": 0.81, "type": "semantic", "confidence": "high", "is_intra_cluster": True},
        {"source": 1, "target": 2, "weight": 0.34, "type": "semantic", "confidence": "medium", "is_intra_cluster": False},
    ]
    subclusters = [
        {
            "id": f"cluster_{c}_sub_0",
            "cluster_id": f"cluster_{c}",
            "node_ids": [2 * c, 2 * c + 1],
            "representative_node_id": 2 * c,
            "size": 2,
            "density": 1.0,
            "internal_edges": 1 - c,
            "cohesion_score": 0.8,
            "top_keywords": ["d3"],
        }
        for c in range(2)
    ]
    metadata = {
        "generated_at": now.isoformat() + "Z",
        "total_nodes": 4,
        "total_edges": 2,
        "total_clusters": 2,
        "clusters": {
            "cluster_0": {"name": "데이터 시각화", "description": "차트와 D3", "size": 2, "key_themes": ["d3", "차트"]},
            "cluster_1": {"name": "머신러닝", "description": "학습 방법", "size": 2, "key_themes": ["지도학습"]},
        },
        "edge_statistics": {"semantic": 2, "intra_cluster": 1, "inter_cluster": 1},
        "subcluster_statistics": {"count": 2, "mean_size": 2.0},
        "timing": {"embedding": 1.25, "clustering": 0.4},
        "time_range": {"start": 1716537737.123, "end": 1716541517.5},
        "pipeline_params": {"min_clusters": 3, "max_clusters": 8},
        "source_files": ["conversations.json"],
        "post_processing": {"merged_small_clusters": 0},
        "total_subclusters": 2,
    }
    return {"nodes": nodes, "edges": edges, "subclusters": subclusters, "metadata": metadata}


def summary_object(now: datetime) -> dict[str, Any]:
    """summary.json as the AI's summary pipeline writes it."""
    return {
        "overview": {
            "total_source_nodes": 4,
            "total_conversations": 4,
            "total_notes": 0,
            "total_notions": 0,
            "total_files": 0,
            "file_counts_by_extension": {},
            "time_span": "2024-05-24 ~ 2024-05-24",
            "primary_interests": ["데이터 시각화", "머신러닝"],
            "conversation_style": "질문 중심",
            "most_active_period": "평일 오후",
            "summary_text": "두 가지 주제에 관심이 많습니다.",
        },
        "clusters": [
            {
                "cluster_id": "cluster_0",
                "name": "데이터 시각화",
                "size": 2,
                "density": 1.0,
                "centrality": 0.5,
                "recency": "active",
                "top_keywords": ["d3"],
                "key_themes": ["차트"],
                "common_question_types": ["how-to"],
                "insight_text": "차트를 자주 다룹니다.",
                "notable_conversations": ["conv-0"],
            }
        ],
        "patterns": [
            {"pattern_type": "repetition", "description": "같은 질문 반복", "evidence": ["conv-0"], "significance": "medium"}
        ],
        "connections": [
            {
                "source_cluster": "cluster_0",
                "target_cluster": "cluster_1",
                "connection_strength": 0.34,
                "bridge_keywords": ["python"],
                "description": "시각화와 학습 결과",
            }
        ],
        "recommendations": [
            {"type": "explore", "title": "더 알아보기", "description": "모델 평가 시각화", "related_nodes": ["conv-1"], "priority": "high"}
        ],
        "generated_at": now.isoformat(),
        "detail_level": "standard",
    }


def corpus(now: datetime) -> dict[str, dict[str, Any]]:
    """name -> {description, kind, findings, value}: every type, both result statuses."""
    later = now + timedelta(seconds=1)
    out: dict[str, dict[str, Any]] = {}

    def add(name: str, description: str, kind: str, value: Any, findings: list[dict[str, str]]) -> None:
        out[name] = {"description": description, "kind": kind, "findings": findings, "value": value}

    gprefix = f"graph-generation/{GRAPH_TASK}/"
    # Back end -> AI server: JSON.stringify, toISOString timestamps, every real task-id form.
    add("back-end/graph-generation-request", "graph generation request as the back end sends it", "message",
        be_message(GRAPH_TASK, "GRAPH_GENERATION_REQUEST", {
            "userId": USER, "s3Key": gprefix, "bucket": BUCKET, "includeSummary": True,
            "summaryLanguage": "ko", "language": "ko", "inputType": "auto", "minClusters": 3, "maxClusters": 8,
        }, now), [])
    add("back-end/add-node-request", "add-node request with its task_add_node_ id", "message",
        be_message(ADD_NODE_TASK, "ADD_NODE_REQUEST", {
            "userId": USER, "s3Key": f"add-node/{ADD_NODE_TASK}/batch.json", "bucket": BUCKET,
        }, now), [])
    add("back-end/add-node-request-test-path", "add-node request from the back end's test path (task_test_add_node_ id)",
        "message", be_message(TEST_ADD_NODE_TASK, "ADD_NODE_REQUEST", {
            "userId": USER, "s3Key": f"add-node/{TEST_ADD_NODE_TASK}/", "bucket": BUCKET, "inputType": "auto", "language": "ko",
        }, now), [])
    add("back-end/graph-summary-request", "summary request with its summary_ id", "message",
        be_message(SUMMARY_TASK, "GRAPH_SUMMARY_REQUEST", {
            "userId": USER, "graphS3Key": f"{gprefix}graph_postprocessed.json", "bucket": BUCKET, "language": "ko",
        }, now), [])
    add("back-end/microscope-ingest-request", "raw-file microscope ingest, snake_case", "message",
        be_message(FILE_TASK, "MICROSCOPE_INGEST_REQUEST", {
            "user_id": USER, "group_id": "group-1", "s3_key": f"microscope/{USER}/paper.pdf", "bucket": BUCKET,
            "file_name": "paper.pdf", "schema_name": "research", "ingest_mode": "raw_file", "block_mode": True,
        }, now), [])
    add("back-end/microscope-ingest-from-node-request", "microscope ingest of a note, snake_case", "message",
        be_message(NODE_TASK, "MICROSCOPE_INGEST_FROM_NODE_REQUEST", {
            "user_id": USER, "node_id": "note-7", "node_type": "note", "group_id": "group-1",
            "language": "ko", "ingest_mode": "from_graphnode", "block_mode": False,
        }, now), [])
    # AI server -> back end: pydantic dumps, naive utcnow().isoformat() timestamps.
    add("ai-server/graph-generation-progress", "progress of stage 1, Korean stage text", "message",
        ai_message(GRAPH_TASK, "GRAPH_GENERATION_PROGRESS", {
            "userId": USER, "currentStage": "[1단계] 임베딩 생성 시작", "progressPercent": 0, "etaSeconds": None,
        }, now), NAIVE)
    add("ai-server/graph-generation-progress-whole-second", "progress at a whole second: isoformat() writes no fraction",
        "message", ai_message(GRAPH_TASK, "GRAPH_GENERATION_PROGRESS", {
            "userId": USER, "currentStage": "[2단계] 클러스터링", "progressPercent": 50, "etaSeconds": 12,
        }, now.replace(microsecond=0)), NAIVE)
    add("ai-server/graph-generation-result-completed", "COMPLETED graph result: nine keys, nulls", "message",
        ai_message(GRAPH_TASK, "GRAPH_GENERATION_RESULT", nine_keys(
            "COMPLETED", gprefix, summaryS3Key=f"{gprefix}summary.json", summaryIncluded=True), later), NAIVE)
    add("ai-server/graph-generation-result-completed-summary-failed",
        "COMPLETED graph whose summary failed: error set on a COMPLETED result", "message",
        ai_message(GRAPH_TASK, "GRAPH_GENERATION_RESULT", nine_keys(
            "COMPLETED", gprefix, error="summary generation failed: timeout", summaryIncluded=False), later),
        [*NAIVE, {"path": "/payload/error", "rule": "completed-with-error"}])
    add("ai-server/graph-generation-result-failed", "FAILED graph result with errorCode and chatId", "message",
        ai_message(GRAPH_TASK, "GRAPH_GENERATION_RESULT", nine_keys(
            "FAILED", gprefix, error="no conversations in input", errorCode="INVALID_INPUT", chatId="chat-1"), later), NAIVE)
    add("ai-server/add-node-result-completed", "COMPLETED add-node result: the nine-key payload", "message",
        ai_message(ADD_NODE_TASK, "ADD_NODE_RESULT", nine_keys("COMPLETED", f"add-node/{ADD_NODE_TASK}/"), later), NAIVE)
    add("ai-server/add-node-result-failed", "FAILED add-node result", "message",
        ai_message(ADD_NODE_TASK, "ADD_NODE_RESULT", nine_keys(
            "FAILED", "", error="batch.json not found", errorCode="S3_NOT_FOUND"), later), NAIVE)
    add("ai-server/graph-summary-result-completed", "COMPLETED summary result", "message",
        ai_message(SUMMARY_TASK, "GRAPH_SUMMARY_RESULT", {
            "userId": USER, "status": "COMPLETED", "summaryS3Key": f"graph-summary/{SUMMARY_TASK}/summary.json",
            "chatId": None, "error": None, "errorCode": None,
        }, later), NAIVE)
    add("ai-server/graph-summary-result-failed", "FAILED summary sent with the graph-result payload", "message",
        ai_message(SUMMARY_TASK, "GRAPH_SUMMARY_RESULT", nine_keys(
            "FAILED", "", error="graph not found", errorCode="S3_NOT_FOUND"), later),
        [*NAIVE, {"path": "/payload", "rule": "summary-failed-with-graph-payload"}])
    add("ai-server/microscope-ingest-result-completed", "COMPLETED raw-file ingest", "message",
        ai_message(FILE_TASK, "MICROSCOPE_INGEST_RESULT", microscope_result(
            "COMPLETED", source_id="src-1", chunks_count=12, schema_name="research",
            ingest_stats={"chunks_stored": 12, "entities_stored": 30},
            standardized_s3_key=f"microscope/{FILE_TASK}/ingest_bundle.json",
            block_graph_s3_key=f"microscope/{FILE_TASK}/block_graph.json",
            images_s3_prefix=f"microscope/{FILE_TASK}/images/"), later), NAIVE)
    add("ai-server/microscope-ingest-result-failed", "FAILED raw-file ingest", "message",
        ai_message(FILE_TASK, "MICROSCOPE_INGEST_RESULT", microscope_result(
            "FAILED", error="unsupported file type", errorCode="UNSUPPORTED_FILE"), later), NAIVE)
    add("ai-server/microscope-ingest-from-node-result-completed", "COMPLETED from-node ingest", "message",
        ai_message(NODE_TASK, "MICROSCOPE_INGEST_FROM_NODE_RESULT", microscope_result(
            "COMPLETED", source_id="note-7", chunks_count=3), later), NAIVE)
    add("ai-server/microscope-ingest-from-node-result-failed", "FAILED from-node ingest", "message",
        ai_message(NODE_TASK, "MICROSCOPE_INGEST_FROM_NODE_RESULT", microscope_result(
            "FAILED", error="node not found", errorCode="NODE_NOT_FOUND"), later), NAIVE)
    add("ai-server/graph-output", "graph_postprocessed.json: semantic edges, epoch times, rich metadata",
        "graphOutput", graph_output(now), [])
    add("ai-server/summary", "summary.json: overview, cluster analyses, patterns, connections, recommendations",
        "summary", summary_object(now), [{"path": "/generated_at", "rule": "timestamp-without-zone"}])
    return out


REAL_DIR = Path(__file__).resolve().parents[2] / "examples" / "real"


def render(entry: dict[str, Any]) -> str:
    return json.dumps(entry, indent=2, ensure_ascii=False) + "\n"


def write(directory: Path = REAL_DIR) -> None:
    for name, entry in corpus(FIXED).items():
        path = directory / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(entry), encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    write()
