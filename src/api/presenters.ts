// How tasks and graphs look on the wire: ISO timestamps, progress grouped, internal keys hidden.

import type { Task } from '../core/domain/task.ts';
import type { GraphRecord } from '../core/ports/store.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentTask(task: Task) {
  return {
    taskId: task.taskId,
    kind: task.kind,
    status: task.status,
    progress: {
      percent: task.progressPercent,
      stage: task.currentStage,
      etaSeconds: task.etaSeconds,
    },
    error: task.error,
    createdAt: iso(task.createdAt),
    updatedAt: iso(task.updatedAt),
    completedAt: iso(task.completedAt),
    links: { self: `/v1/tasks/${task.taskId}` },
  };
}

export function presentGraph(graph: GraphRecord) {
  return {
    taskId: graph.taskId,
    updatedAt: iso(graph.updatedAt),
    graph: JSON.parse(graph.graphJson) as unknown,
    summary: graph.summaryJson === null ? null : (JSON.parse(graph.summaryJson) as unknown),
  };
}
